// Pause, resume and cancel of the index run in progress, beside its progress in the status bar.
import { useEngineStore } from '../stores/engine-store';
import { PauseIcon, PlayIcon, StopIcon } from '../components/icons';

export function IndexControls() {
  const indexRun = useEngineStore((s) => s.indexRun);
  const pauseIndex = useEngineStore((s) => s.pauseIndex);
  const resumeIndex = useEngineStore((s) => s.resumeIndex);
  const cancelIndex = useEngineStore((s) => s.cancelIndex);
  if (indexRun === 'idle') return null;
  const stopping = indexRun === 'cancelling';
  return (
    <span className="index-controls">
      {indexRun === 'paused' ? (
        <button
          type="button"
          className="icon-button icon-button-small"
          onClick={() => void resumeIndex()}
          aria-label="Resume indexing"
          title="Resume indexing"
        >
          <PlayIcon className="button-icon" />
        </button>
      ) : (
        <button
          type="button"
          className="icon-button icon-button-small"
          onClick={() => void pauseIndex()}
          disabled={stopping}
          aria-label="Pause indexing"
          title="Pause indexing (what is done is kept)"
        >
          <PauseIcon className="button-icon" />
        </button>
      )}
      <button
        type="button"
        className="icon-button icon-button-small"
        onClick={() => void cancelIndex()}
        disabled={stopping}
        aria-label="Cancel indexing"
        title="Stop indexing (what is done is kept; the rest is indexed next time)"
      >
        <StopIcon className="button-icon" />
      </button>
    </span>
  );
}
