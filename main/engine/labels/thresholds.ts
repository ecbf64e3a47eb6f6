// Multi-mode thresholds for labels that do not set one, taken from the scores themselves: CLIP
// cosines are compressed and differ per model and per label, so no fixed constant would hold.
// Each label's scores over the photos being tagged are split into a "matches" and a "rest" group
// (a two-Gaussian mixture); a label whose scores do not split cleanly uses the split of all labels'
// scores pooled, and failing that only clear outliers (robust z-score) count as matches.

export interface Split {
  readonly threshold: number;
  /** Ashman's D between the two groups: above MIN_SEPARATION they are told apart reliably. */
  readonly separation: number;
  /** Mean score of the upper group. */
  readonly matchLevel: number;
}

const MIN_SEPARATION = 2;
const OUTLIER_Z = 4;
const EM_STEPS = 50;
const TRIAL_STEPS = 8;

function mean(values: readonly number[]): number {
  return values.reduce((sum, x) => sum + x, 0) / values.length;
}

function variance(values: readonly number[], centre: number): number {
  return values.reduce((sum, x) => sum + (x - centre) ** 2, 0) / values.length;
}

/** Otsu's split of sorted values: the cut that maximises the between-group variance. */
function otsu(sorted: readonly number[]): number {
  const n = sorted.length;
  const total = sorted.reduce((sum, x) => sum + x, 0);
  let best = -1;
  let cut = 1;
  let below = 0;
  for (let i = 1; i < n; i++) {
    below += sorted[i - 1] as number;
    const lowMean = below / i;
    const highMean = (total - below) / (n - i);
    const between = i * (n - i) * (highMean - lowMean) ** 2;
    if (between > best) {
      best = between;
      cut = i;
    }
  }
  return cut;
}

function normalDensity(x: number, mu: number, varianceValue: number): number {
  return Math.exp(-((x - mu) ** 2) / (2 * varianceValue)) / Math.sqrt(2 * Math.PI * varianceValue);
}

interface Component {
  weight: number;
  mu: number;
  v: number;
}

function stats(values: readonly number[], total: number, floor: number): Component {
  const mu = mean(values);
  return { weight: values.length / total, mu, v: Math.max(floor, variance(values, mu)) };
}

/** The weighted density of a component as `coefficient * exp(spread * (x - mu)^2)`. */
function densityTerms(c: Component): { coefficient: number; spread: number } {
  return { coefficient: c.weight / Math.sqrt(2 * Math.PI * c.v), spread: -1 / (2 * c.v) };
}

/** The two groups of `sorted` split at `cut`, as a starting point for EM. */
function startAt(sorted: readonly number[], cut: number, floor: number) {
  const n = sorted.length;
  return { low: stats(sorted.slice(0, cut), n, floor), high: stats(sorted.slice(cut), n, floor) };
}

/** Scores as weighted points: themselves when few, else the centres of equal-width bins. */
interface Points {
  readonly x: Float64Array;
  readonly w: Float64Array;
}

const EXACT_UP_TO = 4096;
const BINS = 512;

function pointsOf(sorted: readonly number[]): Points {
  const n = sorted.length;
  if (n <= EXACT_UP_TO) return { x: Float64Array.from(sorted), w: new Float64Array(n).fill(1) };
  const lo = sorted[0] as number;
  const width = ((sorted[n - 1] as number) - lo) / BINS;
  const sums = new Float64Array(BINS);
  const counts = new Float64Array(BINS);
  for (const v of sorted) {
    const bin = Math.min(BINS - 1, Math.floor((v - lo) / width));
    sums[bin] = (sums[bin] as number) + v;
    counts[bin] = (counts[bin] as number) + 1;
  }
  const used = [...counts.keys()].filter((bin) => (counts[bin] as number) > 0);
  return {
    x: Float64Array.from(used, (bin) => (sums[bin] as number) / (counts[bin] as number)),
    w: Float64Array.from(used, (bin) => counts[bin] as number),
  };
}

