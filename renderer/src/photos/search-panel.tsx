// What a search found: how every photo scored (a histogram) and the cut-off the user drags,
// since the scores that mean "a match" differ from one query to the next.
import { visibleHits, usePhotosStore } from './use-photos-store';

export function SearchPanel() {
  const { source, outcome, minScore, setMinScore, browse, loading, expanded } = usePhotosStore();
  if (source.kind === 'browse') return null;
  const what =
    source.kind === 'search'
      ? `“${source.text}”`
      : source.kind === 'similar'
        ? `photos like ${source.photo.path.split(/[\\/]/).pop() ?? ''}`
        : `photos like ${source.name} (dropped, not added)`;
  const distribution = outcome?.distribution ?? null;
  const hits = outcome?.hits ?? [];
  const shown = visibleHits({ outcome, minScore });
  const folded = shown.reduce(
    (n, hit) => n + (expanded.has(hit.id) ? 0 : hit.duplicates.length),
    0,
  );
  const startShown = source.kind === 'similar' && shown[0]?.id === source.photo.id;
  const count = startShown
    ? `The photo and its ${shown.length - 1} nearest`
    : `${shown.length} shown`;
  const top = hits[0]?.score ?? distribution?.max ?? 1;
  const bottom = hits.at(-1)?.score ?? distribution?.min ?? 0;
  const peak = Math.max(1, ...(distribution?.bins ?? [1]));
  return (
    <section className="search-panel" aria-label="Search results">
      <div className="search-panel-head">
        <h2 className="search-title">
          {loading ? 'Searching ' : 'Results for '}
          {what}
        </h2>
        <button type="button" className="button" onClick={browse}>
          Back to all photos
        </button>
      </div>
      {outcome?.weakMatch === true && (
        <p className="search-weak" role="status" data-testid="weak-match">
          Nothing in the library matches {what} well. These are the closest photos; try other words.
        </p>
      )}
      {outcome !== null && distribution !== null && (
        <div className="search-cutoff">
          <svg
            className="search-histogram"
            viewBox={`0 0 ${distribution.bins.length} 40`}
            preserveAspectRatio="none"
            aria-hidden="true"
          >
            {distribution.bins.map((n, i) => {
              const binTop =
                distribution.min +
                ((i + 1) * (distribution.max - distribution.min)) / distribution.bins.length;
              const h = n === 0 ? 0 : Math.max(1.5, (Math.log1p(n) / Math.log1p(peak)) * 40);
              return (
                <rect
                  key={i}
                  x={i + 0.1}
                  y={40 - h}
                  width={0.8}
                  height={h}
                  className={
                    minScore !== null && (binTop > minScore || i === distribution.bins.length - 1)
                      ? 'kept'
                      : ''
                  }
                />
              );
            })}
          </svg>
          <label className="search-slider">
            <span>Relevance cut-off</span>
            <input
              type="range"
              aria-label="Relevance cut-off"
              min={bottom}
              max={top}
              step={(top - bottom) / 200 || 0.001}
              value={minScore ?? bottom}
              onChange={(event) => setMinScore(Number(event.target.value))}
            />
            <output data-testid="search-count">
              {count}
              {folded > 0 ? ` (+${folded} near-duplicates folded in)` : ''} of {outcome.searched}{' '}
              photos · scores ≥ {(minScore ?? bottom).toFixed(3)}
            </output>
          </label>
        </div>
      )}
    </section>
  );
}
