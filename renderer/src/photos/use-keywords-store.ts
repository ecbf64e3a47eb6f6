// The keyword tree with its counts, for the filter panel and the selection's keyword box; it
// follows tag decisions and label edits while either is on screen.
import { create } from 'zustand';
import type { KeywordSet } from '../../../preload/contract/browse';
import { facet } from '../engine-call';
import { userMessage } from '../error-message';
import { recordEvent } from '../test-events';

interface KeywordsStore {
  readonly sets: readonly KeywordSet[] | null;
  readonly error: string | null;
  load(): Promise<void>;
  /** Loads now and again whenever tags or label sets change; returns the way to stop. */
  watch(): () => void;
}

let generation = 0;
let watchers = 0;
let stop: (() => void) | null = null;

export const useKeywordsStore = create<KeywordsStore>((set, get) => ({
  sets: null,
  error: null,

  async load() {
    const run = ++generation;
    try {
      const sets = await facet.browse.keywords();
      // An older answer arriving late would show counts from before the latest decision.
      if (run !== generation) return;
      set({ sets, error: null });
      recordEvent('keywords-loaded');
    } catch (error) {
      if (run === generation) set({ error: userMessage(error) });
    }
  },

  watch() {
    void get().load();
    if (watchers++ === 0) {
      const reload = () => void get().load();
      const off = [
        window.facet.on('tags:changed', reload),
        window.facet.on('labels:changed', reload),
      ];
      stop = () => off.forEach((unsubscribe) => unsubscribe());
    }
    return () => {
      if (--watchers === 0) stop?.();
    };
  },
}));
