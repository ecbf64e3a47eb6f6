// Scores of every photo of the library for a label set, kept per label column: editing one label
// embeds its texts and recomputes its column only (one pass of dot products over the matrix);
// the other columns, and the background every label is judged against, are reused.
// A score is how sure Facet is that the photo shows the label, the same probability in both
// modes: CLIP's softmax over the label (exclusive mode: all the set's labels) and "none of these",
// the photo's K-th best background description (background.ts). No cosine is compared with a
// constant, and nothing is fitted to the library, so a photo's tags depend on that photo only.
// A SigLIP model's own sigmoid probability (score-rule.ts) caps that score: it was trained to say
// whether a photo matches a text on its own, so a label it doubts is not suggested.
import { sigmoidScore } from '../clip/score-rule';
import {
  backgroundEntries,
  backgroundTable,
  candidateEntries,
  excludedEntries,
  noneColumn,
  wordsOf,
  type BackgroundTable,
} from './background';
import type { Label, LabelSet } from './label-set';
import type { PhotoMatrix } from './photo-matrix';

export type EmbedTexts = (texts: readonly string[]) => Promise<Float32Array[]>;

/** Unless the user moves the line, a label is suggested when Facet is more sure than not. */
export const DEFAULT_THRESHOLD = 0.5;
/** The caption vocabulary entries are first ranked in, before the set's own templates. */
const PLAIN_TEMPLATE = 'a photo of {}.';

export interface SetScores {
  /** The labels photos are scored against (leaves), in set order. */
  readonly labels: readonly Label[];
  /** Per label, per matrix row: how sure Facet is the photo shows it (0 to 1). */
  readonly scores: readonly Float32Array[];
  /** Per label: the score a photo needs. */
  readonly thresholds: readonly number[];
  /** Per label: true when the threshold is Facet's default, not the user's. */
  readonly derived: readonly boolean[];
  /** Exclusive mode: each row's best column ("none of these" is labels.length). */
  readonly best: Int32Array | null;
}

interface Column {
  readonly cosines: Float32Array;
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
  // Four rows at a time: each vector value is loaded once for four multiply-adds, and the four
  // independent sums keep the CPU busy while the rows stream in.
  let row = 0;
  for (; row + 3 < rows; row += 4) {
    const r0 = row * dim;
    const r1 = r0 + dim;
    const r2 = r1 + dim;
    const r3 = r2 + dim;
    let a = 0;
    let b = 0;
    let c = 0;
    let d = 0;
    for (let i = 0; i < dim; i++) {
      const x = vector[i] as number;
      a += (vectors[r0 + i] as number) * x;
      b += (vectors[r1 + i] as number) * x;
      c += (vectors[r2 + i] as number) * x;
      d += (vectors[r3 + i] as number) * x;
    }
    out[row] = a;
    out[row + 1] = b;
    out[row + 2] = c;
    out[row + 3] = d;
  }
  for (; row < rows; row++) {
    let a = 0;
    for (let i = 0, at = row * dim; i < dim; i++)
      a += (vectors[at + i] as number) * (vector[i] as number);
    out[row] = a;
  }
  return out;
}

/**
 * A column's softmax weights, exp(scale × (cosine − 1)): kept with the column, so an edit
 * computes the edited column's only. Cosines are at most 1, so no weight (nor their sum) overflows.
 */
function softmaxWeights(cosines: Float32Array, scale: number): Float64Array {
  const out = new Float64Array(cosines.length);
  for (let row = 0; row < cosines.length; row++)
    out[row] = Math.exp(scale * ((cosines[row] as number) - 1));
  return out;
}

/** Softmax across the columns, row by row, from each column's kept weights. */
function softmaxColumns(
  columns: readonly Float32Array[],
  weights: readonly Float64Array[],
  scale: number,
  rows: number,
) {
  // Column by column (each a few hundred kilobytes, kept in cache), not row by row.
  const inverse = new Float64Array(rows);
  const best = new Int32Array(rows);
  const bestCosine = new Float32Array(rows).fill(-Infinity);
  for (let j = 0; j < columns.length; j++) {
    const w = weights[j] as Float64Array;
    const cosines = columns[j] as Float32Array;
    for (let row = 0; row < rows; row++) {
      inverse[row] = (inverse[row] as number) + (w[row] as number);
      if ((cosines[row] as number) > (bestCosine[row] as number)) {
        bestCosine[row] = cosines[row] as number;
        best[row] = j;
      }
    }
  }
  for (let row = 0; row < rows; row++) inverse[row] = 1 / (inverse[row] as number);
  const probabilities = weights.map((w) => {
    const p = new Float32Array(rows);
    for (let row = 0; row < rows; row++) p[row] = (w[row] as number) * (inverse[row] as number);
    return p;
  });
  // Only a logit scale far beyond CLIP's (100) underflows every weight of a row: redo it exactly.
  for (let row = 0; row < rows; row++)
    if (!Number.isFinite(inverse[row] as number)) exactRow(columns, probabilities, scale, row);
  return { probabilities, best };
}

