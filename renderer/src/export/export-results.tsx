// What an export or import did (or would do, in a preview): a summary line and the files.
import type {
  KeywordChange,
  KeywordImportReport,
  XmpExportReport,
  XmpFileResult,
} from '../../../preload/contract/export';
import { formatCount } from '../format';

const FIELD = {
  subject: 'dc:subject',
  hierarchicalSubject: 'lr:hierarchicalSubject',
  tagsList: 'digiKam:TagsList',
  iptcKeywords: 'IPTC Keywords',
  lastKeywordXmp: 'MicrosoftPhoto:LastKeywordXMP',
  catalogSets: 'mediapro:CatalogSets',
} as const;

function fileName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

/** The keywords a file gains and loses, from its flat subject list (every app reads that one). */
function changeText(changes: readonly KeywordChange[]): string {
  const main = changes.find((c) => c.field === 'tagsList') ?? changes[0];
  if (main === undefined) return '';
  const parts = [...main.added.map((v) => `+ ${v}`), ...main.removed.map((v) => `− ${v}`)];
  return `${parts.join('  ')}  (${changes.map((c) => FIELD[c.field]).join(', ')})`;
}

const ACTION: Record<XmpFileResult['action'], [done: string, planned: string]> = {
  create: ['Created', 'Will create'],
  update: ['Updated', 'Will update'],
  unchanged: ['Up to date', 'Up to date'],
  skipped: ['Skipped', 'Will skip'],
  failed: ['Failed', 'Cannot write'],
};

export function XmpResults({ report }: { readonly report: XmpExportReport }) {
  const s = report.summary;
  const listed = report.files.filter((file) => file.action !== 'unchanged');
  const summary = report.dryRun
    ? `Preview: ${formatCount(s.created, 'sidecar')} to create, ${formatCount(s.updated, 'file')} to update, ${s.unchanged.toLocaleString()} up to date${s.failed > 0 ? `, ${s.failed} cannot be written` : ''}. Nothing was written.`
    : `${formatCount(s.created, 'sidecar')} created, ${formatCount(s.updated, 'file')} updated, ${s.unchanged.toLocaleString()} already up to date${s.skipped > 0 ? `, ${s.skipped} skipped` : ''}${s.failed > 0 ? `, ${s.failed} failed` : ''}.`;
  return (
    <div className="export-results" data-testid="export-results">
      <p className={s.failed > 0 ? 'export-summary has-failures' : 'export-summary'}>{summary}</p>
      {listed.length > 0 && (
        <ul className="export-files">
          {listed.map((file) => (
            <li
              key={`${file.kind}:${file.path}:${file.target}`}
              className={`export-file is-${file.action}`}
              data-testid="export-file"
            >
              <span className="export-file-action">
                {ACTION[file.action][report.dryRun ? 1 : 0]}
              </span>
              <span className="export-file-name" title={file.target}>
                {fileName(file.target)}
              </span>
              <span className="export-file-detail">{file.error ?? changeText(file.changes)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function ImportResults({ report }: { readonly report: KeywordImportReport }) {
  const s = report.summary;
  const summary = report.dryRun
    ? `Preview: ${formatCount(s.withKeywords, 'photo')} of ${s.photos.toLocaleString()} hold keywords; ${formatCount(s.labelsAdded, 'new label')} would go into “Imported”. Nothing was changed.`
    : `${formatCount(s.confirmed, 'tag')} confirmed on ${formatCount(s.withKeywords, 'photo')}; ${formatCount(s.labelsAdded, 'new label')} added to “Imported”${s.failed > 0 ? `; ${s.failed} could not be read` : ''}.`;
  return (
    <div className="export-results" data-testid="import-results">
      <p className={s.failed > 0 ? 'export-summary has-failures' : 'export-summary'}>{summary}</p>
      {report.files.length > 0 && (
        <ul className="export-files">
          {report.files.map((file) => (
            <li key={file.path} className="export-file is-import" data-testid="import-file">
              <span className="export-file-name" title={file.path}>
                {fileName(file.path)}
              </span>
              <span className="export-file-detail">
                {file.error ??
                  file.labels
                    .map((l) => `${l.label}${l.added ? ' (new)' : ` (${l.labelSetName})`}`)
                    .join(', ')}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
