// The library's tag history (every decision, bulk action and import is one step) and the Labels
// view's own edits, undone newest first by the header's buttons and Ctrl+Z / Ctrl+Shift+Z.
import { create } from 'zustand';
import type { TagHistory } from '../../../preload/contract/labels';
import { facet } from '../engine-call';
import { userMessage } from '../error-message';
import { recordEvent } from '../test-events';

interface HistoryStore {
  readonly history: TagHistory;
  readonly error: string | null;
  load(): Promise<void>;
  undo(): Promise<void>;
  redo(): Promise<void>;
}

let listening = false;

export const useHistoryStore = create<HistoryStore>()((set, get) => {
  const move = async (direction: 'undo' | 'redo') => {
    try {
      await facet.tags[direction]();
      await get().load();
      recordEvent(direction === 'undo' ? 'tags-undone' : 'tags-redone');
    } catch (error) {
      set({ error: userMessage(error) });
    }
  };
  return {
    history: { undo: null, redo: null },
    error: null,
    async load() {
      if (!listening) {
        listening = true;
        // Steps taken in any view, another window or the command line's engine show up here.
        window.facet.on('tags:history-changed', (history) => set({ history }));
      }
      try {
        set({ history: await facet.tags.history(), error: null });
      } catch (error) {
        set({ error: userMessage(error) });
      }
    },
    undo: () => move('undo'),
    redo: () => move('redo'),
  };
});
