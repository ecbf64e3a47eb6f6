// Exact-reranked nearest-neighbour search over every stored embedding of one model. A first pass
// scores all photos with int8 vectors (WebAssembly SIMD, ~20 ms for 1,000,000 x 512 on one core);
// the best few hundred are then rescored with their float32 vectors, so the ranking shown is exact.
import { createInt8Kernel, type Int8Kernel } from './int8-kernel';

export interface Neighbour {
  readonly id: number;
  readonly score: number;
}

/** How all photos scored against a query: the histogram the relevance cut-off is picked from. */
export interface ScoreDistribution {
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  readonly std: number;
  /** Photo counts in equal-width bins from min to max. */
  readonly bins: readonly number[];
}

export interface SearchOptions {
  readonly k: number;
  /** Photos left out of the results (the photo a "more like this" starts from). */
  readonly exclude?: ReadonlySet<number>;
  /** Bins of the score histogram (0: none). */
  readonly bins?: number;
}

export interface SearchHits {
  readonly hits: Neighbour[];
  readonly distribution: ScoreDistribution | null;
}

// int16 query range: 8191 x 127 x 4096 dims still fits an int32 sum.
const QUERY_RANGE = 8191;
const ROW_RANGE = 127;

/** Fixed-size min-heap of the best `size` (score, row) pairs seen so far. */
class TopK {
  readonly rows: Int32Array;
  readonly scores: Float32Array;
  length = 0;
  constructor(readonly size: number) {
    this.rows = new Int32Array(size);
    this.scores = new Float32Array(size);
  }
  /** The score a candidate must beat once the heap is full. */
  floor(): number {
    return this.length < this.size ? -Infinity : (this.scores[0] as number);
  }
  push(row: number, score: number): void {
    const { rows, scores } = this;
    let i: number;
    if (this.length < this.size) {
      i = this.length++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if ((scores[parent] as number) <= score) break;
        scores[i] = scores[parent] as number;
        rows[i] = rows[parent] as number;
        i = parent;
      }
    } else {
      if (score <= (scores[0] as number)) return;
      i = 0;
      const n = this.length;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= n) break;
        if (child + 1 < n && (scores[child + 1] as number) < (scores[child] as number)) child++;
        if ((scores[child] as number) >= score) break;
        scores[i] = scores[child] as number;
        rows[i] = rows[child] as number;
        i = child;
      }
    }
    scores[i] = score;
    rows[i] = row;
  }
}

export class VectorIndex {
  readonly size: number;
  private readonly kernel: Int8Kernel;
  /** Padded to whole 16-byte SIMD steps. */
  private readonly stride: number;
  private readonly queryAt = 0;
  private readonly scoresAt: number;
  private readonly rowsAt: number;
  /** Per photo: the float value of one int8 step of its vector. */
  private readonly rowScale: Float32Array;
  private readonly rowOf = new Map<number, number>();

  /**
   * `vectors` holds `ids.length` unit vectors of `dim` floats, row-major. It is kept (not copied)
   * for the exact rescoring and for "more like this" from a stored photo.
   */
  constructor(
    readonly ids: Int32Array,
    readonly vectors: Float32Array,
    readonly dim: number,
  ) {
    const n = ids.length;
    if (vectors.length !== n * dim) throw new Error(`Expected ${n} vectors of ${dim} floats.`);
    this.size = n;
    this.stride = Math.max(16, Math.ceil(dim / 16) * 16);
    this.scoresAt = this.stride * 2;
    this.rowsAt = this.scoresAt + Math.ceil((n * 4) / 16) * 16;
    this.kernel = createInt8Kernel(this.rowsAt + n * this.stride);
    this.rowScale = new Float32Array(n);
    const rows = new Int8Array(this.kernel.memory.buffer, this.rowsAt, n * this.stride);
    for (let r = 0; r < n; r++) {
      this.rowOf.set(ids[r] as number, r);
      const from = r * dim;
      let peak = 0;
      for (let i = 0; i < dim; i++) peak = Math.max(peak, Math.abs(vectors[from + i] as number));
      const scale = peak > 0 ? peak / ROW_RANGE : 1;
      this.rowScale[r] = scale;
      const to = r * this.stride;
      for (let i = 0; i < dim; i++)
        rows[to + i] = Math.round((vectors[from + i] as number) / scale);
    }
  }

  has(id: number): boolean {
    return this.rowOf.has(id);
  }

