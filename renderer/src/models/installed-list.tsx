// The models on this computer, the active one marked, with a switch for the others.
import { formatCount } from '../format';
import { formatBytes } from './model-format';
import { useModelsStore } from './use-models-store';

export function InstalledList() {
  // The list itself, not `?? []`: a new array on every call would re-render forever.
  const installed = useModelsStore((s) => s.overview?.installed);
  const switching = useModelsStore((s) => s.switching);
  const use = useModelsStore((s) => s.use);
  return (
    <ul className="model-list" aria-label="Installed models">
      {installed?.map((model) => (
        <li
          key={model.id}
          className={model.active ? 'model-row model-row-active' : 'model-row'}
          data-testid={`installed-${model.id}`}
        >
          <div className="model-main">
            <div className="model-title-line">
              <span className="model-title">{model.name}</span>
              {model.active && <span className="model-badge model-badge-accent">Active</span>}
              {model.builtIn && (
                <span className="model-badge">Demo · knows only coloured shapes</span>
              )}
            </div>
            <div className="model-facts">
              {[
                model.embedDim === null ? null : `${model.embedDim}-d`,
                model.imageSize === null ? null : `${model.imageSize} px`,
                formatBytes(model.bytes),
                `${formatCount(model.embeddedPhotos, 'photo')} indexed with it`,
              ]
                .filter((part) => part !== null)
                .join(' · ')}
            </div>
          </div>
          <div className="model-action">
            {!model.active && (
              <button
                type="button"
                className="button"
                data-testid={`use-${model.id}`}
                disabled={switching !== null}
                aria-busy={switching === model.id}
                onClick={() => void use(model.id)}
              >
                {switching === model.id ? 'Switching…' : 'Use this model'}
              </button>
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}
