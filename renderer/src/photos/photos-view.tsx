// The Photos view: search box, filter chips, zoomable virtual grid, selection actions, the photo
// view and the shortcuts help, with loading, empty and error states of their own.
import { useEffect } from 'react';
import { formatCount } from '../format';
import { selectLibrarySize, useEngineStore } from '../stores/engine-store';
import { recordEvent } from '../test-events';
import { FilterBar } from './filter-bar';
import { PhotoGrid } from './photo-grid';
import { PhotoView } from './photo-view';
import { ReviewMode } from './review/review-mode';
import { ReviewStart } from './review/review-start';
import './photos.css';
import { SearchBox } from './search-box';
import { SearchPanel } from './search-panel';
import { SelectionBar } from './selection-bar';
import { gridItems, usePhotosStore } from './use-photos-store';

function EmptyState() {
  const { source, filter, setFilter, browse, total } = usePhotosStore();
  const size = useEngineStore(selectLibrarySize);
  const filtered = Object.values(filter).some(
    (v) => v != null && (!Array.isArray(v) || v.length > 0),
  );
  let title = 'No photos yet';
  let hint = 'Add a folder in Folders; its photos appear here as Facet finds them.';
  let action: { text: string; run: () => void } | null = null;
  if (source.kind !== 'browse') {
    title = 'Nothing scores above the cut-off';
    hint = 'Drag the relevance cut-off to the left, or try other words.';
    action = { text: 'Back to all photos', run: browse };
  } else if (filtered && (size?.files ?? 1) > 0) {
    title = 'No photo matches these filters';
    hint = 'Remove a filter chip above, or clear them all.';
    action = { text: 'Clear filters', run: () => setFilter({}) };
  } else if (total === 0 && (size?.embedded ?? 0) === 0 && (size?.files ?? 0) > 0) {
    title = 'Facet is still indexing';
    hint = 'Photos appear here once indexed.';
  }
  return (
    <div className="photos-empty" data-testid="photos-empty">
      <h2>{title}</h2>
      <p className="muted">{hint}</p>
      {action !== null && (
        <button type="button" className="button" onClick={action.run}>
          {action.text}
        </button>
      )}
    </div>
  );
}

function useShortcuts() {
  useEffect(() => {
    const key = (event: KeyboardEvent) => {
      const typing = (event.target as HTMLElement).closest('input, select, textarea') !== null;
      const store = usePhotosStore.getState();
      if (typing || store.viewing !== null) return;
      else if (event.key === '/')
        (document.querySelector('[data-shortcut="search"]') as HTMLInputElement | null)?.focus();
      else if (event.key === 'Escape') store.clearSelection();
      else if (event.key === 'a' && (event.ctrlKey || event.metaKey)) {
        const { count } = gridItems(store);
        store.selectIndexes(
          Array.from({ length: Math.min(count, 5000) }, (_, i) => i),
          false,
        );
      } else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', key);
    return () => window.removeEventListener('keydown', key);
  }, []);
}

export function PhotosView() {
  const state = usePhotosStore();
  const { count } = gridItems(state);
  const { refresh, loadFacets, zoom, setZoom, loading, error, viewing, source } = state;
  useShortcuts();
  useEffect(() => {
    void refresh();
    void loadFacets();
    recordEvent('photos-view-shown');
  }, [refresh, loadFacets]);
  // Tags decided elsewhere (the Labels view, another window) show up here too.
  useEffect(
    () =>
      window.facet.on('tags:changed', () => {
        // The open photo reloads its tags too (an undo from the header, the command line).
        usePhotosStore.setState((s) => ({ tagsVersion: s.tagsVersion + 1 }));
        if (usePhotosStore.getState().source.kind === 'browse') void refresh();
        void loadFacets();
      }),
    [refresh, loadFacets],
  );
  const files = useEngineStore((s) => s.status?.library.embedded);
  useEffect(() => {
    if (usePhotosStore.getState().source.kind === 'browse') void refresh();
  }, [files, refresh]);

  return (
    <section className="photos" aria-labelledby="photos-title">
      <header className="photos-toolbar">
        <h1 id="photos-title" className="photos-title">
          Photos
        </h1>
        <SearchBox />
        <ReviewStart />
        <label className="photos-zoom">
          <span className="visually-hidden">Thumbnail size</span>
          <input
            type="range"
            aria-label="Thumbnail size"
            min={80}
            max={360}
            step={10}
            value={zoom}
            onChange={(e) => setZoom(Number(e.target.value))}
          />
        </label>
      </header>
      {source.kind === 'browse' ? <FilterBar /> : <SearchPanel />}
      {source.kind === 'browse' && state.total !== null && (
        <div className="photos-count-row">
          <p className="photos-count muted" data-testid="photos-count">
            {formatCount(state.total, 'photo')}
          </p>
          <button
            type="button"
            className="link-button photos-captions"
            aria-pressed={state.captions}
            title="Name each photo's top tags under it"
            onClick={() => state.setCaptions(!state.captions)}
          >
            {state.captions ? '✓ ' : ''}Captions
          </button>
        </div>
      )}
      <SelectionBar />
      {error !== null ? (
        <div className="photos-error" role="alert">
          <h2>Photos could not be loaded</h2>
          <p>{error}</p>
          <button type="button" className="button" onClick={() => void refresh()}>
            Try again
          </button>
        </div>
      ) : loading && count === 0 ? (
        <div className="photos-loading" aria-busy="true">
          <span className="spinner" aria-hidden="true" />
          {source.kind === 'browse' ? 'Loading photos…' : 'Searching…'}
        </div>
      ) : count === 0 ? (
        <EmptyState />
      ) : (
        <PhotoGrid />
      )}
      {viewing !== null && <PhotoView index={viewing} />}
      <ReviewMode />
    </section>
  );
}
