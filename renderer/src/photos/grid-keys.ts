// The grid's arrow keys: left / right step one photo, up / down one row, Home / End to the ends;
// Shift extends the selection from its anchor, Enter opens the photo under the keyboard.
import { useEffect } from 'react';
import { gridItems, usePhotosStore } from './use-photos-store';

/** The grid index a key moves to from `from`, or null when the key is not a move. */
export function movedIndex(key: string, from: number, columns: number, count: number) {
  const steps: Record<string, number> = {
    ArrowLeft: from - 1,
    ArrowRight: from + 1,
    ArrowUp: from - columns,
    ArrowDown: from + columns,
    Home: 0,
    End: count - 1,
  };
  const to = steps[key];
  if (to === undefined) return null;
  // Up on the first row and down on the last stay put rather than jump to a row's end.
  if (to < 0 || to >= count) return key === 'ArrowUp' || key === 'ArrowDown' ? from : null;
  return to;
}

const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || target.closest('input, select, textarea, [role="dialog"]') !== null);

export function useGridKeys(columns: number): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
      const store = usePhotosStore.getState();
      if (store.viewing !== null || document.querySelector('[data-review-open]') !== null) return;
      const { count } = gridItems(store);
      if (count === 0) return;
      if (event.key === 'Enter') {
        if (store.focus === null) return;
        store.open(store.focus);
      } else {
        const from = store.focus ?? -1;
        const to =
          from < 0
            ? event.key.startsWith('Arrow') || event.key === 'Home'
              ? 0
              : event.key === 'End'
                ? count - 1
                : null
            : movedIndex(event.key, from, columns, count);
        if (to === null) return;
        store.moveFocus(to, event.shiftKey);
      }
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [columns]);
}
