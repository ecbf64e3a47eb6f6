// "Review suggestions…": picks what to review (every label of a set, or one label; the filter's
// label when one is chosen) and opens review mode on it.
import { useState } from 'react';
import { usePhotosStore } from '../use-photos-store';
import { useReviewStore, type ReviewScope } from './use-review-store';

export function ReviewStart() {
  const { facets, filter, loadFacets } = usePhotosStore();
  const [open, setOpen] = useState(false);
  const sets = facets?.labelSets ?? [];
  const chosen = filter.labels?.length === 1 ? filter.labels[0] : undefined;
  const scopes: (ReviewScope & { key: string })[] = sets.flatMap((set) => [
    { key: `${set.id}`, labelSetId: set.id, setName: set.name, label: null },
    ...set.labels.map((label) => ({
      key: `${set.id}:${label}`,
      labelSetId: set.id,
      setName: set.name,
      label,
    })),
  ]);
  const initial = chosen === undefined ? scopes[0]?.key : `${chosen.labelSetId}:${chosen.label}`;
  const [pick, setPick] = useState<string | undefined>(undefined);
  const key = pick ?? initial;
  const start = () => {
    const scope = scopes.find((s) => s.key === key);
    if (scope === undefined) return;
    setOpen(false);
    void useReviewStore.getState().start(scope);
  };
  return (
    <div className="review-start">
      <button
        type="button"
        className="button"
        aria-expanded={open}
        onClick={() => {
          if (!open) void loadFacets();
          setOpen(!open);
        }}
      >
        Review suggestions…
      </button>
      {open && (
        <div className="review-start-panel" role="dialog" aria-label="Review suggestions">
          {scopes.length === 0 ? (
            <p className="muted">No suggestions yet: add a label set in Labels first.</p>
          ) : (
            <>
              <label>
                Review
                <select
                  aria-label="What to review"
                  value={key}
                  onChange={(e) => setPick(e.target.value)}
                >
                  {sets.map((set) => (
                    <optgroup key={set.id} label={set.name}>
                      {scopes
                        .filter((s) => s.labelSetId === set.id)
                        .map((s) => (
                          <option key={s.key} value={s.key}>
                            {s.label === null ? `Every label of ${set.name}` : s.label}
                          </option>
                        ))}
                    </optgroup>
                  ))}
                </select>
              </label>
              <p className="muted">
                The photos whose suggestions wait for a decision, one at a time: Y confirms, N
                rejects, A accepts all, → goes on.
              </p>
            </>
          )}
          <div className="filter-actions">
            <button type="button" className="button" onClick={() => setOpen(false)}>
              Cancel
            </button>
            <button
              type="button"
              className="button button-primary"
              disabled={key === undefined}
              onClick={start}
            >
              Start review
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
