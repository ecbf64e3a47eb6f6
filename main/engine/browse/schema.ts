// The browse domain's own table: when each photo was taken, read once from its EXIF and kept
// with the fingerprint it was read from (a changed photo is read again).
import type { Migration } from '../library/schema';

export const BROWSE_MIGRATIONS: readonly Migration[] = [
  {
    id: 'browse-1',
    sql: `
    CREATE TABLE browse_photo_dates (
      file_id INTEGER PRIMARY KEY REFERENCES files (id) ON DELETE CASCADE,
      fingerprint TEXT NOT NULL,
      taken_ms REAL,
      source TEXT NOT NULL CHECK (source IN ('exif', 'file'))
    );
    `,
  },
];
