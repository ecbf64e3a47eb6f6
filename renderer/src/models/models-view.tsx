// The Models screen: a first-run welcome, the installed models with the active one, the catalog.
import { useEffect } from 'react';
import { AlertIcon, CheckIcon, CloseIcon } from '../components/icons';
import { deviceLabel } from '../format';
import { useEngineStore } from '../stores/engine-store';
import { CatalogList } from './catalog-list';
import { InstalledList } from './installed-list';
import { ModelWelcome } from './model-welcome';
import './models.css';
import { describeHardware } from './model-format';
import { useModelsStore } from './use-models-store';

function Messages() {
  const error = useModelsStore((s) => s.error);
  const notice = useModelsStore((s) => s.notice);
  const clear = useModelsStore((s) => s.clearMessages);
  if (error === null && notice === null) return null;
  return (
    <div
      className={error !== null ? 'notice notice-error' : 'notice'}
      role={error !== null ? 'alert' : 'status'}
      data-testid="models-message"
    >
      {error !== null ? (
        <AlertIcon className="notice-icon" />
      ) : (
        <CheckIcon className="notice-icon" />
      )}
      <div className="notice-body">
        <p className="notice-message">{error ?? notice}</p>
      </div>
      <button type="button" className="icon-button" aria-label="Dismiss" onClick={clear}>
        <CloseIcon className="button-icon" />
      </button>
    </div>
  );
}

export function ModelsView() {
  const overview = useModelsStore((s) => s.overview);
  const importing = useModelsStore((s) => s.importing);
  const connect = useModelsStore((s) => s.connect);
  const importFolder = useModelsStore((s) => s.importFolder);
  const device = useEngineStore((s) => deviceLabel(s.status?.device ?? null));

  useEffect(() => {
    void connect();
  }, [connect]);

  const active = overview?.installed.find((m) => m.active);
  return (
    <section className="models" aria-labelledby="models-title" aria-busy={overview === null}>
      <header className="library-header">
        <div>
          <h1 id="models-title" className="library-title">
            Models
          </h1>
          <p className="library-summary" data-testid="models-summary">
            {active === undefined
              ? 'Reading the models…'
              : `Using ${active.name}${device === null ? '' : ` on ${device}`}`}
          </p>
        </div>
        <button
          type="button"
          className="button"
          disabled={importing}
          aria-busy={importing}
          onClick={() => void importFolder()}
        >
          {importing ? 'Checking the model…' : 'Import model folder…'}
        </button>
      </header>
      <Messages />
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