/** EM for a two-Gaussian mixture from a start; returns the fit and its log-likelihood. */
function fitMixture(
  points: Points,
  n: number,
  start: { low: Component; high: Component },
  floor: number,
  steps: number,
) {
  let { low, high } = start;
  for (let step = 0; step < steps; step++) {
    const l = densityTerms(low);
    const h = densityTerms(high);
    let wLow = 0;
    let sLow = 0;
    let qLow = 0;
    let sHigh = 0;
    let qHigh = 0;
    const middle = (low.mu + high.mu) / 2;
    for (let i = 0; i < points.x.length; i++) {
      const x = points.x[i] as number;
      const w = points.w[i] as number;
      const a = l.coefficient * Math.exp(l.spread * (x - low.mu) ** 2);
      const b = h.coefficient * Math.exp(h.spread * (x - high.mu) ** 2);
      const r = (a + b > 0 ? a / (a + b) : x < middle ? 1 : 0) * w;
      wLow += r;
      sLow += r * x;
      qLow += r * x * x;
      sHigh += (w - r) * x;
      qHigh += (w - r) * x * x;
    }
    const wHigh = n - wLow;
    if (wLow < 1 || wHigh < 1) break; // one group emptied: keep the last good fit
    const muLow = sLow / wLow;
    const muHigh = sHigh / wHigh;
    const next = {
      low: { weight: wLow / n, mu: muLow, v: Math.max(floor, qLow / wLow - muLow ** 2) },
      high: { weight: wHigh / n, mu: muHigh, v: Math.max(floor, qHigh / wHigh - muHigh ** 2) },
    };
    const moved =
      Math.abs(next.low.mu - low.mu) +
      Math.abs(next.high.mu - high.mu) +
      Math.abs(next.low.weight - low.weight);
    low = next.low;
    high = next.high;
    if (moved < 1e-9 * (1 + Math.abs(high.mu))) break; // converged
  }
  const l = densityTerms(low);
  const h = densityTerms(high);
  let logLikelihood = 0;
  for (let i = 0; i < points.x.length; i++) {
    const x = points.x[i] as number;
    const density =
      l.coefficient * Math.exp(l.spread * (x - low.mu) ** 2) +
      h.coefficient * Math.exp(h.spread * (x - high.mu) ** 2);
    logLikelihood += (points.w[i] as number) * Math.log(Math.max(density, Number.MIN_VALUE));
  }
  return { low, high, logLikelihood };
}

/**
 * Splits scores into two groups: a two-Gaussian mixture fitted by EM from several starting cuts
 * (Otsu's, the widest gaps, upper quantiles), keeping the most likely fit.
 */
export function splitScores(scores: readonly number[]): Split | null {
  const sorted = [...scores].filter(Number.isFinite).sort((a, b) => a - b);
  const n = sorted.length;
  if (n < 4) return null;
  const spread = (sorted[n - 1] as number) - (sorted[0] as number);
  if (spread <= 0) return null;
  const floor = (spread / 100) ** 2; // keeps a tight group from collapsing to zero width
  const gaps = sorted
    .slice(1)
    .map((x, i) => ({ cut: i + 1, gap: x - (sorted[i] as number) }))
    .sort((a, b) => b.gap - a.gap)
    .slice(0, 3)
    .map((gap) => gap.cut);
  const quantiles = [0.5, 0.75, 0.9, 0.95].map((q) => Math.round(q * n));
  const cuts = [...new Set([otsu(sorted), ...gaps, ...quantiles])].filter(
    (cut) => cut >= 1 && cut < n,
  );
  // A few steps from every start pick the most likely; only that one runs to convergence.
  const points = pointsOf(sorted);
  let best: ReturnType<typeof fitMixture> | null = null;
  for (const cut of cuts) {
    const fit = fitMixture(points, n, startAt(sorted, cut, floor), floor, TRIAL_STEPS);
    if (fit.high.mu > fit.low.mu && (best === null || fit.logLikelihood > best.logLikelihood))
      best = fit;
  }
  if (best === null) return null;
  best = fitMixture(points, n, best, floor, EM_STEPS);
  if (!(best.high.mu > best.low.mu)) return null;
  const { low, high } = best;
  const separation = (high.mu - low.mu) / Math.sqrt((low.v + high.v) / 2);
  return { threshold: boundary(low, high), separation, matchLevel: high.mu };
}

