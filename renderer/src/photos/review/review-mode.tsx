// Review mode: the photos with suggestions waiting, one at a time (the photo large, its tags
// beside it) or as a grid, decided from the keyboard: Y / Enter confirm, N reject, A accept all,
// → / Space next, ← previous, U or Ctrl+Z undo; progress as "37 of 412 reviewed".
import { useEffect } from 'react';
import { formatCount } from '../../format';
import { ReviewTags } from './review-tags';
import './review.css';
import { reviewedCount, scopeTags, useReviewStore } from './use-review-store';

const GRID_PAGE = 24;
// A decided tag shows how: the grid must not make a rejection look like an acceptance.
const MARKS = { suggested: '', confirmed: '✓ ', rejected: '✗ ' } as const;

const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement && target.closest('input, select, textarea') !== null;

function useReviewKeys(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const store = useReviewStore.getState();
      if (store.scope === null || typing(event.target) || event.altKey) return;
      const key = event.key.toLowerCase();
      const command = event.ctrlKey || event.metaKey;
      if (command && key === 'z' && !event.shiftKey) void store.undo();
      else if (command) return;
      else if (key === 'y' || key === 'enter') void store.decide('confirmed');
      else if (key === 'n') void store.decide('rejected');
      else if (key === 'a') void store.acceptAll();
      else if (key === 'arrowright' || key === ' ') store.go(store.index + 1);
      else if (key === 'arrowleft') store.go(store.index - 1);
      else if (key === 'arrowdown') store.focusTag(store.focusedTag + 1);
      else if (key === 'arrowup') store.focusTag(store.focusedTag - 1);
      else if (key === 'u') void store.undo();
      else if (key === 'g') store.setLayout(store.layout === 'grid' ? 'single' : 'grid');
      else if (key === 'escape') store.close();
      else return;
      // The grid and the window's own undo must not act on the same key.
      event.preventDefault();
      event.stopPropagation();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
}

function ReviewGrid() {
  const { queue, index, tags, scope, go } = useReviewStore();
  const from = Math.floor(index / GRID_PAGE) * GRID_PAGE;
  return (
    <div className="review-grid" role="grid" aria-label="Photos to review">
      {queue.slice(from, from + GRID_PAGE).map((photo, i) => {
        const known = tags.get(photo.id);
        const waiting =
          scope === null || known === undefined
            ? []
            : scopeTags(scope, known).filter((t) => t.state === 'suggested');
        const inScope = scope === null || known === undefined ? [] : scopeTags(scope, known);
        const done = known !== undefined && waiting.length === 0;
        return (
          <button
            key={photo.id}
            type="button"
            className={`review-grid-cell${done ? ' review-grid-done' : ''}`}
            aria-current={from + i === index}
            data-testid="review-grid-cell"
            title={photo.path}
            onClick={() => go(from + i)}
          >
            <img
              className="tile-image"
              src={window.facet.thumbUrl(photo.path, 256)}
              alt=""
              loading="lazy"
            />
            <span className="review-grid-tags">
              {inScope.map((t) => (
                <span key={t.label} className={`review-grid-tag review-grid-tag-${t.state}`}>
                  {MARKS[t.state]}
                  {t.label.slice(t.label.lastIndexOf('/') + 1)}
                </span>
              ))}
            </span>
          </button>
        );
      })}
    </div>
  );
}

function Finished({ reviewed, total }: { reviewed: number; total: number }) {
  const { close, queue, tags, scope, go } = useReviewStore();
  const all = reviewed >= total;
  const firstLeft = queue.findIndex((photo) => {
    const known = tags.get(photo.id);
    return (
      known === undefined ||
      (scope !== null && scopeTags(scope, known).some((t) => t.state === 'suggested'))
    );
  });
  return (
    <div className="review-finished" data-testid="review-finished">
      <h2>{all ? `All ${formatCount(total, 'photo')} reviewed` : 'End of the review'}</h2>
      <p className="muted">
        {all
          ? 'Every suggestion here is confirmed or rejected. Export writes the confirmed tags to sidecars.'
          : `${reviewed} of ${total} reviewed: the others still wait.`}
      </p>
      <div className="review-finished-actions">
        {!all && firstLeft >= 0 && (
          <button type="button" className="button" onClick={() => go(firstLeft)}>
            Go to the first photo still waiting
          </button>
        )}
        <button type="button" className="button button-primary" onClick={close}>
          Back to photos
        </button>
      </div>
    </div>
  );
}

