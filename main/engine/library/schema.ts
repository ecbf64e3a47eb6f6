// The library's schema as numbered migrations: PRAGMA user_version says how many have run, so an
// older library file is brought up to date when it is opened and a newer one is refused.
import type { Database } from '../../../native/sqlite';
import { BROWSE_MIGRATIONS } from '../browse/schema';
import { EXPORT_MIGRATIONS } from '../export/schema';
import { LABELS_MIGRATIONS } from '../labels/schema';
import { CLUSTERS_MIGRATIONS } from '../clusters/schema';
import { engineError } from '../engine-error';

const MIGRATIONS: readonly string[] = [
  // 1: folders (and single photos), their photos, embeddings per model, unreadable files, runs.
  `
  CREATE TABLE roots (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('folder', 'photo')),
    added_at INTEGER NOT NULL
  );
  CREATE TABLE files (
    id INTEGER PRIMARY KEY,
    root_id INTEGER NOT NULL REFERENCES roots (id) ON DELETE CASCADE,
    path TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    mtime_ms REAL NOT NULL,
    width INTEGER,
    height INTEGER,
    format TEXT,
    fingerprint TEXT NOT NULL,
    added_at INTEGER NOT NULL
  );
  CREATE INDEX files_root ON files (root_id);
  CREATE INDEX files_fingerprint ON files (fingerprint);
  CREATE TABLE embeddings (
    file_id INTEGER NOT NULL REFERENCES files (id) ON DELETE CASCADE,
    model_id TEXT NOT NULL,
    dim INTEGER NOT NULL,
    vector BLOB NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (file_id, model_id)
  ) WITHOUT ROWID;
  CREATE INDEX embeddings_model ON embeddings (model_id);
  CREATE TABLE file_errors (
    file_id INTEGER PRIMARY KEY REFERENCES files (id) ON DELETE CASCADE,
    message TEXT NOT NULL,
    at INTEGER NOT NULL
  );
  CREATE TABLE index_jobs (
    id INTEGER PRIMARY KEY,
    paths TEXT NOT NULL,
    model_id TEXT,
    device TEXT,
    state TEXT NOT NULL CHECK (state IN ('running', 'done', 'failed', 'interrupted')),
    started_at INTEGER NOT NULL,
    finished_at INTEGER,
    files INTEGER NOT NULL DEFAULT 0,
    embedded INTEGER NOT NULL DEFAULT 0,
    errors INTEGER NOT NULL DEFAULT 0,
    message TEXT
  );
  CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** A domain's table change: applied once, by id, in list order. Never edit one once committed. */
export interface Migration {
  readonly id: string;
  readonly sql: string;
}

// Each domain's migrations (main/engine/<domain>/schema.ts), one line each.
const DOMAIN_MIGRATIONS: readonly Migration[] = [
  ...BROWSE_MIGRATIONS,
  ...EXPORT_MIGRATIONS,
  ...LABELS_MIGRATIONS,
  ...CLUSTERS_MIGRATIONS,
];

/** True when every migration this Facet knows has been applied (nothing to write). */
export function isCurrent(db: Database, file: string): boolean {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION)
    throw engineError(
      'LIBRARY_TOO_NEW',
      `The library ${file} was written by a newer Facet (schema ${version}, this one knows ${SCHEMA_VERSION}).`,
    );
  if (version < SCHEMA_VERSION) return false;
  const applied = new Set(db.prepare('SELECT id FROM migrations').pluck().all() as string[]);
  return DOMAIN_MIGRATIONS.every((migration) => applied.has(migration.id));
}

/** Runs the migrations this library has not seen yet, each in its own transaction. */
export function migrate(db: Database, file: string): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw engineError(
      'LIBRARY_TOO_NEW',
      `The library ${file} was written by a newer Facet (schema ${current}, this one knows ${SCHEMA_VERSION}).`,
    );
  }
  for (let version = current; version < SCHEMA_VERSION; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version] as string);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
  migrateDomains(db, file);
}

function migrateDomains(db: Database, file: string): void {
  db.exec(
    'CREATE TABLE IF NOT EXISTS migrations (id TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)',
  );
  const applied = new Set(
    (db.prepare('SELECT id FROM migrations').all() as { id: string }[]).map((row) => row.id),
  );
  const known = new Set(DOMAIN_MIGRATIONS.map((migration) => migration.id));
  const unknown = [...applied].filter((id) => !known.has(id));
  if (unknown.length > 0)
    throw engineError(
      'LIBRARY_TOO_NEW',
      `The library ${file} was written by a newer Facet (it has ${unknown.join(', ')}).`,
    );
  const record = db.prepare('INSERT INTO migrations (id, applied_at) VALUES (?, ?)');
  for (const migration of DOMAIN_MIGRATIONS) {
    if (applied.has(migration.id)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.id, Date.now());
    })();
  }
}
