// The Export dialog's choices: scope, format, suggested tags, sidecar naming, and the opt-in
// (with its warning) to write into the photo files themselves.
import { AlertIcon } from '../components/icons';
import { formatCount } from '../format';
import { namingExample, useExportStore, type ExportFormat } from './use-export-store';

const FORMATS: readonly { id: ExportFormat; title: string; detail: string }[] = [
  { id: 'xmp', title: 'XMP sidecars', detail: 'Lightroom, digiKam, darktable, Immich' },
  { id: 'csv', title: 'CSV', detail: 'Tags and scores, one row per tag' },
  { id: 'json', title: 'JSON', detail: 'Tags and scores, one entry per photo' },
];

function Scope() {
  const selection = useExportStore((s) => s.selection);
  const preview = useExportStore((s) => s.preview);
  const what =
    selection === null ? 'The whole library' : formatCount(selection.length, 'selected photo');
  const counts =
    preview === null
      ? ''
      : `: ${formatCount(preview.tagged, 'photo')} with ${formatCount(preview.tags, 'tag')} to export (of ${formatCount(preview.photos, 'photo')})`;
  return (
    <p className="export-scope" data-testid="export-scope">
      {what}
      {counts}
    </p>
  );
}

function EmbedWarning() {
  const settings = useExportStore((s) => s.settings);
  const setSettings = useExportStore((s) => s.setSettings);
  return (
    <div className="export-warning" role="note" data-testid="embed-warning">
      <AlertIcon className="export-warning-icon" />
      <div>
        <p>
          This changes your photo files. Facet writes IPTC Keywords and XMP into each JPEG and TIFF
          (the image itself is not re-encoded); other formats keep only the sidecar.
        </p>
        <label className="export-check">
          <input
            type="checkbox"
            checked={settings.keepBackup}
            onChange={(event) => void setSettings({ keepBackup: event.target.checked })}
          />
          Keep a copy of each original first (photo.jpg_original)
        </label>
      </div>
    </div>
  );
}

export function ExportOptions() {
  const format = useExportStore((s) => s.format);
  const settings = useExportStore((s) => s.settings);
  const embed = useExportStore((s) => s.embed);
  const folder = useExportStore((s) => s.folder);
  const running = useExportStore((s) => s.running);
  const setFormat = useExportStore((s) => s.setFormat);
  const setSettings = useExportStore((s) => s.setSettings);
  const setEmbed = useExportStore((s) => s.setEmbed);
  const chooseFolder = useExportStore((s) => s.chooseFolder);
  return (
    <fieldset className="export-options" disabled={running !== null}>
      <Scope />
      <div className="export-formats" role="radiogroup" aria-label="Format">
        {FORMATS.map((option) => (
          <label
            key={option.id}
            className={format === option.id ? 'export-format is-chosen' : 'export-format'}
          >
            <input
              type="radio"
              name="export-format"
              value={option.id}
              checked={format === option.id}
              onChange={() => setFormat(option.id)}
            />
            <span className="export-format-title">{option.title}</span>
            <span className="export-format-detail">{option.detail}</span>
          </label>
        ))}
      </div>
      <label className="export-check">
        <input
          type="checkbox"
          checked={settings.includeSuggested}
          onChange={(event) => void setSettings({ includeSuggested: event.target.checked })}
        />
        Also export suggested tags above their thresholds (not only confirmed ones)
      </label>
      {format === 'xmp' ? (
        <>
          <div className="export-naming" role="radiogroup" aria-label="Sidecar name">
            <span className="export-label">Sidecar name</span>
            {(['ext', 'base'] as const).map((naming) => (
              <label key={naming} className="export-check">
                <input
                  type="radio"
                  name="sidecar-naming"
                  checked={settings.naming === naming}
                  onChange={() => void setSettings({ naming })}
                />
                <code>{namingExample(naming)}</code>
                {naming === 'ext' ? ' (digiKam, darktable)' : ' (Adobe)'}
              </label>
            ))}
          </div>
          <p className="export-note">
            Existing sidecars are merged, never replaced: their other fields and keywords stay.
          </p>
          <label className="export-check">
            <input
              type="checkbox"
              checked={embed}
              onChange={(event) => setEmbed(event.target.checked)}
            />
            Also write keywords into the JPEG and TIFF files themselves
          </label>
          {embed && <EmbedWarning />}
        </>
      ) : (
        <div className="export-folder">
          <span className="export-label">Save to</span>
          <span className="export-folder-path" data-testid="export-folder">
            {folder === null ? 'No folder chosen' : folder}
          </span>
          <button type="button" className="button" onClick={() => void chooseFolder()}>
            Choose folder…
          </button>
        </div>
      )}
    </fieldset>
  );
}
