// Undo and redo for the whole window: the newest of the library's tag steps and (in the Labels
// view) the label set edits, by the header's buttons or Ctrl+Z / Ctrl+Shift+Z in every view.
import { useEffect } from 'react';
import { useLabelsStore } from './labels/use-labels-store';
import { useHistoryStore } from './stores/history-store';
import { useViewStore } from './stores/view-store';

export interface UndoAction {
  /** What it takes back or does again, as the button names it: 'reject "red" on 1 photo'. */
  readonly description: string;
  run(): Promise<void>;
}

/** The step Undo takes back now: a label edit when it is newer than the last tag step. */
export function undoAction(): UndoAction | null {
  const tag = useHistoryStore.getState().history.undo;
  const labels = useLabelsStore.getState();
  const edit = useViewStore.getState().current === 'labels' ? labels.undo.at(-1) : undefined;
  if (edit !== undefined && (tag === null || edit.at >= tag.at))
    return { description: edit.description, run: () => labels.undoLast() };
  if (tag === null) return null;
  return { description: tag.description, run: () => useHistoryStore.getState().undo() };
}

/** The step Redo does again (tag steps; a label edit is made again by hand). */
export function redoAction(): UndoAction | null {
  const tag = useHistoryStore.getState().history.redo;
  if (tag === null) return null;
  return { description: tag.description, run: () => useHistoryStore.getState().redo() };
}

const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/** Ctrl+Z undoes, Ctrl+Shift+Z (and Ctrl+Y) redoes, except while typing in a field. */
export function useUndoKeys(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || typing(event.target)) return;
      const key = event.key.toLowerCase();
      const redo = (key === 'z' && event.shiftKey) || (key === 'y' && !event.shiftKey);
      if (key !== 'z' && !redo) return;
      const action = redo ? redoAction() : undoAction();
      event.preventDefault();
      if (action !== null) void action.run();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
