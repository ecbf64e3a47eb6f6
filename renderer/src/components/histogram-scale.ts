// The numbers a score histogram is drawn with: round tick values along an axis, and whether bar
// heights need a log scale so a bin of one photo beside a bin of hundreds still shows.

/** Round values (steps of 1, 2 or 5 times a power of ten) from `lo` to `hi`, about `count`. */
export function niceTicks(
  lo: number,
  hi: number,
  count: number,
): { ticks: number[]; step: number } {
  const span = hi - lo;
  if (!(span > 0) || count < 1) return { ticks: [lo], step: 1 };
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  // The round step nearest the raw one (on a log scale), so there are about `count` ticks.
  const step = [1, 2, 5, 10]
    .map((m) => m * power)
    .reduce((a, b) => (Math.abs(Math.log(b / raw)) < Math.abs(Math.log(a / raw)) ? b : a));
  const ticks: number[] = [];
  // Rounded to the step's precision so 0.30000000000000004 prints as 0.3.
  const digits = Math.max(0, -Math.floor(Math.log10(step)) + 2);
  for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + step * 1e-9; v += step)
    ticks.push(Number(v.toFixed(digits)));
  return { ticks, step };
}

/** Linear bars would leave some non-empty bin under this share of the tallest: use a log scale. */
const SLIVER = 0.05;

export interface CountScale {
  readonly log: boolean;
  /** A count's bar height, 0 to 1 of the plot. */
  height(count: number): number;
  /** Counts to mark on the side axis. */
  readonly ticks: readonly number[];
}

export function countScale(counts: readonly number[]): CountScale {
  const tallest = Math.max(1, ...counts);
  const smallest = Math.min(...counts.filter((c) => c > 0), tallest);
  const log = smallest / tallest < SLIVER;
  if (log) {
    const top = Math.log10(1 + tallest);
    const ticks = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000].filter((t) => t <= tallest);
    return { log, height: (c) => (c <= 0 ? 0 : Math.log10(1 + c) / top), ticks };
  }
  const { ticks } = niceTicks(0, tallest, 2);
  return {
    log,
    height: (c) => c / tallest,
    ticks: ticks.filter((t) => Number.isInteger(t)),
  };
}

/** A value with as many decimals as a step between values needs (0.26 for steps of 0.02). */
export function stepText(value: number, step: number): string {
  const decimals = Math.min(4, Math.max(0, Math.ceil(-Math.log10(step) - 1e-9)));
  return value.toFixed(decimals);
}

/** A 0-to-1 score as a percentage with the precision its step needs ("62 %"). */
export function percentText(score: number, step: number): string {
  return `${stepText(score * 100, step * 100)} %`;
}
