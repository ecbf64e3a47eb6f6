// Undo and Redo in the header, each naming the step it takes back or does again.
import { useEffect } from 'react';
import { useLabelsStore } from '../labels/use-labels-store';
import { useEngineStore } from '../stores/engine-store';
import { useHistoryStore } from '../stores/history-store';
import { useViewStore } from '../stores/view-store';
import { redoAction, undoAction } from '../undo';

export function HistoryButtons() {
  // Subscribed so the buttons follow every source of steps.
  useHistoryStore((s) => s.history);
  useLabelsStore((s) => s.undo);
  useViewStore((s) => s.current);
  const load = useHistoryStore((s) => s.load);
  const error = useHistoryStore((s) => s.error);
  const engine = useEngineStore((s) => s.status?.state);
  useEffect(() => {
    if (engine === 'ready' || engine === 'indexing') void load();
  }, [load, engine]);
  const undo = undoAction();
  const redo = redoAction();
  return (
    <div className="history-buttons">
      <button
        type="button"
        className="button"
        disabled={undo === null}
        title={undo === null ? 'Nothing to undo' : `Undo ${undo.description} (Ctrl+Z)`}
        onClick={() => void undo?.run()}
      >
        <span className="history-label">
          {undo === null ? 'Undo' : `Undo: ${undo.description}`}
        </span>
      </button>
      <button
        type="button"
        className="button"
        disabled={redo === null}
        title={redo === null ? 'Nothing to redo' : `Redo ${redo.description} (Ctrl+Shift+Z)`}
        onClick={() => void redo?.run()}
      >
        <span className="history-label">
          {redo === null ? 'Redo' : `Redo: ${redo.description}`}
        </span>
      </button>
      {error !== null && (
        <span className="history-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
