// Zero-shot tagging: label text embeddings by prompt ensembling, then per photo either a softmax
// over the labels (exclusive) or each label against its own threshold (multi).
import { ancestorsOf, type LabelSet } from './label-set';
import { labelThresholds } from './thresholds';

export interface Tag {
  readonly label: string;
  readonly score: number;
}

export type EmbedTexts = (texts: readonly string[]) => Promise<Float32Array[]>;

export const DEFAULT_TOP = 5;

function normalise(vector: Float32Array): Float32Array {
  let norm = 0;
  for (const x of vector) norm += x * x;
  norm = Math.sqrt(norm);
  return norm > 0 ? vector.map((x) => x / norm) : vector;
}

/** Each label's embedding: the normalised mean over its prompts x the set's templates. */
export async function embedLabels(set: LabelSet, embedTexts: EmbedTexts): Promise<Float32Array[]> {
  const textsOf = set.labels.map((label) =>
    label.prompts.flatMap((prompt) =>
      set.templates.map((template) => template.split('{}').join(prompt)),
    ),
  );
  const unique = [...new Set(textsOf.flat())];
  const vectors = await embedTexts(unique);
  const byText = new Map(unique.map((text, i) => [text, vectors[i] as Float32Array]));
  return textsOf.map((texts) => {
    const first = byText.get(texts[0] as string) as Float32Array;
    const sum = new Float32Array(first.length);
    for (const text of texts) {
      const vector = byText.get(text) as Float32Array;
      for (let i = 0; i < sum.length; i++) sum[i] = (sum[i] as number) + (vector[i] as number);
    }
    return normalise(sum);
  });
}

/** Cosines of every photo (rows of `images`, unit length) with every label: [photo][label]. */
export function cosines(images: Float32Array, dim: number, labels: readonly Float32Array[]) {
  const count = dim > 0 ? images.length / dim : 0;
  const result: number[][] = [];
  for (let p = 0; p < count; p++) {
    const offset = p * dim;
    result.push(
      labels.map((label) => {
        let dot = 0;
        for (let i = 0; i < dim; i++) dot += (images[offset + i] as number) * (label[i] as number);
        return dot;
      }),
    );
  }
  return result;
}

function softmax(logits: readonly number[]): number[] {
  const max = Math.max(...logits);
  const exps = logits.map((x) => Math.exp(x - max));
  const total = exps.reduce((sum, x) => sum + x, 0);
  return exps.map((x) => x / total);
}

/** Adds each tag's ancestors (scored as their best child), best first, deeper first on ties. */
function withAncestors(tags: readonly Tag[]): Tag[] {
  const best = new Map<string, number>();
  for (const tag of tags) {
    for (const name of [tag.label, ...ancestorsOf(tag.label)]) {
      best.set(name, Math.max(best.get(name) ?? -Infinity, tag.score));
    }
  }
  const depth = (name: string) => name.split('/').length;
  return [...best]
    .map(([label, score]) => ({ label, score }))
    .sort((a, b) => b.score - a.score || depth(b.label) - depth(a.label));
}

export interface Scoring {
  /** Per photo, best first. */
  readonly tags: Tag[][];
  /** Multi mode: the threshold each label used (given or derived); exclusive mode: null. */
  readonly thresholds: number[] | null;
}

export interface ScoreOptions {
  /** Multiplies cosines before the softmax (the model's logit_scale, already exp'd). */
  readonly logitScale: number;
  /** Exclusive mode: the "none of these" embedding; a photo it wins gets no tag. */
  readonly background?: Float32Array;
  /** Labels kept per photo (default 5 in exclusive mode, all that pass in multi mode). */
  readonly top?: number;
}

/** Scores photo embeddings (rows of `images`) against the set's label embeddings. */
export function scoreLabels(
  set: LabelSet,
  labelVectors: readonly Float32Array[],
  images: Float32Array,
  dim: number,
  options: ScoreOptions,
): Scoring {
  const names = set.labels.map((label) => label.name);
  const background = set.mode === 'exclusive' ? options.background : undefined;
  const scores = cosines(images, dim, background ? [...labelVectors, background] : labelVectors);
  if (set.mode === 'exclusive') {
    const top = options.top ?? DEFAULT_TOP;
    const tags = scores.map((row) => {
      const probabilities = softmax(row.map((cosine) => cosine * options.logitScale));
      if (background && Math.max(...probabilities) === probabilities[names.length]) return [];
      const ranked = probabilities
        .slice(0, names.length)
        .map((score, j) => ({ label: names[j] as string, score }))
        .sort((a, b) => b.score - a.score)
        .slice(0, top);
      return withAncestors(ranked);
    });
    return { tags, thresholds: null };
  }
  const byLabel = names.map((_, j) => scores.map((row) => row[j] as number));
  const thresholds = labelThresholds(
    byLabel,
    set.labels.map((label) => label.threshold),
  );
  const tags = scores.map((row) => {
    const passing = row
      .map((score, j) => ({ label: names[j] as string, score }))
      .filter((tag, j) => tag.score >= (thresholds[j] as number))
      .sort((a, b) => b.score - a.score);
    return withAncestors(options.top === undefined ? passing : passing.slice(0, options.top));
  });
  return { tags, thresholds };
}