/** Where the two weighted densities are equal, between the means (bisection). */
function boundary(
  low: { weight: number; mu: number; v: number },
  high: { weight: number; mu: number; v: number },
): number {
  const diff = (x: number) =>
    low.weight * normalDensity(x, low.mu, low.v) - high.weight * normalDensity(x, high.mu, high.v);
  let a = low.mu;
  let b = high.mu;
  if (diff(a) <= 0 || diff(b) >= 0) return (a + b) / 2;
  for (let i = 0; i < 60; i++) {
    const m = (a + b) / 2;
    if (diff(m) > 0) a = m;
    else b = m;
  }
  return (a + b) / 2;
}

/** median + OUTLIER_Z robust standard deviations: only clear outliers pass. */
function outlierThreshold(scores: readonly number[]): number {
  const sorted = [...scores].sort((a, b) => a - b);
  const median = (values: number[]) => {
    const m = values.length >> 1;
    return values.length % 2
      ? (values[m] as number)
      : ((values[m - 1] as number) + (values[m] as number)) / 2;
  };
  const centre = median(sorted);
  const mad = median(sorted.map((x) => Math.abs(x - centre)).sort((a, b) => a - b));
  return centre + OUTLIER_Z * 1.4826 * Math.max(mad, 1e-6);
}

/** Scores beyond this many are stride-sampled before a fit: the shape survives, the cost does not grow. */
export const MAX_FIT = 5000;

/** Every k-th score, so at most `max` of them; in score order of the photos, not sorted. */
export function sampleScores(scores: ArrayLike<number>, max = MAX_FIT): number[] {
  if (scores.length <= max) return Array.from(scores);
  const step = scores.length / max;
  const sample: number[] = [];
  for (let i = 0; i < max; i++) sample.push(scores[Math.floor(i * step)] as number);
  return sample;
}

/** A label's threshold from its own split, else the split of all labels pooled, else outliers. */
export function thresholdFor(
  own: Split | null,
  pooled: Split | null,
  labelScores: ArrayLike<number>,
): number {
  const pooledOk = pooled !== null && pooled.separation >= MIN_SEPARATION;
  // An upper group scoring below where other labels' matches start is near-misses, not matches.
  if (
    own !== null &&
    own.separation >= MIN_SEPARATION &&
    (!pooledOk || own.matchLevel >= pooled.threshold)
  )
    return own.threshold;
  if (pooledOk) return pooled.threshold;
  return outlierThreshold(sampleScores(labelScores));
}

/** All labels' scores pooled, sampled evenly from each label. */
export function pooledSplit(scores: readonly ArrayLike<number>[]): Split | null {
  const share = Math.max(1, Math.floor(MAX_FIT / Math.max(1, scores.length)));
  return splitScores(scores.flatMap((labelScores) => sampleScores(labelScores, share)));
}

/**
 * One threshold per label. `scores[j]` holds label j's score for every photo; `explicit[j]` is the
 * threshold the label set gives (null: derive it).
 */
export function labelThresholds(
  scores: readonly ArrayLike<number>[],
  explicit: readonly (number | null)[],
): number[] {
  const pooled = pooledSplit(scores);
  return scores.map((labelScores, j) => {
    const given = explicit[j];
    if (given !== null && given !== undefined) return given;
    return thresholdFor(splitScores(sampleScores(labelScores)), pooled, labelScores);
  });
}
