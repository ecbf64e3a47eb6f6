// What a search found: how every photo scored (a histogram) and the cut-off the user drags on it,
// since the scores that mean "a match" differ from one query to the next.
import { stepText } from '../components/histogram-scale';
import { ScoreHistogram } from '../components/score-histogram';
import { relevanceOf, relevanceScale, similarityAt } from './relevance';
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
  const scale = relevanceScale(outcome);
  const cut = (relevance: number) => scale !== null && setMinScore(similarityAt(relevance, scale));
  const shown = visibleHits({ outcome, minScore });
  const folded = shown.reduce(
    (n, hit) => n + (expanded.has(hit.id) ? 0 : hit.duplicates.length),
    0,
  );
  const startShown = source.kind === 'similar' && shown[0]?.id === source.photo.id;
  const count = startShown
    ? `The photo and its ${shown.length - 1} nearest`
    : `${shown.length} shown`;
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
      {outcome !== null && distribution !== null && scale !== null && (
        <div className="search-cutoff">
          <ScoreHistogram
            counts={distribution.bins}
            min={0}
            max={relevanceOf(distribution.max, scale)}
            range={[0, 100]}
            value={relevanceOf(minScore ?? distribution.min, scale)}
            name="Relevance cut-off"
            axis={
              source.kind === 'search'
                ? 'Relevance to the words (0: least alike in the library, 100: most)'
                : 'Relevance to the photo (0: least alike in the library, 100: most)'
            }
            tick={stepText}
            describe={(relevance) => `relevance ≥ ${Math.round(relevance)}`}
            onInput={cut}
            onCommit={cut}
          />
          <output data-testid="search-count">
            {count}
            {folded > 0 ? ` (+${folded} near-duplicates folded in)` : ''} of {outcome.searched}{' '}
            photos · relevance ≥ {Math.round(relevanceOf(minScore ?? distribution.min, scale))}
          </output>
        </div>
      )}
    </section>
  );
}
