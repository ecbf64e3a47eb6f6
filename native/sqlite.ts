// The SQLite driver (better-sqlite3): every database Facet opens goes through openDatabase, so
// each one gets the same journal mode, foreign keys and lock waiting.
import BetterSqlite3 from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type Database = BetterSqlite3.Database;
export type Statement<
  P extends unknown[] | object = unknown[],
  R = unknown,
> = BetterSqlite3.Statement<P, R>;

export interface OpenOptions {
  readonly readonly?: boolean;
  /** How long a write waits for another process's lock before failing (default 5 s). */
  readonly busyTimeoutMs?: number;
  /** Open without setting the journal mode: a damaged file is read as it is, never rewritten. */
  readonly asIs?: boolean;
}

/** A library file that cannot be opened or written: the message says which file and why. */
export class DatabaseOpenError extends Error {
  override readonly name = 'DatabaseOpenError';
  readonly code = 'LIBRARY_UNAVAILABLE';
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`The library ${file} cannot be opened: ${reason}`);
  }
}

export function openDatabase(file: string, options: OpenOptions = {}): Database {
  const readonly = options.readonly ?? false;
  let db: Database;
  try {
    if (!readonly) mkdirSync(dirname(file), { recursive: true });
    db = new BetterSqlite3(file, { readonly, fileMustExist: readonly });
  } catch (error) {
    throw new DatabaseOpenError(file, (error as Error).message);
  }
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.round(options.busyTimeoutMs ?? 5000))}`);
    db.pragma('foreign_keys = ON');
    if (!readonly && options.asIs !== true) {
      // WAL lets readers (the app, a CLI run) see the library while an index run writes to it.
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
  } catch (error) {
    db.close();
    throw new DatabaseOpenError(file, (error as Error).message);
  }
  return db;
}

/** A float32 vector as a BLOB (native byte order, as it is read back on the same machine). */
export function vectorToBlob(vector: Float32Array): Buffer {
  return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);
}

/** Copies a BLOB into `target` at `offset` floats (BLOBs from SQLite need not be 4-byte aligned). */
export function blobIntoVector(blob: Uint8Array, target: Float32Array, offset = 0): void {
  new Uint8Array(target.buffer, target.byteOffset + offset * 4, blob.byteLength).set(blob);
}

export function blobToVector(blob: Uint8Array): Float32Array {
  const vector = new Float32Array(blob.byteLength / 4);
  blobIntoVector(blob, vector);
  return vector;
}
