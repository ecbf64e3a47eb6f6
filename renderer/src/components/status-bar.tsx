// The engine at a glance: what it is doing, with which model, on which device, over how much.
import { useEffect } from 'react';
import type { EngineState, EngineStatus } from '../../../preload/contract';
import { deviceLabel, folderName, formatCount, formatEta, formatRate } from '../format';
import { HelpButton } from '../help/help-overlay';
import { useEngineStore } from '../stores/engine-store';
import { recordEvent } from '../test-events';
import { IndexControls } from '../library/index-controls';
import '../library/library.css';
import { ProgressBar } from './progress-bar';
import { RepairLibrary } from '../library/repair-library';

function stateLabel(status: EngineStatus | null, connectError: string | null): string {
  if (status === null) return connectError === null ? 'Starting engine…' : 'Engine unavailable';
  if (status.modelLoading === true && status.state !== 'error') return 'Loading the model…';
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
  const indexRun = useEngineStore((s) => s.indexRun);
  const state: EngineState = status?.state ?? (connectError === null ? 'starting' : 'error');
  const progress = status?.state === 'indexing' ? status.progress : null;
  const detail = status?.message ?? connectError;
  const device = deviceLabel(status?.device ?? null);
  const modelLoading = status?.modelLoading === true;
  useEffect(() => {
    if (modelLoading) recordEvent('model-loading-shown');
  }, [modelLoading]);

  return (
    <footer className="status-bar">
      <RepairLibrary detail={state === 'error' ? detail : null} />
      <div
        className="status-engine"
        data-testid="status-engine"
        data-state={modelLoading && state === 'ready' ? 'loading' : state}
        role="status"
        title={detail ?? undefined}
      >
        <span className="status-dot" aria-hidden="true" />
        <span className="status-state">
          {indexRun === 'paused'
            ? 'Indexing paused'
            : indexRun === 'cancelling'
              ? 'Stopping…'
              : stateLabel(status, connectError)}
        </span>
        {progress !== null && (
          <>
            <ProgressBar done={progress.done} total={progress.total} label="Indexing" compact />
            <span className="status-count" data-testid="status-progress">
              {progress.done.toLocaleString()} / {progress.total.toLocaleString()}
            </span>
            {indexRun !== 'paused' && (
              <span className="status-rate">
                {[formatRate(progress.filesPerSecond), formatEta(progress.etaSeconds)]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
            )}
            {progress.currentFolder !== null && (
              <span className="status-folder" title={progress.currentFolder}>
                {folderName(progress.currentFolder)}
              </span>
            )}
            <IndexControls />
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
            : modelLoading && status.library.embedded === 0
              ? formatCount(status.library.files, 'photo')
              : `${formatCount(status.library.files, 'photo')} · ${status.library.embedded.toLocaleString()} embedded`}
        </span>
        <HelpButton />
      </div>
    </footer>
  );
}
