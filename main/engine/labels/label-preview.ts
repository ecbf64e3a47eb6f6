// The live preview while a label is typed: each keystroke asks for the photos that best match the
// words so far. Requests take turns, and one a newer keystroke has replaced is dropped at the next
// step (before its texts are embedded, before the library pass), so a burst of typing costs one
// text-tower run for the last word, not one per key. Vectors of words seen lately are kept, so
// going back (a backspace) answers at once. The library pass is the search's int8 scan with exact
// rescoring (the embedding store's index): the same best photos as a float pass, several times sooner.
import { searchIndexOf } from '../library/embedding-store';
import type { LabelScorer } from './label-scores';
import type { PhotoMatrix } from './photo-matrix';

const KEPT_VECTORS = 64;

/** The `k` rows of `matrix` nearest `vector`, best first. */
export function nearestRows(
  matrix: PhotoMatrix,
  vector: Float32Array,
  k: number,
): { row: number; score: number }[] {
  if (matrix.ids.length === 0) return [];
  return searchIndexOf(matrix)
    .search(vector, { k })
    .hits.map(({ id, score }) => ({ row: matrix.rowOf.get(id) as number, score }));
}

export class LabelPreview {
  private latest = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly vectors = new Map<string, Float32Array>();
  /** Requests dropped because a newer one came (a test counts them). */
  superseded = 0;

  /** Builds the library's index ahead of the first keystroke (the editor opening). */
  prepare(matrix: PhotoMatrix): void {
    searchIndexOf(matrix);
  }

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
      return nearestRows(scorer.matrix, vector, k);
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
