// The Export dialog: XMP sidecars (and, behind a warning, the originals), CSV or JSON; a preview
// that writes nothing, progress while it runs, and what it did. Any view may render it and open
// it for its selection with useExportStore.getState().open(fileIds).
import { useEffect, useRef } from 'react';
import { AlertIcon, CloseIcon } from '../components/icons';
import { ProgressBar } from '../components/progress-bar';
import { formatCount } from '../format';
import { ExportOptions } from './export-options';
import './export.css';
import { ImportResults, XmpResults } from './export-results';
import { useExportStore } from './use-export-store';

function Progress() {
  const progress = useExportStore((s) => s.progress);
  const running = useExportStore((s) => s.running);
  if (running === null) return null;
  const done = progress?.done ?? 0;
  const total = progress?.total ?? 0;
  const verb = running.startsWith('import') ? 'Reading keywords' : 'Exporting';
  return (
    <div className="export-progress" data-testid="export-progress">
      <p className="export-progress-text">
        {total > 0
          ? `${verb}: ${done.toLocaleString()} of ${formatCount(total, 'photo')}`
          : `${verb}…`}
      </p>
      <ProgressBar done={done} total={Math.max(total, 1)} label={verb} />
    </div>
  );
}

function ErrorLine() {
  const error = useExportStore((s) => s.error);
  if (error === null) return null;
  return (
    <div className="notice notice-error" role="alert">
      <AlertIcon className="notice-icon" />
      <div className="notice-body">
        <p className="notice-message">{error}</p>
      </div>
    </div>
  );
}

function ExportBody() {
  const format = useExportStore((s) => s.format);
  const embed = useExportStore((s) => s.embed);
  const preview = useExportStore((s) => s.preview);
  const running = useExportStore((s) => s.running);
  const folder = useExportStore((s) => s.folder);
  const xmpReport = useExportStore((s) => s.xmpReport);
  const tableReport = useExportStore((s) => s.tableReport);
  const runExport = useExportStore((s) => s.runExport);
  const close = useExportStore((s) => s.close);
  const nothing = preview !== null && format === 'xmp' && preview.tagged === 0;
  return (
    <>
      <ExportOptions />
      <ErrorLine />
      <Progress />
      {xmpReport !== null && running === null && <XmpResults report={xmpReport} />}
      {tableReport !== null && running === null && (
        <p className="export-summary" data-testid="export-results">
          {`Wrote ${formatCount(tableReport.tags, 'tag')} of ${formatCount(tableReport.photos, 'photo')} to ${tableReport.path ?? ''}.`}
        </p>
      )}
      <footer className="dialog-footer">
        <span className="dialog-footnote">
          {nothing ? 'No photo in this scope has a tag to export yet.' : null}
        </span>
        <button type="button" className="button" onClick={close} disabled={running !== null}>
          Close
        </button>
        {format === 'xmp' && (
          <button
            type="button"
            className="button"
            disabled={running !== null}
            onClick={() => void runExport(true)}
          >
            Preview changes
          </button>
        )}
        <button
          type="button"
          className="button button-primary"
          disabled={running !== null || (format !== 'xmp' && folder === null)}
          aria-busy={running === 'export'}
          onClick={() => void runExport(false)}
        >
          {format === 'xmp' ? (embed ? 'Write sidecars and photos' : 'Write sidecars') : 'Export'}
        </button>
      </footer>
    </>
  );
}

function ImportBody() {
  const running = useExportStore((s) => s.running);
  const report = useExportStore((s) => s.importReport);
  const runImport = useExportStore((s) => s.runImport);
  const close = useExportStore((s) => s.close);
  return (
    <>
      <p className="dialog-text">
        Reads the keywords in each photo’s XMP sidecar (photo.jpg.xmp or photo.xmp) and in the photo
        itself, and confirms them as tags. Keywords that match a label of an active label set go to
        that label; the others become labels of a new “Imported” label set.
      </p>
      <ErrorLine />
      <Progress />
      {report !== null && running === null && <ImportResults report={report} />}
      <footer className="dialog-footer">
        <span className="dialog-footnote" />
        <button type="button" className="button" onClick={close} disabled={running !== null}>
          Close
        </button>
        <button
          type="button"
          className="button"
          disabled={running !== null}
          onClick={() => void runImport(true)}
        >
          Preview
        </button>
        <button
          type="button"
          className="button button-primary"
          disabled={running !== null}
          onClick={() => void runImport(false)}
        >
          Import keywords
        </button>
      </footer>
    </>
  );
}

export function ExportDialog() {
  const dialog = useExportStore((s) => s.dialog);
  const close = useExportStore((s) => s.close);
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (dialog === null) return;
    panel.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') close();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dialog, close]);

  if (dialog === null) return null;
  const title = dialog === 'export' ? 'Export tags' : 'Import keywords';
  return (
    <div className="dialog-backdrop">
      <div
        ref={panel}
        className="dialog export-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="export-dialog-title"
        tabIndex={-1}
      >
        <header className="dialog-header">
          <h2 id="export-dialog-title" className="dialog-title">
            {title}
          </h2>
          <button type="button" className="icon-button" aria-label="Close" onClick={close}>
            <CloseIcon className="button-icon" />
          </button>
        </header>
        {dialog === 'export' ? <ExportBody /> : <ImportBody />}
      </div>
    </div>
  );
}
