// The engine at a glance: what it is doing, with which model, on which device, over how much.
import type { EngineState, EngineStatus } from '../../../preload/contract';
import { deviceLabel, formatCount } from '../format';
import { useEngineStore } from '../stores/engine-store';
import { ProgressBar } from './progress-bar';

function stateLabel(status: EngineStatus | null, connectError: string | null): string {
  if (status === null) return connectError === null ? 'Starting engine…' : 'Engine unavailable';
  const labels: Record<EngineState, string> = {
    starting: 'Starting engine…',
    ready: 'Ready',
    indexing: 'Indexing',
    error: 'Engine error',
    restarting: 'Restarting engine…',
  };
  return labels[status.state];
}

export function StatusBar() {
  const status = useEngineStore((s) => s.status);
  const connectError = useEngineStore((s) => s.connectError);
  const state: EngineState = status?.state ?? (connectError === null ? 'starting' : 'error');
  const progress = status?.state === 'indexing' ? status.progress : null;
  const detail = status?.message ?? connectError;
  const device = deviceLabel(status?.device ?? null);

  return (
    <footer className="status-bar">
      <div
        className="status-engine"
        data-testid="status-engine"
        data-state={state}
        role="status"
        title={detail ?? undefined}
      >
        <span className="status-dot" aria-hidden="true" />
        <span className="status-state">{stateLabel(status, connectError)}</span>
        {progress !== null && (
          <>
            <ProgressBar done={progress.done} total={progress.total} label="Indexing" compact />
            <span className="status-count">
              {progress.done.toLocaleString()} / {progress.total.toLocaleString()}
            </span>
          </>
        )}
        {detail !== null && state === 'error' && <span className="status-detail">{detail}</span>}
      </div>
      <div className="status-items">
        <span className="status-item" data-testid="status-model">
          <span className="status-key">Model</span>
          {status?.model?.name ?? 'None installed'}
        </span>
        <span
          className="status-item"
          data-testid="status-device"
          title={device === null ? 'Chosen when the model first loads' : undefined}
        >
          <span className="status-key">Runs on</span>
          {device ?? '—'}
        </span>
        <span className="status-item" data-testid="status-library">
          <span className="status-key">Library</span>
          {status === null
            ? '—'
            : `${formatCount(status.library.files, 'photo')} · ${status.library.embedded.toLocaleString()} embedded`}
        </span>
      </div>
    </footer>
  );
}
