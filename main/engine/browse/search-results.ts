// What a search shows: near-duplicates (bursts, copies, re-exports) folded into the best-ranked
// one with a count, and a starting relevance cut-off taken from the query's own score spread,
// because the scores CLIP gives differ too much between queries for one fixed threshold.
import type { ScoreDistribution, Neighbour } from '../library/vector-index';

export interface CollapsedHit {
  readonly id: number;
  readonly score: number;
  readonly duplicates: readonly number[];
}

/** Folds each hit into the first better-ranked hit it is at least `similarity` alike. */
export function collapseNearDuplicates(
  hits: readonly Neighbour[],
  similarityOf: (a: number, b: number) => number,
  similarity: number,
): CollapsedHit[] {
  const kept: { id: number; score: number; duplicates: number[] }[] = [];
  for (const hit of hits) {
    const into =
      similarity >= 1 ? undefined : kept.find((k) => similarityOf(k.id, hit.id) >= similarity);
    if (into === undefined) kept.push({ id: hit.id, score: hit.score, duplicates: [] });
    else into.duplicates.push(hit.id);
  }
  return kept;
}

// Only scores this many standard deviations above the library's mean can be matches.
const STANDS_OUT = 1;
/**
 * True when the words match nothing well: their best photo scores no higher than the library's
 * best photo scores for a caption that says nothing ("something"), under the same model.
 */
export function isWeakMatch(
  hits: readonly { readonly score: number }[],
  contentFreeBest: number | null,
): boolean {
  const top = hits[0];
  return top !== undefined && contentFreeBest !== null && top.score <= contentFreeBest;
}

// The widest drop is looked for among this many best hits.
const CANDIDATES = 200;

/**
 * A first cut-off: just above the widest drop in score among the hits that stand out from this
 * query's distribution (matches score alike, then fall away), keeping at least the best hit.
 */
export function suggestedCutoff(
  distribution: ScoreDistribution | null,
  hits: readonly { readonly score: number }[],
): number | null {
  const top = hits[0];
  if (distribution === null || top === undefined) return null;
  const floor = distribution.mean + STANDS_OUT * distribution.std;
  const standing = hits.slice(0, CANDIDATES).filter((hit) => hit.score >= floor);
  let cut = top.score;
  let widest = 0;
  for (let i = 0; i + 1 < standing.length; i++) {
    const drop =
      (standing[i] as { score: number }).score - (standing[i + 1] as { score: number }).score;
    if (drop > widest) {
      widest = drop;
      cut = (standing[i] as { score: number }).score;
    }
  }
  return cut;
}
