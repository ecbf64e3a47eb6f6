import { useEffect } from 'react';
import { AppHeader } from './components/app-header';
import { EmptyLibrary } from './components/empty-library';
import { LibraryView } from './components/library-view';
import { NoticeBanner } from './components/notice-banner';
import { StatusBar } from './components/status-bar';
import { startSession } from './session';
import { useEngineStore } from './stores/engine-store';
import { useLibraryStore } from './stores/library-store';
import { recordEventOnce } from './test-events';
import { useWindowDrop } from './use-window-drop';

export function App() {
  const engineAnswered = useEngineStore((s) => s.status !== null || s.connectError !== null);
  const loaded = useLibraryStore((s) => s.loaded);
  const empty = useLibraryStore((s) => s.roots.length === 0);
  const addDroppedFiles = useLibraryStore((s) => s.addDroppedFiles);
  const dragging = useWindowDrop(addDroppedFiles);

  useEffect(() => {
    void startSession();
  }, []);

  const ready = engineAnswered && loaded;
  useEffect(() => {
    if (ready) recordEventOnce('app-loaded');
  }, [ready]);

  return (
    <div className="app">
      <AppHeader />
      <main className="app-main" aria-busy={!ready}>
        <NoticeBanner />
        {!loaded ? null : empty ? (
          <EmptyLibrary dragging={dragging} />
        ) : (
          <LibraryView dragging={dragging} />
        )}
      </main>
      <StatusBar />
    </div>
  );
}
