// Reads and writes of the clusters domain's tables (schema.ts); plain synchronous SQLite.
import { blobToVector, vectorToBlob, type Database } from '../../../native/sqlite';
import type { EmbeddingMatrix } from '../library/embedding-store';
import type { ReducedSpace } from './reduce';

/** The library's embeddings as clusters and duplicates read them (from the embedding store). */
export type LibraryEmbeddings = EmbeddingMatrix;

export interface StoredSpace extends ReducedSpace {
  readonly cut: number;
  /** Photos clustered by the last computation, and photos joined one by one since. */
  readonly photos: number;
  readonly joined: number;
  readonly computedAt: number;
}

export interface StoredCluster {
  readonly id: number;
  readonly name: string;
  readonly named: boolean;
  readonly size: number;
  readonly sum: Float32Array;
}

export interface NewCluster {
  readonly name: string;
  readonly named: boolean;
  readonly sum: Float32Array;
  readonly members: readonly { readonly fileId: number; readonly typicality: number }[];
}

export interface PhotoPlace {
  readonly fileId: number;
  readonly path: string;
  readonly clusterId: number | null;
  readonly typicality: number;
  readonly x: number | null;
  readonly y: number | null;
}

export function readSpace(db: Database, modelId: string): StoredSpace | null {
  const row = db.prepare('SELECT * FROM cluster_spaces WHERE model_id = ?').get(modelId) as
    | {
        dim: number;
        rank: number;
        mean: Buffer;
        basis: Buffer;
        cut: number;
        photos: number;
        joined: number;
        computed_at: number;
      }
    | undefined;
  if (row === undefined) return null;
  return {
    dim: row.dim,
    rank: row.rank,
    mean: blobToVector(row.mean),
    basis: blobToVector(row.basis),
    cut: row.cut,
    photos: row.photos,
    joined: row.joined,
    computedAt: row.computed_at,
  };
}

export function readClusters(db: Database, modelId: string): StoredCluster[] {
  const rows = db
    .prepare('SELECT id, name, named, size, sum FROM clusters WHERE model_id = ? ORDER BY id')
    .all(modelId) as { id: number; name: string; named: number; size: number; sum: Buffer }[];
  return rows.map((r) => ({ ...r, named: r.named === 1, sum: blobToVector(r.sum) }));
}

/** Each clustered photo of the model with its cluster (null: noise) and map position. */
export function readPlaces(db: Database, modelId: string): PhotoPlace[] {
  const rows = db
    .prepare(
      `SELECT c.file_id, f.path, c.cluster_id, c.typicality, c.x, c.y FROM cluster_photos c
       JOIN files f ON f.id = c.file_id WHERE c.model_id = ? ORDER BY c.typicality DESC, f.path`,
    )
    .raw()
    .all(modelId) as [number, string, number | null, number, number | null, number | null][];
  return rows.map(([fileId, path, clusterId, typicality, x, y]) => ({
    fileId,
    path,
    clusterId,
    typicality,
    x,
    y,
  }));
}

