// Scores of every photo of the library for a label set, kept per label column: editing one label
// embeds its texts and recomputes its column only (one pass of dot products over the matrix);
// the other columns, and their threshold fits, are reused.
import type { Label, LabelSet } from './label-set';
import type { PhotoMatrix } from './photo-matrix';
import type { EmbedTexts } from './scoring';
import { pooledSplit, sampleScores, splitScores, thresholdFor, type Split } from './thresholds';

/** Texts standing for "none of these" in exclusive mode: a generic photo of anything. */
export const BACKGROUND_PROMPTS: readonly string[] = ['thing', 'object', 'scene', 'something'];
/** Exclusive mode, unless the user moves the line: the best label must be more likely than not. */
export const EXCLUSIVE_THRESHOLD = 0.5;

export interface SetScores {
  /** The labels photos are scored against (leaves), in set order. */
  readonly labels: readonly Label[];
  /**
   * Per label, per matrix row: the softmax probability (exclusive mode) or the cosine (multi).
   * Exclusive mode with a background has one more column, last: "none of these".
   */
  readonly scores: readonly Float32Array[];
  /** Per label: the score a photo needs. */
  readonly thresholds: readonly number[];
  /** Per label: true when the threshold comes from the scores, not from the user. */
  readonly derived: readonly boolean[];
  /** Exclusive mode: each row's best column (a background win is labels.length). */
  readonly best: Int32Array | null;
}

interface Column {
  readonly cosines: Float32Array;
  /** The two-group fit of this column (multi mode), computed on first need. */
  split?: Split | null;
}

const MAX_COLUMNS = 256;

/** The texts a label is embedded from: each prompt in each template. */
export function labelTexts(templates: readonly string[], prompts: readonly string[]): string[] {
  return prompts.flatMap((prompt) =>
    templates.map((template) => template.split('{}').join(prompt)),
  );
}

function meanUnit(vectors: readonly Float32Array[], dim: number): Float32Array {
  const sum = new Float32Array(dim);
  for (const vector of vectors)
    for (let i = 0; i < dim; i++) sum[i] = (sum[i] as number) + (vector[i] as number);
  let norm = 0;
  for (let i = 0; i < dim; i++) norm += (sum[i] as number) ** 2;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < dim; i++) sum[i] = (sum[i] as number) / norm;
  return sum;
}

/** Cosine of every matrix row with `vector`: the one pass an edited label costs. */
export function cosineColumn(matrix: PhotoMatrix, vector: Float32Array): Float32Array {
  const { dim, vectors } = matrix;
  const rows = matrix.ids.length;
  const out = new Float32Array(rows);
  const tail = dim - (dim % 4);
  for (let row = 0, offset = 0; row < rows; row++, offset += dim) {
    // Four running sums: fewer loop checks and independent adds the CPU can overlap.
    let a = 0;
    let b = 0;
    let c = 0;
    let d = 0;
    let i = 0;
    for (; i < tail; i += 4) {
      a += (vectors[offset + i] as number) * (vector[i] as number);
      b += (vectors[offset + i + 1] as number) * (vector[i + 1] as number);
      c += (vectors[offset + i + 2] as number) * (vector[i + 2] as number);
      d += (vectors[offset + i + 3] as number) * (vector[i + 3] as number);
    }
    for (; i < dim; i++) a += (vectors[offset + i] as number) * (vector[i] as number);
    out[row] = a + b + c + d;
  }
  return out;
}

/** Softmax across the columns, row by row, with the model's logit scale. */
function softmaxColumns(columns: readonly Float32Array[], scale: number, rows: number) {
  const probabilities = columns.map(() => new Float32Array(rows));
  const best = new Int32Array(rows);
  const exps = new Float64Array(columns.length);
  for (let row = 0; row < rows; row++) {
    let max = -Infinity;
    let arg = 0;
    columns.forEach((column, j) => {
      const logit = (column[row] as number) * scale;
      exps[j] = logit;
      if (logit > max) {
        max = logit;
        arg = j;
      }
    });
    let total = 0;
    for (let j = 0; j < columns.length; j++) {
      const e = Math.exp((exps[j] as number) - max);
      exps[j] = e;
      total += e;
    }
    for (let j = 0; j < columns.length; j++)
      (probabilities[j] as Float32Array)[row] = (exps[j] as number) / total;
    best[row] = arg;
  }
  return { probabilities, best };
}

/** Scores label sets against one model's matrix, reusing each label's column while its texts stay. */
export class LabelScorer {
  /** Columns by the texts they were embedded from (a rename keeps its column). */
  private readonly columns = new Map<string, Column>();
  /** How many label columns were computed from scratch (a test counts them). */
  columnsComputed = 0;

  constructor(
    readonly matrix: PhotoMatrix,
    private readonly embedTexts: EmbedTexts,
    private readonly logitScale: number,
  ) {}

  /** The cosine column of one label (its prompts in the set's templates). */
  async column(templates: readonly string[], prompts: readonly string[]): Promise<Column> {
    const texts = labelTexts(templates, prompts);
    const key = JSON.stringify(texts);
    const cached = this.columns.get(key);
    if (cached !== undefined) {
      this.columns.delete(key); // most recently used last
      this.columns.set(key, cached);
      return cached;
    }
    const vectors = await this.embedTexts(texts);
    const column: Column = {
      cosines: cosineColumn(this.matrix, meanUnit(vectors, this.matrix.dim)),
    };
    this.columnsComputed++;
    this.columns.set(key, column);
    if (this.columns.size > MAX_COLUMNS) {
      const oldest = this.columns.keys().next().value as string;
      this.columns.delete(oldest);
    }
    return column;
  }

  async score(set: LabelSet): Promise<SetScores> {
    const rows = this.matrix.ids.length;
    const columns = await Promise.all(
      set.labels.map((label) => this.column(set.templates, label.prompts)),
    );
    if (set.mode === 'exclusive') {
      const all = columns.map((column) => column.cosines);
      if (set.background === true)
        all.push((await this.column(set.templates, BACKGROUND_PROMPTS)).cosines);
      const { probabilities, best } = softmaxColumns(all, this.logitScale, rows);
      return {
        labels: set.labels,
        scores: probabilities,
        thresholds: set.labels.map((label) => label.threshold ?? EXCLUSIVE_THRESHOLD),
        derived: set.labels.map((label) => label.threshold === null),
        best,
      };
    }
    const cosines = columns.map((column) => column.cosines);
    const needsFit = set.labels.some((label) => label.threshold === null);
    const pooled = needsFit ? pooledSplit(cosines) : null;
    const thresholds = set.labels.map((label, j) => {
      if (label.threshold !== null) return label.threshold;
      const column = columns[j] as Column;
      column.split ??= splitScores(sampleScores(column.cosines));
      return thresholdFor(column.split, pooled, column.cosines);
    });
    return {
      labels: set.labels,
      scores: cosines,
      thresholds,
      derived: set.labels.map((label) => label.threshold === null),
      best: null,
    };
  }
}

/** The labels a row is suggested: exclusive, its best label if sure enough; multi, each passing one. */
export function suggestedColumns(scores: SetScores, row: number): number[] {
  if (scores.best !== null) {
    const j = scores.best[row] as number;
    if (j >= scores.labels.length) return [];
    return (scores.scores[j]?.[row] ?? 0) >= (scores.thresholds[j] as number) && j >= 0 ? [j] : [];
  }
  const passing: number[] = [];
  scores.labels.forEach((_, j) => {
    if ((scores.scores[j]?.[row] ?? -Infinity) >= (scores.thresholds[j] as number)) passing.push(j);
  });
  return passing;
}
