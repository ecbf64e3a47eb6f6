// Search scores as people read them. Raw similarities mean nothing on their own (they may be
// negative, and what counts as close differs from one query to the next), so a search shows
// relevance: 0 for the library's least alike photo, 100 for its most alike, for this query.
import type { SearchOutcome } from '../../../preload/contract/browse';

type Distribution = Pick<NonNullable<SearchOutcome['distribution']>, 'min' | 'max'>;

/**
 * The span relevance runs over: from the library's lowest score to the best hit, scored exactly
 * (the distribution is scanned in 8 bits, so its top may sit a hair above or below it).
 */
export function relevanceScale(outcome: SearchOutcome | null): Distribution | null {
  const d = outcome?.distribution ?? null;
  if (d === null) return null;
  return { min: d.min, max: outcome?.hits[0]?.score ?? d.max };
}

const spanOf = (d: Distribution) => d.max - d.min || 1;

/** A similarity as relevance, 0 to 100. */
export function relevanceOf(score: number, d: Distribution): number {
  return Math.min(100, Math.max(0, ((score - d.min) / spanOf(d)) * 100));
}

/** The similarity a relevance stands for. */
export function similarityAt(relevance: number, d: Distribution): number {
  // The ends exactly, so 100 keeps the best photo rather than lose it to rounding.
  if (relevance >= 100) return d.max;
  if (relevance <= 0) return d.min;
  return d.min + (relevance / 100) * spanOf(d);
}
