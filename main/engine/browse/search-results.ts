// What a search shows: near-duplicates (bursts, copies, re-exports) folded into the best-ranked
// one with a count, and a starting relevance cut-off taken from the query's own score spread,
// because the scores CLIP gives differ too much between queries for one fixed threshold.
import type { ScoreDistribution, Neighbour } from './vector-index';

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

// Scores this many standard deviations above the library's mean stand out from the crowd.
const STANDS_OUT = 2;

/** A first cut-off: what stands out from this query's distribution, keeping at least one hit. */
export function suggestedCutoff(
  distribution: ScoreDistribution | null,
  hits: readonly { readonly score: number }[],
): number | null {
  const top = hits[0];
  if (distribution === null || top === undefined) return null;
  const cut = distribution.mean + STANDS_OUT * distribution.std;
  return Math.min(cut, top.score);
}
