// The engine's state as the status bar shows it: kept current by the engine's push events.
import { create } from 'zustand';
import type { EngineStatus, IndexProgress } from '../../../preload/contract';
import type { IndexRunState } from '../../../preload/contract/library';
import { recordEvent } from '../test-events';
import { facet } from '../engine-call';
import { userMessage } from '../error-message';

interface EngineStore {
  readonly status: EngineStatus | null;
  /** Why the first status could not be read (the engine never answered). */
  readonly connectError: string | null;
  /** The index run: going, paused by the user, stopping after a cancel, or none. */
  readonly indexRun: IndexRunState;
  connect(): Promise<void>;
  pauseIndex(): Promise<void>;
  resumeIndex(): Promise<void>;
  cancelIndex(): Promise<void>;
}

export const useEngineStore = create<EngineStore>()((set, get) => {
  const applyStatus = (status: EngineStatus): void => {
    set({ status, connectError: null });
    recordEvent('status-changed');
  };
  const applyProgress = (progress: IndexProgress): void => {
    const { status } = get();
    if (status === null) return;
    set({ status: { ...status, progress } });
    recordEvent('index-progress');
  };

  const applyIndexRun = (indexRun: IndexRunState): void => {
    set({ indexRun });
    recordEvent(`index-${indexRun}`);
  };
  // The engine answers with the new state as an event; a refused call changes nothing.
  const control = async (call: 'pauseIndex' | 'resumeIndex' | 'cancelIndex') => {
    try {
      await facet.library[call]();
    } catch (error) {
      set({ connectError: userMessage(error) });
    }
  };

  return {
    status: null,
    connectError: null,
    indexRun: 'idle',
    async connect() {
      window.facet.on('engine:status', applyStatus);
      window.facet.on('index:progress', applyProgress);
      window.facet.on('library:indexState', applyIndexRun);
      try {
        const [status, indexRun] = await Promise.all([
          facet.engine.status(),
          facet.library.indexState(),
        ]);
        // A pushed status that arrived while we waited is at least as new as this answer.
        if (get().status === null) applyStatus(status);
        set({ indexRun });
      } catch (error) {
        set({ connectError: userMessage(error) });
      }
    },
    pauseIndex: () => control('pauseIndex'),
    resumeIndex: () => control('resumeIndex'),
    cancelIndex: () => control('cancelIndex'),
  };
});

export const selectIsIndexing = (s: EngineStore): boolean =>
  s.status?.state === 'indexing' && s.status.progress !== null;

export const selectLibrarySize = (s: EngineStore): EngineStatus['library'] | null =>
  s.status?.library ?? null;