  /** The stored vector of a photo (a view, not a copy), or null when it has none. */
  vectorOf(id: number): Float32Array | null {
    const row = this.rowOf.get(id);
    return row === undefined ? null : this.vectors.subarray(row * this.dim, (row + 1) * this.dim);
  }

  /** Exact cosine of two stored photos (both unit vectors). */
  similarity(a: number, b: number): number {
    const va = this.vectorOf(a);
    const vb = this.vectorOf(b);
    return va === null || vb === null ? 0 : dot(va, vb, 0, this.dim);
  }

  /** One plain read of the whole int8 matrix: the memory floor a search is measured against. */
  plainPass(): number {
    return this.kernel.pass(this.rowsAt, this.size * this.stride);
  }

  /** The `k` photos nearest to `query` (a unit vector), best first, with exact scores. */
  search(query: Float32Array, options: SearchOptions): SearchHits {
    const { dim, size } = this;
    if (query.length !== dim)
      throw new Error(
        `The query has ${query.length} dimensions but the stored embeddings have ${dim}.`,
      );
    const k = Math.max(0, Math.min(options.k, size));
    if (size === 0) return { hits: [], distribution: null };
    const queryScale = this.loadQuery(query);
    this.kernel.scores(this.queryAt, this.rowsAt, size, this.stride, this.scoresAt);
    const raw = new Int32Array(this.kernel.memory.buffer, this.scoresAt, size);

    // Candidates by approximate score; the margin covers int8 rounding (a few thousandths).
    const exclude = options.exclude;
    const pool = new TopK(Math.min(size, Math.max(4 * k, k + 128)));
    const rowScale = this.rowScale;
    let sum = 0;
    let sumSq = 0;
    let min = Infinity;
    let max = -Infinity;
    for (let r = 0; r < size; r++) {
      const score = (raw[r] as number) * (rowScale[r] as number) * queryScale;
      sum += score;
      sumSq += score * score;
      if (score < min) min = score;
      if (score > max) max = score;
      if (score > pool.floor()) pool.push(r, score);
    }
    const hits: Neighbour[] = [];
    for (let i = 0; i < pool.length; i++) {
      const row = pool.rows[i] as number;
      const id = this.ids[row] as number;
      if (exclude?.has(id)) continue;
      hits.push({ id, score: dot(this.vectors, query, row * dim, dim) });
    }
    hits.sort((a, b) => b.score - a.score || a.id - b.id);
    hits.length = Math.min(hits.length, k);
    const binCount = options.bins ?? 0;
    const distribution =
      binCount > 0
        ? histogram(raw, rowScale, queryScale, { sum, sumSq, min, max }, binCount)
        : null;
    return { hits, distribution };
  }

  /** Writes the query as int16 into the kernel's memory; returns the float value of one step. */
  private loadQuery(query: Float32Array): number {
    let peak = 0;
    for (let i = 0; i < query.length; i++) peak = Math.max(peak, Math.abs(query[i] as number));
    const scale = peak > 0 ? peak / QUERY_RANGE : 1;
    const q = new Int16Array(this.kernel.memory.buffer, this.queryAt, this.stride);
    q.fill(0);
    for (let i = 0; i < query.length; i++) q[i] = Math.round((query[i] as number) / scale);
    return scale;
  }
}

function dot(vectors: Float32Array, query: Float32Array, from: number, dim: number): number {
  let a = 0;
  let b = 0;
  let i = 0;
  for (; i + 1 < dim; i += 2) {
    a += (vectors[from + i] as number) * (query[i] as number);
    b += (vectors[from + i + 1] as number) * (query[i + 1] as number);
  }
  if (i < dim) a += (vectors[from + i] as number) * (query[i] as number);
  return a + b;
}

function histogram(
  raw: Int32Array,
  rowScale: Float32Array,
  queryScale: number,
  stats: { sum: number; sumSq: number; min: number; max: number },
  binCount: number,
): ScoreDistribution {
  const n = raw.length;
  const mean = stats.sum / n;
  const std = Math.sqrt(Math.max(0, stats.sumSq / n - mean * mean));
  const bins = new Array<number>(binCount).fill(0);
  const width = (stats.max - stats.min) / binCount;
  for (let r = 0; r < n; r++) {
    const score = (raw[r] as number) * (rowScale[r] as number) * queryScale;
    const bin = width > 0 ? Math.min(binCount - 1, Math.floor((score - stats.min) / width)) : 0;
    bins[bin] = (bins[bin] as number) + 1;
  }
  return { min: stats.min, max: stats.max, mean, std, bins };
}
