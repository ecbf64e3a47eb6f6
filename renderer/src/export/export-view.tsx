// The Export view: what an export would write, and the dialogs that write tags out (XMP sidecars,
// originals, CSV, JSON) or read other apps' keywords in.
import { useEffect } from 'react';
import { ViewHeader } from '../components/view-header';
import { formatCount } from '../format';
import { ExportDialog } from './export-dialog';
import './export.css';
import { namingExample, useExportStore } from './use-export-store';

export function ExportView() {
  const connect = useExportStore((s) => s.connect);
  const open = useExportStore((s) => s.open);
  const preview = useExportStore((s) => s.preview);
  const settings = useExportStore((s) => s.settings);

  useEffect(() => {
    void connect();
  }, [connect]);

  return (
    <section className="export" aria-labelledby="export-title" aria-busy={preview === null}>
      <ViewHeader
        titleId="export-title"
        title="Export"
        summaryTestId="export-summary"
        summary={
          preview === null
            ? 'Counting the tags…'
            : `${preview.tagged.toLocaleString()} of ${formatCount(preview.photos, 'photo')} ${preview.tagged === 1 ? 'has' : 'have'} tags to export (${formatCount(preview.tags, 'tag')})`
        }
      >
        <div className="export-actions">
          <button type="button" className="button" onClick={() => open(null, 'import')}>
            Import keywords…
          </button>
          <button type="button" className="button button-primary" onClick={() => open(null)}>
            Export tags…
          </button>
        </div>
      </ViewHeader>
      <div className="export-cards">
        <article className="export-card">
          <h2 className="export-card-title">Where other apps see them</h2>
          <p>
            Confirmed tags go into an XMP sidecar beside each photo (
            <code>{namingExample(settings.naming)}</code>): every level in dc:subject, the path with
            | in lr:hierarchicalSubject for Lightroom and darktable, the path with / in
            digiKam:TagsList. Immich reads them too.
          </p>
        </article>
        <article className="export-card">
          <h2 className="export-card-title">Your keywords are safe</h2>
          <p>
            A sidecar that already exists is merged: its title, rating and keywords stay. Facet only
            removes keywords it wrote itself, and exporting twice changes nothing.
          </p>
        </article>
        <article className="export-card">
          <h2 className="export-card-title">Tables</h2>
          <p>CSV and JSON list every photo’s tags with their label set, state and score.</p>
        </article>
      </div>
      <ExportDialog />
    </section>
  );
}