/** One row's softmax with the best logit subtracted first. */
function exactRow(
  columns: readonly Float32Array[],
  probabilities: readonly Float32Array[],
  scale: number,
  row: number,
): void {
  const max = Math.max(...columns.map((column) => (column[row] as number) * scale));
  const exps = columns.map((column) => Math.exp((column[row] as number) * scale - max));
  const total = exps.reduce((a, b) => a + b, 0);
  probabilities.forEach((p, j) => (p[row] = (exps[j] as number) / total));
}

/** The words a label is about: its path's and its prompts', which its background leaves out. */
export function ownWords(label: Label): Set<string> {
  return new Set([...label.name.split('/'), ...label.prompts].flatMap(wordsOf));
}

/** Scores label sets against one model's matrix, reusing each label's column while its texts stay. */
export class LabelScorer {
  /** Columns by the texts they were embedded from (a rename keeps its column). */
  private readonly columns = new Map<string, Column>();
  /** Background tables by the templates they were embedded in. */
  private readonly backgrounds = new Map<string, Promise<BackgroundTable>>();
  /** "None of these" columns by templates and left-out words. */
  private readonly nones = new Map<string, Float32Array>();
  private candidates: Promise<{ entries: string[] }> | null = null;
  /** Softmax weights of a cosine column (a label's or a "none of these"), while it is kept. */
  private readonly weights = new WeakMap<Float32Array, Float64Array>();
  /** Multi mode: a label's scores by its column and its "none of these", while both are kept. */
  private readonly sure = new WeakMap<Float32Array, WeakMap<Float32Array, Float32Array>>();
  /** How many label columns were computed from scratch (a test counts them). */
  columnsComputed = 0;

  constructor(
    readonly matrix: PhotoMatrix,
    private readonly embedTexts: EmbedTexts,
    private readonly logitScale: number,
    /** SigLIP's learnt bias; null for softmax (CLIP) models. */
    private readonly logitBias: number | null = null,
  ) {}

