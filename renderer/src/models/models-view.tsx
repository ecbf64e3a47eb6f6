// The Models screen: a first-run welcome, the installed models with the active one, the catalog.
import { useEffect } from 'react';
import { ViewHeader } from '../components/view-header';
import { ViewMessage } from '../components/view-message';
import { deviceLabel } from '../format';
import { useEngineStore } from '../stores/engine-store';
import { CatalogList } from './catalog-list';
import { InstalledList } from './installed-list';
import { ModelWelcome } from './model-welcome';
import './models.css';
import { describeHardware } from './model-format';
import { useModelsStore } from './use-models-store';

export function ModelsView() {
  const overview = useModelsStore((s) => s.overview);
  const importing = useModelsStore((s) => s.importing);
  const connect = useModelsStore((s) => s.connect);
  const importFolder = useModelsStore((s) => s.importFolder);
  const error = useModelsStore((s) => s.error);
  const notice = useModelsStore((s) => s.notice);
  const clearMessages = useModelsStore((s) => s.clearMessages);
  const device = useEngineStore((s) => deviceLabel(s.status?.device ?? null));

  useEffect(() => {
    void connect();
  }, [connect]);

  const active = overview?.installed.find((m) => m.active);
  return (
    <section className="models" aria-labelledby="models-title" aria-busy={overview === null}>
      <ViewHeader
        titleId="models-title"
        title="Models"
        summaryTestId="models-summary"
        summary={
          active === undefined
            ? 'Reading the models…'
            : `Using ${active.name}${device === null ? '' : ` on ${device}`}`
        }
      >
        <button
          type="button"
          className="button"
          disabled={importing}
          aria-busy={importing}
          onClick={() => void importFolder()}
        >
          {importing ? 'Checking the model…' : 'Import model folder…'}
        </button>
      </ViewHeader>
      <ViewMessage
        error={error}
        notice={notice}
        onDismiss={clearMessages}
        testId="models-message"
      />
      {overview?.firstRun === true && <ModelWelcome />}
      <h2 className="section-title">Installed</h2>
      <InstalledList />
      <h2 className="section-title">Catalog</h2>
      {overview !== null && overview.firstRun === false && (
        <p className="model-hardware" data-testid="model-hardware">
          This computer: {describeHardware(overview.hardware)}. Suggested:{' '}
          <strong>{overview.recommended.name}</strong>.
        </p>
      )}
      <CatalogList />
    </section>
  );
}
