// The active model's embeddings as one VectorIndex, built on first search and rebuilt after the
// library changes (an index run, a watch batch, a removed folder) or the model does.
import { blobIntoVector } from '../../../native/sqlite';
import type { EngineContext } from '../engine-context';
import { VectorIndex } from './vector-index';

export class SearchIndex {
  private built: { modelId: string; count: number; index: VectorIndex } | null = null;
  private stale = true;

  constructor(private readonly ctx: EngineContext) {
    ctx.onLibraryChanged(() => {
      this.stale = true;
    });
  }

  /** The index of `modelId`'s embeddings, current with the library. */
  current(modelId: string): VectorIndex {
    const db = this.ctx.library.db;
    const count = db
      .prepare('SELECT COUNT(*) FROM embeddings WHERE model_id = ?')
      .pluck()
      .get(modelId) as number;
    // Another process (a CLI run) may have written: a changed count also means rebuild.
    if (this.built?.modelId === modelId && !this.stale && this.built.count === count)
      return this.built.index;
    const rows = db
      .prepare('SELECT file_id, dim, vector FROM embeddings WHERE model_id = ? ORDER BY file_id')
      .raw()
      .iterate(modelId) as IterableIterator<[number, number, Buffer]>;
    let ids: Int32Array = new Int32Array(Math.max(count, 1));
    let vectors: Float32Array | null = null as Float32Array | null;
    let dim = 0;
    let n = 0;
    for (const [id, rowDim, blob] of rows) {
      if (vectors === null) {
        dim = rowDim;
        vectors = new Float32Array(Math.max(count, 1) * dim);
      }
      if (rowDim !== dim) continue; // a half-written model change: skip the odd one out
      if (n === ids.length) {
        ids = growInt(ids);
        vectors = growFloat(vectors, ids.length * dim);
      }
      ids[n] = id;
      blobIntoVector(blob, vectors, n * dim);
      n++;
    }
    const index = new VectorIndex(
      ids.subarray(0, n),
      (vectors ?? new Float32Array(0)).subarray(0, n * dim),
      dim,
    );
    this.built = { modelId, count, index };
    this.stale = false;
    return index;
  }
}

function growInt(list: Int32Array): Int32Array {
  const grown = new Int32Array(list.length * 2);
  grown.set(list);
  return grown;
}

function growFloat(list: Float32Array, length: number): Float32Array {
  const grown = new Float32Array(length);
  grown.set(list);
  return grown;
}
