// Is the library file whole? A quick check each time a library opens, the full one on request
// (`facet status --check`), and the words a damaged library is reported with: its path and what
// to do, never a bare "database disk image is malformed".
import { dirname } from 'node:path';
import { openDatabase, type Database } from '../../../native/sqlite';
import { engineError, errorCode, type EngineError } from '../engine-error';

// SQLite's answers for a file that is not a whole database.
const DAMAGE_CODES = /^SQLITE_(CORRUPT|NOTADB)/;

/** True for an error SQLite gives when the file itself is damaged. */
export function isDamage(error: unknown): boolean {
  return DAMAGE_CODES.test(errorCode(error) ?? '');
}

/** The error a damaged library is reported with: which file, what is wrong, what to do. */
export function damagedLibrary(file: string, problem: string): EngineError {
  const dir = dirname(file);
  return engineError(
    'LIBRARY_DAMAGED',
    `The library ${file} is damaged (${problem}). Close the app and run "facet repair --library ${dir}": it keeps a copy of the damaged file, saves the tags you decided, label sets and folders, and rebuilds the rest.`,
  );
}

/** SQLite's findings, at most `limit` of them; empty when the file is whole. */
export function integrityProblems(db: Database, full: boolean, limit = 20): string[] {
  const pragma = full ? 'integrity_check' : 'quick_check';
  const rows = db.pragma(`${pragma}(${limit})`, { simple: false }) as Record<string, string>[];
  const findings = rows.map((row) => String(Object.values(row)[0]));
  return findings.length === 1 && findings[0] === 'ok' ? [] : findings;
}

/** Refuses a damaged library with `damagedLibrary`; any other error passes through. */
export function checkOnOpen(db: Database, file: string): void {
  let problems: string[];
  try {
    problems = integrityProblems(db, false, 3);
  } catch (error) {
    if (isDamage(error)) throw damagedLibrary(file, (error as Error).message);
    throw error;
  }
  if (problems.length > 0) throw damagedLibrary(file, problems.join('; '));
}

export interface IntegrityReport {
  readonly file: string;
  readonly ok: boolean;
  readonly problems: readonly string[];
}

/** The full check of a library file, read-only (it may be damaged, or in use by the app). */
export function checkLibraryFile(file: string): IntegrityReport {
  let db: Database;
  try {
    db = openDatabase(file, { readonly: true });
  } catch (error) {
    return { file, ok: false, problems: [(error as Error).message] };
  }
  try {
    const problems = integrityProblems(db, true);
    return { file, ok: problems.length === 0, problems };
  } catch (error) {
    return { file, ok: false, problems: [(error as Error).message] };
  } finally {
    db.close();
  }
}

/**
 * An error from SQLite in words a person can act on, naming the library file: damage, a full
 * disk, a read-only file or drive. Other errors pass through unchanged.
 */
export function libraryErrorInWords(error: unknown, file: string): unknown {
  const code = errorCode(error) ?? '';
  const message = error instanceof Error ? error.message : String(error);
  if (!code.startsWith('SQLITE_') || message.includes(file)) return error;
  if (isDamage(error)) return damagedLibrary(file, message);
  // The contract's codes, which cross the process boundary (SQLite's own would arrive as INTERNAL).
  if (code.startsWith('SQLITE_FULL'))
    return engineError(
      'LIBRARY_UNAVAILABLE',
      `The library ${file} could not be written: the disk is full. Free some space on the drive that holds ${dirname(file)}, then run again.`,
    );
  if (code.startsWith('SQLITE_READONLY'))
    return engineError(
      'LIBRARY_READ_ONLY',
      `The library ${file} is read-only here, so this cannot be saved: ask for write access to ${dirname(file)}, or only read from it (status, search, photos, export to another folder).`,
    );
  return engineError(
    'LIBRARY_UNAVAILABLE',
    `The library ${file} could not be read or written: ${message}.`,
  );
}
