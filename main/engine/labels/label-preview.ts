// The live preview while a label is typed: each keystroke asks for the photos that best match the
// words so far. Requests take turns, and one a newer keystroke has replaced is dropped at the next
// step (before its texts are embedded, before the library pass), so a burst of typing costs one
// text-tower run for the last word, not one per key. Vectors of words seen lately are kept, so
// going back (a backspace) answers at once.
import { cosineColumn, type LabelScorer } from './label-scores';

const KEPT_VECTORS = 64;

/** The `k` rows of `values` with the highest values, best first (one pass, no full sort). */
export function topRows(values: Float32Array, k: number): { row: number; score: number }[] {
  const rows: number[] = [];
  let floor = -Infinity; // the k-th best so far
  for (let row = 0; row < values.length; row++) {
    const value = values[row] as number;
    if (rows.length === k && !(value > floor)) continue;
    let at = rows.length;
    while (at > 0 && (values[rows[at - 1] as number] as number) < value) at--;
    rows.splice(at, 0, row);
    if (rows.length > k) rows.pop();
    if (rows.length === k) floor = values[rows[k - 1] as number] as number;
  }
  return rows.map((row) => ({ row, score: values[row] as number }));
}

export class LabelPreview {
  private latest = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly vectors = new Map<string, Float32Array>();
  /** Requests dropped because a newer one came (a test counts them). */
  superseded = 0;

  /** The best `k` rows for `prompts`; null when a newer request replaced this one meanwhile. */
  best(
    scorer: LabelScorer,
    templates: readonly string[],
    prompts: readonly string[],
    k: number,
  ): Promise<{ row: number; score: number }[] | null> {
    const ticket = ++this.latest;
    const stale = () => {
      if (ticket === this.latest) return false;
      this.superseded++;
      return true;
    };
    const run = this.queue.then(async () => {
      if (stale()) return null;
      const vector = await this.vectorOf(scorer, templates, prompts);
      if (stale()) return null;
      return topRows(cosineColumn(scorer.matrix, vector), k);
    });
    this.queue = run.catch(() => {});
    return run;
  }

  private async vectorOf(
    scorer: LabelScorer,
    templates: readonly string[],
    prompts: readonly string[],
  ): Promise<Float32Array> {
    const key = JSON.stringify([scorer.matrix.modelId, templates, prompts]);
    const kept = this.vectors.get(key);
    if (kept !== undefined) return kept;
    const vector = await scorer.textVector(templates, prompts);
    this.vectors.set(key, vector);
    if (this.vectors.size > KEPT_VECTORS)
      this.vectors.delete(this.vectors.keys().next().value as string);
    return vector;
  }
}