export function ReviewMode() {
  const state = useReviewStore();
  useReviewKeys();
  const { scope, queue, index, layout, loading, error } = state;
  if (scope === null) return null;
  const total = queue.length;
  const reviewed = reviewedCount(state);
  const photo = queue[index];
  const name = photo?.path.split(/[\\/]/).pop() ?? '';
  const what = scope.label ?? `every label of ${scope.setName}`;
  const finished = !loading && total > 0 && (reviewed >= total || index >= total);
  return (
    <div
      className="review"
      role="dialog"
      aria-modal="true"
      aria-label="Review suggestions"
      data-review-open
      data-testid="review-mode"
    >
      <header className="review-head">
        <h2 className="review-title" title={scope.label ?? scope.setName}>
          Review <span className="review-what">{what}</span>
          {scope.label !== null && <span className="muted"> · {scope.setName}</span>}
        </h2>
        <div className="review-progress">
          <progress max={Math.max(1, total)} value={reviewed} aria-hidden="true" />
          <span data-testid="review-progress" role="status">
            {reviewed} of {total} reviewed
          </span>
        </div>
        <div className="review-layout" role="group" aria-label="Show">
          {(['single', 'grid'] as const).map((choice) => (
            <button
              key={choice}
              type="button"
              className="button"
              aria-pressed={layout === choice}
              onClick={() => state.setLayout(choice)}
            >
              {choice === 'single' ? 'One at a time' : 'Grid'}
            </button>
          ))}
        </div>
        <button type="button" className="button" onClick={state.close}>
          Done
        </button>
      </header>
      {error !== null && (
        <p className="review-error" role="alert">
          {error}
        </p>
      )}
      {loading ? (
        <div className="review-empty" aria-busy="true">
          <span className="spinner" aria-hidden="true" /> Finding the photos to review…
        </div>
      ) : total === 0 ? (
        <div className="review-empty" data-testid="review-finished">
          <h2>Nothing waits for review</h2>
          <p className="muted">Every suggestion of {what} is already confirmed or rejected.</p>
          <button type="button" className="button button-primary" onClick={state.close}>
            Back to photos
          </button>
        </div>
      ) : finished || photo === undefined ? (
        <Finished reviewed={reviewed} total={total} />
      ) : (
        <div className="review-body">
          {layout === 'grid' ? (
            <ReviewGrid />
          ) : (
            <div className="review-stage">
              <img src={window.facet.photoUrl(photo.path)} alt={name} />
            </div>
          )}
          <aside className="review-side">
            <h3 className="review-photo-name" title={photo.path}>
              {name}
            </h3>
            <p className="muted review-position">
              Photo {index + 1} of {total}
            </p>
            <ReviewTags />
            <button
              type="button"
              className="button review-accept-all"
              onClick={() => void state.acceptAll()}
            >
              Accept all on this photo <kbd>A</kbd>
            </button>
            <div className="review-actions">
              <button
                type="button"
                className="button"
                disabled={index === 0}
                onClick={() => state.go(index - 1)}
              >
                ← Previous
              </button>
              <button type="button" className="button" onClick={() => state.go(index + 1)}>
                Next →
              </button>
            </div>
            <p className="muted review-keys">
              Y or Enter confirm · N reject · A accept all · ↑ ↓ tag · → or Space next · ← previous
              · U undo · G grid · Esc done
            </p>
          </aside>
        </div>
      )}
    </div>
  );
}
