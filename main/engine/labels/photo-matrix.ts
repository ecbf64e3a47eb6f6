// Every embedding of one model as one Float32Array (a row per photo), loaded once and kept in
// memory, so a label edit rescans the library without touching SQLite.
import { blobIntoVector, type Database } from '../../../native/sqlite';

export interface PhotoMatrix {
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

export function photoMatrix(
  modelId: string,
  ids: Int32Array,
  paths: readonly string[],
  dim: number,
  vectors: Float32Array,
): PhotoMatrix {
  const rowOf = new Map<number, number>();
  ids.forEach((id, row) => rowOf.set(id, row));
  return { modelId, ids, paths, dim, vectors, rowOf };
}

/** Reads the model's embeddings in one pass over the table. */
export function loadPhotoMatrix(db: Database, modelId: string): PhotoMatrix {
  const count = db
    .prepare('SELECT COUNT(*), MAX(dim) FROM embeddings WHERE model_id = ?')
    .raw()
    .get(modelId) as [number, number | null];
  const [rows, maxDim] = count;
  const dim = maxDim ?? 0;
  const ids = new Int32Array(rows);
  const paths: string[] = [];
  const vectors = new Float32Array(rows * dim);
  let row = 0;
  const query = db.prepare(
    `SELECT e.file_id, f.path, e.dim, e.vector FROM embeddings e
     JOIN files f ON f.id = e.file_id WHERE e.model_id = ? ORDER BY e.file_id`,
  );
  for (const item of query.raw().iterate(modelId) as Iterable<[number, string, number, Buffer]>) {
    const [id, path, itemDim, vector] = item;
    if (itemDim !== dim || row >= rows) continue; // a row of another shape cannot be scored
    ids[row] = id;
    paths.push(path);
    blobIntoVector(vector, vectors, row * dim);
    row++;
  }
  return photoMatrix(modelId, ids.subarray(0, row), paths, dim, vectors.subarray(0, row * dim));
}
