// The engine's state as the status bar shows it: kept current by the engine's push events.
import { create } from 'zustand';
import type { EngineStatus, IndexProgress } from '../../../preload/contract';
import { recordEvent } from '../test-events';

interface EngineStore {
  readonly status: EngineStatus | null;
  /** Why the first status could not be read (the engine never answered). */
  readonly connectError: string | null;
  connect(): Promise<void>;
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

  return {
    status: null,
    connectError: null,
    async connect() {
      window.facet.on('engine:status', applyStatus);
      window.facet.on('index:progress', applyProgress);
      try {
        const status = await window.facet.invoke('engine:status');
        // A pushed status that arrived while we waited is at least as new as this answer.
        if (get().status === null) applyStatus(status);
      } catch (error) {
        set({ connectError: error instanceof Error ? error.message : String(error) });
      }
    },
  };
});

export const selectIsIndexing = (s: EngineStore): boolean =>
  s.status?.state === 'indexing' && s.status.progress !== null;

export const selectLibrarySize = (s: EngineStore): EngineStatus['library'] | null =>
  s.status?.library ?? null;
