// The embedding store's source in the library's database: one pass over the embeddings table.
import { blobIntoVector, type Database } from '../../../native/sqlite';
import { embeddingMatrix, type EmbeddingMatrix, type EmbeddingSource } from './embedding-store';

export function databaseEmbeddings(db: Database): EmbeddingSource {
  return {
    load: (modelId) => loadMatrix(db, modelId),
    // SQLite moves it when another connection (a CLI run beside the app) commits.
    version: () => db.pragma('data_version', { simple: true }) as number,
  };
}

function loadMatrix(db: Database, modelId: string): EmbeddingMatrix {
  const [rows, maxDim] = db
    .prepare('SELECT COUNT(*), MAX(dim) FROM embeddings WHERE model_id = ?')
    .raw()
    .get(modelId) as [number, number | null];
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
  return embeddingMatrix(modelId, ids.subarray(0, row), paths, dim, vectors.subarray(0, row * dim));
}
