// First run: only the demo model is installed. A friendly start that suggests one model for this
// computer and lets the user try the demo first.
import { DownloadLine, InstallButton } from './catalog-list';
import { describeHardware } from './model-format';
import { useModelsStore } from './use-models-store';

export function ModelWelcome() {
  const overview = useModelsStore((s) => s.overview);
  const downloads = useModelsStore((s) => s.downloads);
  const dismissWelcome = useModelsStore((s) => s.dismissWelcome);
  if (overview === null) return null;
  const model = overview.catalog.find((m) => m.name === overview.recommended.name);
  const progress = model === undefined ? undefined : downloads[model.name];
  const running = progress?.state === 'downloading' || progress?.state === 'verifying';
  return (
    <section
      className="model-welcome"
      aria-labelledby="model-welcome-title"
      data-testid="model-welcome"
    >
      <h2 id="model-welcome-title" className="model-welcome-title">
        Choose the model that tags your photos
      </h2>
      <p className="model-welcome-text">
        Facet understands photos with a CLIP model that runs on this computer; nothing leaves it.
        Right now only the built-in demo model is installed: it knows coloured shapes, not real
        photos.
      </p>
      <p className="model-hardware" data-testid="model-hardware">
        This computer: {describeHardware(overview.hardware)}
        {overview.hardware.gpu === null && overview.hardware.note !== null && (
          <span className="model-hardware-note"> — {overview.hardware.note}</span>
        )}
      </p>
      {model !== undefined && (
        <div className="model-pick">
          <div className="model-pick-head">
            <span className="model-badge model-badge-accent">Recommended for you</span>
            <span className="model-title">{model.title}</span>
          </div>
          <p className="model-description">{overview.recommended.reason}</p>
          {running && progress !== undefined ? (
            <DownloadLine progress={progress} />
          ) : (
            <div className="model-pick-actions">
              <InstallButton model={model} primary />
              <button type="button" className="button" onClick={() => void dismissWelcome()}>
                Try the demo model first
              </button>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
