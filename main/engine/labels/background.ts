// The background a label is judged against: generic captions and Facet's vocabulary of nouns and
// scenes, in the set's own templates. A photo shows a handful of things (a subject, its colour,
// its setting); a label is one of them when it ranks among the photo's few best descriptions, so
// the K-th best background description is the "none of these" each label must beat. Nothing
// rests on a cosine: only on how a label ranks against other words under the same model.
import { readVocabulary } from '../clusters/names';
import type { PhotoMatrix } from './photo-matrix';

/** Captions of "a photo of anything", beside the vocabulary. */
export const GENERIC_CAPTIONS: readonly string[] = ['thing', 'object', 'scene', 'something'];

/**
 * How many background descriptions a photo may match better than a label that it shows: its
 * subject's synonyms, colour and setting words. Among some 2,500 descriptions, a word a photo
 * does not show ranks far below this.
 */
export const BACKGROUND_RANK = 10;
/** Best background entries kept per photo: enough to skip a label's own words and still reach K. */
const KEPT = BACKGROUND_RANK + 30;

/** Entries of the background, in vocabulary order. */
export function backgroundEntries(): string[] {
  return [...new Set([...GENERIC_CAPTIONS, ...readVocabulary()])];
}

/** Words too common to say what a label is about. */
const STOP_WORDS = new Set(['an', 'the', 'of', 'on', 'in', 'at', 'with', 'and', 'or', 'for', 'to']);

/** Lower-case words, a trailing plural "s" dropped, so "Circles" and "circle" are one word. */
export function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 1 && !STOP_WORDS.has(word))
    .map((word) =>
      word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word,
    );
}

/** Each photo's best background entries, best first: which entry and its cosine. */
export interface BackgroundTable {
  readonly entries: readonly string[];
  /** Words of each entry, to leave out the entries that share a word with a label. */
  readonly entryWords: readonly (readonly string[])[];
  readonly kept: number;
  /** [row * kept + k]: entry index, -1 past the entries there are. */
  readonly index: Int32Array;
  readonly cosine: Float32Array;
}

/** The best `KEPT` background cosines of every matrix row, from the entries' unit vectors. */
export function backgroundTable(
  matrix: PhotoMatrix,
  entries: readonly string[],
  vectors: readonly Float32Array[],
): BackgroundTable {
  const { dim } = matrix;
  const rows = matrix.ids.length;
  const count = vectors.length;
  const kept = Math.min(KEPT, count);
  const flat = new Float32Array(count * dim);
  vectors.forEach((vector, e) => flat.set(vector.subarray(0, dim), e * dim));
  const index = new Int32Array(rows * kept).fill(-1);
  const cosine = new Float32Array(rows * kept).fill(-Infinity);
  const scores = new Float32Array(count);
  for (let row = 0; row < rows; row++) {
    const offset = row * dim;
    for (let e = 0; e < count; e++) {
      let dot = 0;
      const at = e * dim;
      for (let i = 0; i < dim; i++)
        dot += (matrix.vectors[offset + i] as number) * (flat[at + i] as number);
      scores[e] = dot;
    }
    const best = topIndices(scores, kept);
    best.forEach((e, k) => {
      index[row * kept + k] = e;
      cosine[row * kept + k] = scores[e] as number;
    });
  }
  return { entries, entryWords: entries.map(wordsOf), kept, index, cosine };
}

/** Indices of the `k` largest scores, best first (a min-heap pass, then a sort of k). */
export function topIndices(scores: Float32Array, k: number): number[] {
  const heap: number[] = [];
  const less = (a: number, b: number) => (scores[a] as number) < (scores[b] as number);
  for (let e = 0; e < scores.length; e++) {
    if (heap.length < k) {
      heap.push(e);
      for (let i = heap.length - 1; i > 0;) {
        const parent = (i - 1) >> 1;
        if (!less(heap[i] as number, heap[parent] as number)) break;
        [heap[i], heap[parent]] = [heap[parent] as number, heap[i] as number];
        i = parent;
      }
    } else if (less(heap[0] as number, e)) {
      heap[0] = e;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < k && less(heap[l] as number, heap[m] as number)) m = l;
        if (r < k && less(heap[r] as number, heap[m] as number)) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m] as number, heap[i] as number];
        i = m;
      }
    }
  }
  return heap.sort((a, b) => (scores[b] as number) - (scores[a] as number));
}

/** Which entries a label leaves out: those sharing a word with its name or its prompts. */
export function excludedEntries(table: BackgroundTable, words: ReadonlySet<string>): Uint8Array {
  const excluded = new Uint8Array(table.entries.length);
  table.entryWords.forEach((entryWords, e) => {
    if (entryWords.some((word) => words.has(word))) excluded[e] = 1;
  });
  return excluded;
}

/** Per row, the K-th best background cosine among the entries not excluded: "none of these". */
export function noneColumn(table: BackgroundTable, excluded: Uint8Array, rows: number) {
  const out = new Float32Array(rows);
  const { kept, index, cosine } = table;
  for (let row = 0; row < rows; row++) {
    let seen = 0;
    let last = -Infinity;
    for (let k = 0; k < kept; k++) {
      const e = index[row * kept + k] as number;
      if (e < 0) break;
      if (excluded[e] === 1) continue;
      last = cosine[row * kept + k] as number;
      if (++seen === BACKGROUND_RANK) break;
    }
    out[row] = last;
  }
  return out;
}

/** Entries scored for every photo: those in the best KEPT of sampled photos, most often first. */
export const MAX_CANDIDATES = 256;
const SAMPLED_ROWS = 1000;

/**
 * The entries worth scoring for this library: ranked once in a plain caption over a sample of
 * photos, so the set's templates need embedding (and every photo scoring) only for those.
 */
export function candidateEntries(matrix: PhotoMatrix, vectors: readonly Float32Array[]): number[] {
  const rows = matrix.ids.length;
  const step = Math.max(1, rows / SAMPLED_ROWS);
  const sample: number[] = [];
  for (let at = 0; at < rows && sample.length < SAMPLED_ROWS; at += step)
    sample.push(Math.floor(at));
  const picked = new Float32Array(sample.length * matrix.dim);
  sample.forEach((row, i) =>
    picked.set(matrix.vectors.subarray(row * matrix.dim, (row + 1) * matrix.dim), i * matrix.dim),
  );
  const table = backgroundTable(
    { ...matrix, ids: Int32Array.from(sample), vectors: picked },
    vectors.map((_, e) => String(e)),
    vectors,
  );
  const counts = new Map<number, number>();
  for (const e of table.index) if (e >= 0) counts.set(e, (counts.get(e) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, MAX_CANDIDATES)
    .map(([e]) => e)
    .sort((a, b) => a - b);
}
