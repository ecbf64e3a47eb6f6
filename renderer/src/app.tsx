import { useEffect } from 'react';
import { AppHeader } from './components/app-header';
import { EmptyLibrary } from './library/empty-library';
import { NoticeBanner } from './components/notice-banner';
import { Sidebar } from './components/sidebar';
import { HelpOverlay } from './help/help-overlay';
import { useHelpStore } from './help/help-store';
import { useHelpKey } from './help/use-help-key';
import { StatusBar } from './components/status-bar';
import { startSession } from './session';
import { useEngineStore } from './stores/engine-store';
import { useLibraryStore } from './library/use-library-store';
import { useViewStore } from './stores/view-store';
import { recordEventOnce } from './test-events';
import { useUndoKeys } from './undo';
import { useWindowDrop } from './use-window-drop';
import { VIEWS } from './views';

export function App() {
  const engineAnswered = useEngineStore((s) => s.status !== null || s.connectError !== null);
  const loaded = useLibraryStore((s) => s.loaded);
  const empty = useLibraryStore((s) => s.roots.length === 0);
  const addDroppedFiles = useLibraryStore((s) => s.addDroppedFiles);
  const dragging = useWindowDrop(addDroppedFiles);
  useUndoKeys();
  const helpOpen = useHelpStore((s) => s.open);
  useHelpKey();
  const wanted = useViewStore((s) => s.current);
  const view = VIEWS.find((v) => v.id === wanted) ?? (VIEWS[0] as (typeof VIEWS)[number]);
  // An empty library opens on the drop zone; only the Models view (choosing a model before the
  // first photos) is worth showing before there is anything to browse.

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
      {!loaded ? (
        <main className="app-main" aria-busy="true" />
      ) : empty && view.id !== 'models' ? (
        <main className="app-main" aria-busy={!ready}>
          <NoticeBanner />
          <EmptyLibrary dragging={dragging} />
        </main>
      ) : (
        <div className="app-body">
          <Sidebar views={VIEWS} current={view.id} />
          <main className="app-main" aria-busy={!ready} data-view={view.id}>
            <NoticeBanner />
            <view.View />
          </main>
          {dragging && (
            <div className="drop-overlay" aria-hidden="true">
              <span>Drop to add these folders to the library</span>
            </div>
          )}
        </div>
      )}
      <StatusBar />
      {helpOpen && <HelpOverlay viewId={view.id} title={view.title} />}
    </div>
  );
}
