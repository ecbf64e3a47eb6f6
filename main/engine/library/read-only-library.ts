// A library in a folder Facet may not write (a read-only share, another user's, a mounted backup)
// can still be read: status, search, photos, export to another folder. SQLite cannot open a WAL
// database read-only without writing its -shm file beside it, so such a library is read from a
// private snapshot, opened read-only: a change is refused, never silently lost.
import { accessSync, constants, copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Database } from '../../../native/sqlite';

/** True when the library file exists but its folder cannot be written. */
export function isReadOnlyLibrary(dir: string, file: string): boolean {
  if (!existsSync(file)) return false;
  try {
    accessSync(dir, constants.W_OK);
    accessSync(file, constants.W_OK);
    return false;
  } catch {
    return true;
  }
}

/** The library's snapshot, read-only; `remove` deletes the snapshot once the library closes. */
export function openReadOnlySnapshot(file: string): { db: Database; remove: () => void } {
  const folder = mkdtempSync(join(tmpdir(), 'facet-read-only-'));
  const copy = join(folder, 'library.db');
  copyFileSync(file, copy);
  // Commits not yet checkpointed live in the journal: they are part of what the user sees.
  if (existsSync(`${file}-wal`)) copyFileSync(`${file}-wal`, `${copy}-wal`);
  const remove = () => rmSync(folder, { recursive: true, force: true });
  try {
    return { db: openDatabase(copy, { readonly: true }), remove };
  } catch (error) {
    remove();
    throw error;
  }
}
