// Cluster names: the texts (labels of the active label sets, else Facet's vocabulary) that
// match a cluster best compared with how well they match the other clusters, so two clusters
// of dogs are told apart by what differs between them rather than both called "dog".
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface NamingText {
  /** What the name says: a label's leaf name, or a vocabulary entry. */
  readonly name: string;
  /** Texts from one source compete: a name takes at most one text of each source. */
  readonly source: string;
  /** Unit text embedding (mean of its prompts' embeddings, normalised). */
  readonly vector: Float32Array;
  /** A label's set and path (labelKey), to tell which photos carry it; none for vocabulary. */
  readonly key?: string;
}

/** The key of a label of a set, as NamingText.key holds it. */
export const labelKey = (labelSetId: number, label: string): string =>
  `${labelSetId}\u0000${label}`;

const VOCABULARY = join('assets', 'vocabulary', 'nouns-and-scenes.txt');
/** Vocabulary entries are embedded in this sentence, as CLIP was trained on captions. */
export const VOCABULARY_TEMPLATE = 'a photo of {}.';

/** The built-in vocabulary, found from this file whether it runs from source or a bundle. */
export function readVocabulary(): string[] {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 6; up++, dir = dirname(dir)) {
    const file = join(dir, VOCABULARY);
    if (existsSync(file))
      return readFileSync(file, 'utf8')
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '');
  }
  throw new Error(`The cluster vocabulary ${VOCABULARY} is missing from this installation.`);
}

/**
 * One name per cluster centroid (unit vectors in the embedding space): the best and most
 * distinctive text, joined with the most distinctive text of another source when there is one. Repeated
 * names get a number.
 */
export function nameClusters(
  centroids: readonly Float32Array[],
  texts: readonly NamingText[],
  options: {
    readonly parts?: number;
    readonly inTextOrder?: boolean;
    /** Which texts may name which cluster (default: any). */
    readonly allowed?: (cluster: number, text: NamingText) => boolean;
  } = {},
): string[] {
  const parts = options.parts ?? 2;
  if (texts.length === 0) return centroids.map((_, i) => `Cluster ${i + 1}`);
  const scores = centroids.map((c) => texts.map((t) => dot(c, t.vector)));
  const average = texts.map(
    (_, j) => scores.reduce((sum, row) => sum + (row[j] as number), 0) / centroids.length,
  );
  const used = new Map<string, number>();
  return scores.map((row, c) => {
    // How well a text matches, plus how much better than it matches the other clusters.
    const merit = row.map((score, j) => 2 * score - (average[j] as number));
    const order = texts
      .map((_, j) => j)
      .sort((a, b) => (merit[b] as number) - (merit[a] as number));
    const chosen: number[] = [];
    for (const j of order) {
      if (chosen.length >= parts) break;
      const text = texts[j] as NamingText;
      if (options.allowed !== undefined && !options.allowed(c, text)) continue;
      const words = new Set(text.name.split(' '));
      const repeats = (k: number) =>
        texts[k]?.source === text.source ||
        (texts[k]?.name.split(' ') ?? []).some((word) => words.has(word));
      if (chosen.some(repeats)) continue;
      chosen.push(j);
    }
    // Label sets keep their own order (Colours before Shapes: "red circle"); vocabulary words
    // put the better match first.
    chosen.sort((a, b) =>
      options.inTextOrder === true ? a - b : (row[b] as number) - (row[a] as number),
    );
    const base = chosen.map((j) => texts[j]?.name).join(' ');
    const seen = (used.get(base) ?? 0) + 1;
    used.set(base, seen);
    return seen === 1 ? base : `${base} ${seen}`;
  });
}

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] as number) * (b[i] as number);
  return sum;
}

/** Normalised mean of some unit vectors. */
export function meanDirection(vectors: readonly Float32Array[], dim: number): Float32Array {
  const out = new Float32Array(dim);
  for (const v of vectors)
    for (let i = 0; i < dim; i++) out[i] = (out[i] as number) + (v[i] as number);
  let norm = 0;
  for (let i = 0; i < dim; i++) norm += (out[i] as number) ** 2;
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < dim; i++) out[i] = (out[i] as number) / norm;
  return out;
}