/** Replaces the model's space, clusters and memberships in one transaction. */
export function replaceClustering(
  db: Database,
  modelId: string,
  space: ReducedSpace & { readonly cut: number },
  clusters: readonly NewCluster[],
  noise: readonly number[],
): void {
  db.transaction(() => {
    db.prepare('DELETE FROM cluster_photos WHERE model_id = ?').run(modelId);
    db.prepare('DELETE FROM clusters WHERE model_id = ?').run(modelId);
    const photos = clusters.reduce((n, c) => n + c.members.length, noise.length);
    db.prepare(
      `INSERT OR REPLACE INTO cluster_spaces (model_id, dim, rank, mean, basis, cut, photos, computed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      modelId,
      space.dim,
      space.rank,
      vectorToBlob(space.mean),
      vectorToBlob(space.basis),
      space.cut,
      photos,
      Date.now(),
    );
    const insertCluster = db.prepare(
      'INSERT INTO clusters (model_id, name, named, size, sum) VALUES (?, ?, ?, ?, ?)',
    );
    const insertPhoto = db.prepare(
      'INSERT INTO cluster_photos (file_id, model_id, cluster_id, typicality) VALUES (?, ?, ?, ?)',
    );
    for (const cluster of clusters) {
      const id = Number(
        insertCluster.run(
          modelId,
          cluster.name,
          cluster.named ? 1 : 0,
          cluster.members.length,
          vectorToBlob(cluster.sum),
        ).lastInsertRowid,
      );
      for (const m of cluster.members) insertPhoto.run(m.fileId, modelId, id, m.typicality);
    }
    for (const fileId of noise) insertPhoto.run(fileId, modelId, null, 0);
  })();
}

/** Photos added since: each joins a cluster (its sum and size grow) or the noise. */
export function addPhotos(
  db: Database,
  modelId: string,
  joined: readonly {
    readonly fileId: number;
    readonly clusterId: number | null;
    readonly typicality: number;
    readonly x: number | null;
    readonly y: number | null;
  }[],
  sums: ReadonlyMap<number, Float32Array>,
): void {
  db.transaction(() => {
    const insert = db.prepare(
      `INSERT OR REPLACE INTO cluster_photos (file_id, model_id, cluster_id, typicality, x, y)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    for (const p of joined) insert.run(p.fileId, modelId, p.clusterId, p.typicality, p.x, p.y);
    const grow = db.prepare('UPDATE clusters SET size = size + ?, sum = ? WHERE id = ?');
    for (const [id, sum] of sums) {
      const added = joined.filter((p) => p.clusterId === id).length;
      grow.run(added, vectorToBlob(sum), id);
    }
    db.prepare('UPDATE cluster_spaces SET joined = joined + ? WHERE model_id = ?').run(
      joined.length,
      modelId,
    );
  })();
}

export function writePositions(
  db: Database,
  modelId: string,
  positions: readonly { readonly fileId: number; readonly x: number; readonly y: number }[],
): void {
  const update = db.prepare(
    'UPDATE cluster_photos SET x = ?, y = ? WHERE file_id = ? AND model_id = ?',
  );
  db.transaction(() => {
    for (const p of positions) update.run(p.x, p.y, p.fileId, modelId);
  })();
}

export function renameCluster(db: Database, clusterId: number, name: string): boolean {
  return (
    db.prepare('UPDATE clusters SET name = ?, named = 1 WHERE id = ?').run(name, clusterId)
      .changes > 0
  );
}

export function setCut(db: Database, modelId: string, cut: number): void {
  db.prepare('UPDATE cluster_spaces SET cut = ? WHERE model_id = ?').run(cut, modelId);
}

export interface PhotoLookRow {
  readonly fileId: number;
  readonly sharpness: number;
  readonly width: number;
  readonly height: number;
  readonly thumbnail: Float32Array;
}

/** Stored looks of the photos whose content is unchanged since they were measured. */
export function readLooks(db: Database, fileIds: readonly number[]): Map<number, PhotoLookRow> {
  const rows = db
    .prepare(
      `SELECT l.file_id, l.sharpness, l.width, l.height, l.thumbnail FROM photo_looks l
       JOIN files f ON f.id = l.file_id AND f.fingerprint = l.fingerprint
       WHERE l.file_id IN (SELECT value FROM json_each(?))`,
    )
    .raw()
    .all(JSON.stringify(fileIds)) as [number, number, number, number, Buffer][];
  return new Map(
    rows.map(([fileId, sharpness, width, height, blob]) => [
      fileId,
      { fileId, sharpness, width, height, thumbnail: blobToVector(blob) },
    ]),
  );
}

export function writeLook(db: Database, look: PhotoLookRow): void {
  db.prepare(
    `INSERT OR REPLACE INTO photo_looks (file_id, fingerprint, sharpness, width, height, thumbnail)
     SELECT id, fingerprint, ?, ?, ?, ? FROM files WHERE id = ?`,
  ).run(look.sharpness, look.width, look.height, vectorToBlob(look.thumbnail), look.fileId);
}

export function markedIds(db: Database): Set<number> {
  return new Set(db.prepare('SELECT file_id FROM duplicate_marks').pluck().all() as number[]);
}

/** Marks or unmarks photos; returns how many changed. */
export function setMarks(db: Database, fileIds: readonly number[], marked: boolean): number {
  const mark = db.prepare(
    `INSERT OR IGNORE INTO duplicate_marks (file_id, marked_at)
     SELECT id, ? FROM files WHERE id = ?`,
  );
  const unmark = db.prepare('DELETE FROM duplicate_marks WHERE file_id = ?');
  return db.transaction(() => {
    let changed = 0;
    const now = Date.now();
    for (const id of fileIds) changed += (marked ? mark.run(now, id) : unmark.run(id)).changes;
    return changed;
  })();
}

export interface FileFacts {
  readonly path: string;
  readonly bytes: number;
  readonly date: number;
}

export function fileFacts(db: Database, fileIds: readonly number[]): Map<number, FileFacts> {
  const rows = db
    .prepare(
      `SELECT id, path, size, mtime_ms FROM files WHERE id IN (SELECT value FROM json_each(?))`,
    )
    .raw()
    .all(JSON.stringify(fileIds)) as [number, string, number, number][];
  return new Map(rows.map(([id, path, bytes, date]) => [id, { path, bytes, date }]));
}
