// The one in-memory copy of the library's embeddings: a model's vectors as one row-major Float32
// matrix of unit rows in files.id order, with the int8 copy search scans derived from it on first
// search. Labels, search (app and CLI), clusters and duplicates all read it from here; the
// library's writes call invalidate(), the one place a change to photos or embeddings reaches them.
import { VectorIndex } from './vector-index';

export interface EmbeddingMatrix {
  readonly modelId: string;
  /** files.id of each row. */
  readonly ids: Int32Array;
  readonly paths: readonly string[];
  readonly dim: number;
  /** Row-major, unit-length rows. */
  readonly vectors: Float32Array;
  /** Row of a files.id. */
  readonly rowOf: ReadonlyMap<number, number>;
}

export interface Nearest {
  readonly path: string;
  readonly score: number;
}

/** Where the store reads a model's embeddings from (the library's database, or a bench's). */
export interface EmbeddingSource {
  load(modelId: string): EmbeddingMatrix;
  /** Changes when another process wrote to the library; this one's writes call invalidate(). */
  version(): number;
}

export function embeddingMatrix(
  modelId: string,
  ids: Int32Array,
  paths: readonly string[],
  dim: number,
  vectors: Float32Array,
): EmbeddingMatrix {
  const rowOf = new Map<number, number>();
  ids.forEach((id, row) => rowOf.set(id, row));
  return { modelId, ids, paths, dim, vectors, rowOf };
}

/** The rows of `fileIds` (in the matrix's order), as a matrix of their own. */
export function matrixRows(matrix: EmbeddingMatrix, fileIds: ReadonlySet<number>): EmbeddingMatrix {
  const rows = [...matrix.ids.keys()].filter((row) => fileIds.has(matrix.ids[row] as number));
  const { dim } = matrix;
  const vectors = new Float32Array(rows.length * dim);
  rows.forEach((row, i) =>
    vectors.set(matrix.vectors.subarray(row * dim, row * dim + dim), i * dim),
  );
  return embeddingMatrix(
    matrix.modelId,
    Int32Array.from(rows, (row) => matrix.ids[row] as number),
    rows.map((row) => matrix.paths[row] as string),
    dim,
    vectors,
  );
}

interface Entry {
  readonly modelId: string;
  readonly version: number;
  readonly matrix: EmbeddingMatrix;
}

/**
 * Holds the matrix of the model last asked for (a library's matrix can take gigabytes, so another
 * model's replaces it rather than sitting beside it) until the library changes.
 */
export class EmbeddingStore {
  private entry: Entry | null = null;

  constructor(private readonly source: EmbeddingSource) {}

  /** Photos or embeddings changed: the next read reloads. */
  invalidate(): void {
    this.entry = null;
  }

  /** Every embedding of `modelId`, current with the library. */
  matrix(modelId: string): EmbeddingMatrix {
    return this.current(modelId).matrix;
  }

  /** The int8 search index over the same rows (it shares the matrix's float vectors). */
  searchIndex(modelId: string): VectorIndex {
    return searchIndexOf(this.current(modelId).matrix);
  }

  /**
   * The `k` photos nearest to `query` (a unit vector), best first, with exact float scores; equal
   * scores (copies of one photo) in path order.
   */
  nearest(modelId: string, query: Float32Array, k: number): Nearest[] {
    const entry = this.current(modelId);
    const index = searchIndexOf(entry.matrix);
    if (k <= 0 || index.size === 0) return [];
    const { paths, rowOf } = entry.matrix;
    // A few more than asked, so a tie at the k-th place is settled by path, not by file id.
    const { hits } = index.search(query, { k: k + 16 });
    return hits
      .map((hit) => ({ path: paths[rowOf.get(hit.id) as number] as string, score: hit.score }))
      .sort((a, b) => b.score - a.score || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
      .slice(0, k);
  }

  private current(modelId: string): Entry {
    const version = this.source.version();
    const entry = this.entry;
    if (entry !== null && entry.modelId === modelId && entry.version === version) return entry;
    this.entry = null; // the old matrix can be collected while the new one loads
    this.entry = { modelId, version, matrix: this.source.load(modelId) };
    return this.entry;
  }
}

const indexes = new WeakMap<EmbeddingMatrix, VectorIndex>();

/** The int8 search index of a matrix, built on its first search and kept while the matrix is. */
export function searchIndexOf(matrix: EmbeddingMatrix): VectorIndex {
  let index = indexes.get(matrix);
  if (index === undefined) {
    index = new VectorIndex(matrix.ids, matrix.vectors, matrix.dim);
    indexes.set(matrix, index);
  }
  return index;
}
