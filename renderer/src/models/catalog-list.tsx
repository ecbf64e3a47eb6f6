// The catalog: every model Facet can install, with what to expect of it and a live download.
import type { CatalogModelSummary, ModelDownloadProgress } from '../../../preload/contract/models';
import { ProgressBar } from '../components/progress-bar';
import { formatBytes, formatDownload, SPEED_WORDS } from './model-format';
import { useModelsStore } from './use-models-store';

function facts(model: CatalogModelSummary): string[] {
  const list = [`${model.embedDim}-d`, `${model.imageSize} px`];
  if (model.approxDownloadMiB !== null)
    list.push(`~${formatBytes(model.approxDownloadMiB * 1024 * 1024)}`);
  if (model.memoryMiB !== null) list.push(`${formatBytes(model.memoryMiB * 1024 * 1024)} memory`);
  if (model.languages.includes('multilingual')) list.push('many languages');
  return list;
}

export function DownloadLine({ progress }: { readonly progress: ModelDownloadProgress }) {
  const cancel = useModelsStore((s) => s.cancel);
  const total = progress.totalBytes ?? 0;
  return (
    <div className="model-download" data-testid={`download-${progress.name}`}>
      <ProgressBar
        done={progress.state === 'verifying' ? total : progress.receivedBytes}
        total={total}
        label={`Downloading ${progress.name}`}
      />
      <div className="model-download-foot">
        <span className="model-download-text">{formatDownload(progress)}</span>
        {progress.state === 'downloading' && (
          <button type="button" className="button" onClick={() => void cancel(progress.name)}>
            Cancel
          </button>
        )}
      </div>
    </div>
  );
}

export function InstallButton({
  model,
  primary = false,
}: {
  readonly model: CatalogModelSummary;
  readonly primary?: boolean;
}) {
  const install = useModelsStore((s) => s.install);
  const className = primary ? 'button button-primary' : 'button';
  if (model.installed) return <span className="model-badge model-badge-ok">Installed</span>;
  if (!model.downloadable) return null;
  const label =
    model.partialBytes !== null
      ? `Resume (${formatBytes(model.partialBytes)} done)`
      : model.approxDownloadMiB !== null
        ? `Install · ~${formatBytes(model.approxDownloadMiB * 1024 * 1024)}`
        : 'Install';
  return (
    <button
      type="button"
      className={className}
      data-testid={`install-${model.name}`}
      onClick={() => void install(model.name)}
    >
      {label}
    </button>
  );
}

function CatalogRow({
  model,
  recommended,
}: {
  readonly model: CatalogModelSummary;
  readonly recommended: boolean;
}) {
  const progress = useModelsStore((s) => s.downloads[model.name]);
  const running = progress?.state === 'downloading' || progress?.state === 'verifying';
  return (
    <li className="model-row" data-testid={`catalog-${model.name}`}>
      <div className="model-main">
        <div className="model-title-line">
          <span className="model-title">{model.title}</span>
          {recommended && <span className="model-badge model-badge-accent">Recommended</span>}
          <span className={`model-badge model-speed-${model.speed.replace(' ', '-')}`}>
            {SPEED_WORDS[model.speed] ?? model.speed}
          </span>
          <span className="model-badge">
            {model.device === 'gpu' ? 'GPU advised' : 'Fine on CPU'}
          </span>
        </div>
        <div className="model-name">{model.name}</div>
        <p className="model-description">{model.description}</p>
        <div className="model-facts">{facts(model).join(' · ')}</div>
        {!model.downloadable && model.exportCommand !== null && (
          <code className="model-command">{model.exportCommand}</code>
        )}
        {running && progress !== undefined && <DownloadLine progress={progress} />}
        {progress?.state === 'failed' && progress.error !== null && (
          <p className="model-error" role="alert">
            {progress.error}
          </p>
        )}
      </div>
      <div className="model-action">{!running && <InstallButton model={model} />}</div>
    </li>
  );
}

export function CatalogList() {
  const overview = useModelsStore((s) => s.overview);
  if (overview === null) return null;
  return (
    <ul className="model-list" aria-label="Model catalog">
      {overview.catalog.map((model) => (
        <CatalogRow
          key={model.name}
          model={model}
          recommended={model.name === overview.recommended.name}
        />
      ))}
    </ul>
  );
}