  /** Caps each row's score at the model's own sigmoid probability, for SigLIP models. */
  private capped(scores: Float32Array, cosines: Float32Array): Float32Array {
    if (this.logitBias === null) return scores;
    const rule = { scale: this.logitScale, bias: this.logitBias };
    for (let row = 0; row < scores.length; row++)
      scores[row] = Math.min(scores[row] as number, sigmoidScore(rule, cosines[row] as number));
    return scores;
  }

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
    forgetOldest(this.columns, MAX_COLUMNS);
    return column;
  }

  /** One label's text vector: its prompts in every template, embedded in one batch, averaged. */
  async textVector(
    templates: readonly string[],
    prompts: readonly string[],
  ): Promise<Float32Array> {
    return meanUnit(await this.embedTexts(labelTexts(templates, prompts)), this.matrix.dim);
  }

  /**
   * The background entries scored on every photo in the set's templates: those the photos of a
   * sample rank highest in a plain caption. Embedding texts costs far more than comparing them,
   * so the whole vocabulary is embedded once (in one template) and only these in every template.
   */
  private candidateEntries(): Promise<{ entries: string[] }> {
    this.candidates ??= (async () => {
      const all = backgroundEntries();
      const vectors = await this.embedTexts(all.map((e) => PLAIN_TEMPLATE.replace('{}', e)));
      const units = vectors.map((v) => meanUnit([v], this.matrix.dim));
      return { entries: candidateEntries(this.matrix, units).map((e) => all[e] as string) };
    })();
    return this.candidates;
  }

  /** Every photo's best background descriptions, in the set's templates. */
  background(templates: readonly string[]): Promise<BackgroundTable> {
    const key = JSON.stringify(templates);
    let table = this.backgrounds.get(key);
    if (table === undefined) {
      table = (async () => {
        const { entries } = await this.candidateEntries();
        const texts = entries.map((entry) => labelTexts(templates, [entry]));
        const vectors = await this.embedTexts(texts.flat());
        const per = templates.length;
        const units = entries.map((_, e) =>
          meanUnit(vectors.slice(e * per, (e + 1) * per), this.matrix.dim),
        );
        return backgroundTable(this.matrix, entries, units);
      })();
      this.backgrounds.set(key, table);
      forgetOldest(this.backgrounds, MAX_BACKGROUNDS);
      table.catch(() => this.backgrounds.delete(key));
    }
    return table;
  }

  /** "None of these" for labels about `words`: each photo's K-th best other description. */
  async none(templates: readonly string[], words: ReadonlySet<string>): Promise<Float32Array> {
    const key = JSON.stringify([templates, [...words].sort()]);
    const cached = this.nones.get(key);
    if (cached !== undefined) return cached;
    const table = await this.background(templates);
    const column = noneColumn(table, excludedEntries(table, words), this.matrix.ids.length);
    this.nones.set(key, column);
    forgetOldest(this.nones, MAX_COLUMNS);
    return column;
  }

  async score(set: LabelSet): Promise<SetScores> {
    const rows = this.matrix.ids.length;
    const columns = await Promise.all(
      set.labels.map((label) => this.column(set.templates, label.prompts)),
    );
    const thresholds = set.labels.map((label) => label.threshold ?? DEFAULT_THRESHOLD);
    const derived = set.labels.map((label) => label.threshold === null);
    if (set.mode === 'exclusive') {
      const words = new Set(set.labels.flatMap((label) => [...ownWords(label)]));
      const none = await this.none(set.templates, words);
      const all = [...columns.map((column) => column.cosines), none];
      const weights = all.map((cosines) => this.weightsOf(cosines));
      const { probabilities, best } = softmaxColumns(all, weights, this.logitScale, rows);
      return {
        labels: set.labels,
        scores: probabilities
          .slice(0, set.labels.length)
          .map((p, j) => this.capped(p, (columns[j] as Column).cosines)),
        thresholds,
        derived,
        best,
      };
    }
    const scores = await Promise.all(
      set.labels.map(async (label, j) => {
        const none = await this.none(set.templates, ownWords(label));
        const cosines = (columns[j] as Column).cosines;
        return this.capped(this.sureAgainst(cosines, none), cosines);
      }),
    );
    return { labels: set.labels, scores, thresholds, derived, best: null };
  }

  private weightsOf(cosines: Float32Array): Float64Array {
    let weights = this.weights.get(cosines);
    if (weights === undefined) {
      weights = softmaxWeights(cosines, this.logitScale);
      this.weights.set(cosines, weights);
    }
    return weights;
  }

  /** A label's scores against its "none of these", reused while neither changes. */
  private sureAgainst(cosines: Float32Array, none: Float32Array): Float32Array {
    let byNone = this.sure.get(cosines);
    if (byNone === undefined) {
      byNone = new WeakMap();
      this.sure.set(cosines, byNone);
    }
    let scores = byNone.get(none);
    if (scores === undefined) {
      scores = sureAgainst(cosines, none, this.logitScale);
      byNone.set(none, scores);
    }
    return scores;
  }
}

const MAX_BACKGROUNDS = 4;

function forgetOldest<V>(cache: Map<string, V>, size: number): void {
  if (cache.size > size) cache.delete(cache.keys().next().value as string);
}

/** The two-way softmax of a label against "none of these", row by row. */
function sureAgainst(cosines: Float32Array, none: Float32Array, scale: number): Float32Array {
  const out = new Float32Array(cosines.length);
  for (let row = 0; row < cosines.length; row++)
    out[row] = 1 / (1 + Math.exp(scale * ((none[row] as number) - (cosines[row] as number))));
  return out;
}

/** The labels a row is suggested: exclusive, its best label if sure enough; multi, each sure one. */
export function suggestedColumns(scores: SetScores, row: number): number[] {
  if (scores.best !== null) {
    const j = scores.best[row] as number;
    if (j >= scores.labels.length) return [];
    return (scores.scores[j]?.[row] ?? 0) >= (scores.thresholds[j] as number) ? [j] : [];
  }
  const passing: number[] = [];
  scores.labels.forEach((_, j) => {
    if ((scores.scores[j]?.[row] ?? -Infinity) >= (scores.thresholds[j] as number)) passing.push(j);
  });
  return passing;
}
