// The clusters domain's tables: the reduced space and clusters of each model (so photos added
// later join without a recomputation), each photo's cluster and map position, what near-duplicate
// checks measured of a photo, and the copies a user marked.
import type { Migration } from '../library/schema';

export const CLUSTERS_MIGRATIONS: readonly Migration[] = [
  {
    id: 'clusters-1',
    sql: `
    CREATE TABLE cluster_spaces (
      model_id TEXT PRIMARY KEY,
      dim INTEGER NOT NULL,
      rank INTEGER NOT NULL,
      mean BLOB NOT NULL,
      basis BLOB NOT NULL,
      cut REAL NOT NULL,
      photos INTEGER NOT NULL,
      computed_at INTEGER NOT NULL
    );
    CREATE TABLE clusters (
      id INTEGER PRIMARY KEY,
      model_id TEXT NOT NULL,
      name TEXT NOT NULL,
      named INTEGER NOT NULL DEFAULT 0,
      size INTEGER NOT NULL,
      sum BLOB NOT NULL
    );
    CREATE INDEX clusters_model ON clusters (model_id);
    CREATE TABLE cluster_photos (
      file_id INTEGER NOT NULL REFERENCES files (id) ON DELETE CASCADE,
      model_id TEXT NOT NULL,
      cluster_id INTEGER REFERENCES clusters (id) ON DELETE SET NULL,
      typicality REAL NOT NULL,
      x REAL,
      y REAL,
      PRIMARY KEY (file_id, model_id)
    ) WITHOUT ROWID;
    CREATE INDEX cluster_photos_cluster ON cluster_photos (cluster_id);
    CREATE TABLE photo_looks (
      file_id INTEGER PRIMARY KEY REFERENCES files (id) ON DELETE CASCADE,
      fingerprint TEXT NOT NULL,
      sharpness REAL NOT NULL,
      width INTEGER NOT NULL,
      height INTEGER NOT NULL,
      thumbnail BLOB NOT NULL
    );
    CREATE TABLE duplicate_marks (
      file_id INTEGER PRIMARY KEY REFERENCES files (id) ON DELETE CASCADE,
      marked_at INTEGER NOT NULL
    );
    `,
  },
  {
    // Photos joined one by one since the last computation: many of them call for a new one.
    id: 'clusters-2',
    sql: 'ALTER TABLE cluster_spaces ADD COLUMN joined INTEGER NOT NULL DEFAULT 0;',
  },
  {
    // Clusters are now found in the vocabulary's text metric, where the cut means something else:
    // each model's space (and its cut) is computed again; cluster names the user gave are kept.
    id: 'clusters-3-text-metric',
    sql: 'DELETE FROM cluster_spaces;',
  },
];
