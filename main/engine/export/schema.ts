// What Facet wrote into each photo's sidecar or original, so a later export removes only its own
// keywords and never the user's. Keyed by files.id, so it survives moves and re-indexing.
import type { Migration } from '../library/schema';

export const EXPORT_MIGRATIONS: readonly Migration[] = [
  {
    id: 'export-1',
    sql: `
    CREATE TABLE export_keywords (
      file_id INTEGER NOT NULL REFERENCES files (id) ON DELETE CASCADE,
      target TEXT NOT NULL,
      field TEXT NOT NULL,
      value TEXT NOT NULL,
      PRIMARY KEY (file_id, target, field, value)
    ) WITHOUT ROWID;
    `,
  },
];
