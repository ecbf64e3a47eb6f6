// Starts the window's session once: the engine's status, the library, and keeping them in step.
import { useEngineStore } from './stores/engine-store';
import { useLibraryStore } from './library/use-library-store';

let started: Promise<void> | null = null;

export function startSession(): Promise<void> {
  started ??= (async () => {
    // The folder list follows the engine: a folder added or removed elsewhere shows up here too.
    useEngineStore.subscribe((state, previous) => {
      const roots = state.status?.library.roots;
      if (roots === undefined || roots === previous.status?.library.roots) return;
      if (roots !== useLibraryStore.getState().roots.length) void useLibraryStore.getState().load();
    });
    await Promise.all([useEngineStore.getState().connect(), useLibraryStore.getState().load()]);
  })();
  return started;
}
