// The library store: the folders a user added, their photos, one embedding per photo and model,
// the photos that could not be read, and the index runs. Plain synchronous SQLite calls.
import { join, sep } from 'node:path';
import { blobToVector, openDatabase, vectorToBlob, type Database } from '../../../native/sqlite';
import type { LibraryFolder } from '../../../preload/contract/library';
import { databaseEmbeddings } from './embedding-rows';
import { EmbeddingStore } from './embedding-store';
import { checkOnOpen, libraryErrorInWords } from './integrity';
import { isReadOnlyLibrary, openReadOnlySnapshot } from './read-only-library';
import { isCurrent, migrate } from './schema';

export const LIBRARY_FILE = 'library.db';

export type RootKind = LibraryFolder['kind'];

export interface Root {
  readonly id: number;
  readonly path: string;
  readonly kind: RootKind;
}

export interface FileRow {
  readonly id: number;
  readonly rootId: number;
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly fingerprint: string;
}

export interface NewFile {
  readonly rootId: number;
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly fingerprint: string;
}

export interface StoredEmbedding {
  readonly fileId: number;
  readonly embedding: Float32Array;
  readonly width: number;
  readonly height: number;
  readonly format: string;
}

export interface PhotoPath {
  readonly id: number;
  readonly path: string;
}

/** Size in bytes when indexed; width, height and format once embedded. */
export interface PhotoFacts extends PhotoPath {
  readonly size: number;
  readonly width: number | null;
  readonly height: number | null;
  readonly format: string | null;
}

/** `folder/` prefix of paths inside `folder` (the filesystem root already ends with one). */
export function childPrefix(folder: string): string {
  return folder.endsWith(sep) ? folder : folder + sep;
}

export function isInside(path: string, folder: string): boolean {
  return path === folder || path.startsWith(childPrefix(folder));
}

interface RawFile {
  id: number;
  root_id: number;
  path: string;
  size: number;
  mtime_ms: number;
  fingerprint: string;
}

const toFileRow = (row: RawFile): FileRow => ({
  id: row.id,
  rootId: row.root_id,
  path: row.path,
  size: row.size,
  mtimeMs: row.mtime_ms,
  fingerprint: row.fingerprint,
});

export class Library {
  readonly file: string;
  /** The open database: domains keep their own tables in it (see schema.ts). */
  readonly db: Database;

  /** True when the library's folder cannot be written: it is read from a snapshot. */
  readonly readOnly: boolean;
  /** The embeddings in memory, for every domain that scores or compares photos. */
  readonly embeddings: EmbeddingStore;
  private readonly removeSnapshot: () => void = () => {};

  constructor(libraryDir: string) {
    this.file = join(libraryDir, LIBRARY_FILE);
    this.readOnly = isReadOnlyLibrary(libraryDir, this.file);
    if (this.readOnly) {
      const snapshot = openReadOnlySnapshot(this.file);
      this.db = snapshot.db;
      this.removeSnapshot = snapshot.remove;
    } else this.db = openDatabase(this.file);
    try {
      // Before anything reads it: a damaged file is reported with what to do, not half-read.
      checkOnOpen(this.db, this.file);
      if (!this.readOnly) migrate(this.db, this.file);
      else if (!isCurrent(this.db, this.file))
        throw Object.assign(
          new Error(
            `The library ${this.file} is read-only here and was written by an older Facet: open it once where it can be written, so Facet can bring it up to date.`,
          ),
          { code: 'LIBRARY_READ_ONLY' },
        );
    } catch (error) {
      this.close();
      throw libraryErrorInWords(error, this.file);
    }
    this.embeddings = new EmbeddingStore(databaseEmbeddings(this.db));
  }

  close(): void {
    if (this.db.open) this.db.close();
    this.removeSnapshot();
  }

  /** Runs `work` in one transaction: all of it is stored, or none of it. */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  roots(): Root[] {
    return this.db.prepare('SELECT id, path, kind FROM roots ORDER BY path').all() as Root[];
  }

  /** The root that already holds `path` (the same folder or photo, or a folder above it). */
  rootCovering(path: string): Root | null {
    return this.roots().find((root) => isInside(path, root.path)) ?? null;
  }

  /** Adds a root; roots inside a new folder root become part of it (their rows are kept). */
  addRoot(path: string, kind: RootKind): number {
    return this.transaction(() => {
      const id = Number(
        this.db
          .prepare('INSERT INTO roots (path, kind, added_at) VALUES (?, ?, ?)')
          .run(path, kind, Date.now()).lastInsertRowid,
      );
      if (kind === 'folder') {
        const inner = this.roots().filter((root) => root.id !== id && isInside(root.path, path));
        for (const root of inner) {
          this.db.prepare('UPDATE files SET root_id = ? WHERE root_id = ?').run(id, root.id);
          this.db.prepare('DELETE FROM roots WHERE id = ?').run(root.id);
        }
      }
      return id;
    });
  }

  /** Forgets a root and its photos' rows; returns false when `path` is not a root. */
  removeRoot(path: string): boolean {
    const removed = this.db.prepare('DELETE FROM roots WHERE path = ?').run(path).changes > 0;
    if (removed) this.embeddings.invalidate();
    return removed;
  }

  /** Photos stored at `path` or below it. */
  filesUnder(path: string): FileRow[] {
    const prefix = childPrefix(path);
    const rows = this.db
      .prepare(
        `SELECT id, root_id, path, size, mtime_ms, fingerprint FROM files
         WHERE path = ? OR (path >= ? AND path < ?) ORDER BY path`,
      )
      .all(path, prefix, prefix.slice(0, -1) + String.fromCharCode(sep.charCodeAt(0) + 1));
    return (rows as RawFile[]).map(toFileRow);
  }

  fileByPath(path: string): FileRow | null {
    const row = this.db
      .prepare('SELECT id, root_id, path, size, mtime_ms, fingerprint FROM files WHERE path = ?')
      .get(path) as RawFile | undefined;
    return row === undefined ? null : toFileRow(row);
  }

  /** Ids and paths of the photos in `fileIds` (every photo when null), in path order. */
  photoPaths(fileIds: readonly number[] | null = null): PhotoPath[] {
    return this.db
      .prepare(
        `SELECT id, path FROM files
         WHERE ? IS NULL OR id IN (SELECT value FROM json_each(?)) ORDER BY path`,
      )
      .all(fileIds === null ? null : 1, JSON.stringify(fileIds ?? [])) as PhotoPath[];
  }

  /** What the library knows of a photo without opening it; null when it is not in the library. */
  photoFacts(id: number): PhotoFacts | null {
    const row = this.db
      .prepare('SELECT id, path, size, width, height, format FROM files WHERE id = ?')
      .get(id) as PhotoFacts | undefined;
    return row ?? null;
  }

  insertFile(file: NewFile): number {
    return Number(
      this.db
        .prepare(
          `INSERT INTO files (root_id, path, size, mtime_ms, fingerprint, added_at)
           VALUES (?, ?, ?, ?, ?, ?)`,
        )
        .run(file.rootId, file.path, file.size, file.mtimeMs, file.fingerprint, Date.now())
        .lastInsertRowid,
    );
  }

  /** The photo's content changed: its embeddings and error no longer apply. */
  updateChangedFile(id: number, size: number, mtimeMs: number, fingerprint: string): void {
    this.db
      .prepare('UPDATE files SET size = ?, mtime_ms = ?, fingerprint = ? WHERE id = ?')
      .run(size, mtimeMs, fingerprint, id);
    this.db.prepare('DELETE FROM embeddings WHERE file_id = ?').run(id);
    this.db.prepare('DELETE FROM file_errors WHERE file_id = ?').run(id);
    this.embeddings.invalidate();
  }

  /** The same photo at a new path: its row and embeddings go with it. */
  moveFile(id: number, rootId: number, path: string, mtimeMs: number): void {
    this.db
      .prepare('UPDATE files SET root_id = ?, path = ?, mtime_ms = ? WHERE id = ?')
      .run(rootId, path, mtimeMs, id);
    this.embeddings.invalidate();
  }

  deleteFile(id: number): void {
    this.db.prepare('DELETE FROM files WHERE id = ?').run(id);
    this.embeddings.invalidate();
  }

  /** Ids of the photos that have an embedding from `modelId`. */
  embeddedIds(modelId: string): Set<number> {
    const ids = this.db.prepare('SELECT file_id FROM embeddings WHERE model_id = ?').pluck();
    return new Set(ids.all(modelId) as number[]);
  }

  /** Rows whose content fingerprint is `fingerprint` (candidates for a moved photo). */
  filesWithFingerprint(fingerprint: string): FileRow[] {
    const rows = this.db
      .prepare(
        'SELECT id, root_id, path, size, mtime_ms, fingerprint FROM files WHERE fingerprint = ?',
      )
      .all(fingerprint) as RawFile[];
    return rows.map(toFileRow);
  }

  /** Stores a batch in one transaction; photos removed meanwhile are skipped. */
  storeEmbeddings(modelId: string, batch: readonly StoredEmbedding[]): void {
    const exists = this.db.prepare('SELECT 1 FROM files WHERE id = ?').pluck();
    const insert = this.db.prepare(
      `INSERT OR REPLACE INTO embeddings (file_id, model_id, dim, vector, created_at)
       VALUES (?, ?, ?, ?, ?)`,
    );
    const describe = this.db.prepare(
      'UPDATE files SET width = ?, height = ?, format = ? WHERE id = ?',
    );
    const clearError = this.db.prepare('DELETE FROM file_errors WHERE file_id = ?');
    this.transaction(() => {
      const now = Date.now();
      for (const item of batch) {
        if (exists.get(item.fileId) === undefined) continue;
        insert.run(item.fileId, modelId, item.embedding.length, vectorToBlob(item.embedding), now);
        describe.run(item.width, item.height, item.format, item.fileId);
        clearError.run(item.fileId);
      }
    });
    this.embeddings.invalidate();
  }

  storeErrors(batch: readonly { readonly fileId: number; readonly message: string }[]): void {
    const insert = this.db.prepare(
      `INSERT OR REPLACE INTO file_errors (file_id, message, at)
       SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM files WHERE id = ?)`,
    );
    this.transaction(() => {
      const now = Date.now();
      for (const { fileId, message } of batch) insert.run(fileId, message, now, fileId);
    });
  }

  /** Recorded reasons for unreadable photos, by file id. */
  errorsByFile(): Map<number, string> {
    const rows = this.db.prepare('SELECT file_id, message FROM file_errors').all() as {
      file_id: number;
      message: string;
    }[];
    return new Map(rows.map((row) => [row.file_id, row.message]));
  }

  /** Each root with its photo counts and the first few embedded photos, for the folder list. */
  folderSummaries(modelId: string, previewCount: number): LibraryFolder[] {
    const rows = this.db
      .prepare(
        `SELECT r.id, r.path, r.kind,
           (SELECT COUNT(*) FROM files f WHERE f.root_id = r.id) AS photos,
           (SELECT COUNT(*) FROM files f JOIN embeddings e ON e.file_id = f.id AND e.model_id = ?
             WHERE f.root_id = r.id) AS embedded,
           (SELECT COUNT(*) FROM files f JOIN file_errors x ON x.file_id = f.id
             WHERE f.root_id = r.id) AS problems
         FROM roots r ORDER BY r.path`,
      )
      .all(modelId) as (Omit<LibraryFolder, 'preview'> & { id: number })[];
    const preview = this.db
      .prepare(
        `SELECT f.path FROM files f JOIN embeddings e ON e.file_id = f.id AND e.model_id = ?
         WHERE f.root_id = ? ORDER BY f.path LIMIT ?`,
      )
      .pluck();
    return rows.map(({ id, ...row }) => ({
      ...row,
      preview: preview.all(modelId, id, previewCount) as string[],
    }));
  }

  /** Unreadable photos with their reasons, in path order (the Problems panel). */
  problems(): { path: string; reason: string; at: number }[] {
    return this.db
      .prepare(
        `SELECT f.path, e.message AS reason, e.at FROM file_errors e
         JOIN files f ON f.id = e.file_id ORDER BY f.path`,
      )
      .all() as { path: string; reason: string; at: number }[];
  }

  embeddingOf(path: string, modelId: string): Float32Array | null {
    const blob = this.db
      .prepare(
        `SELECT e.vector FROM embeddings e JOIN files f ON f.id = e.file_id
         WHERE f.path = ? AND e.model_id = ?`,
      )
      .pluck()
      .get(path, modelId) as Buffer | undefined;
    return blob === undefined ? null : blobToVector(blob);
  }

  counts(): { roots: number; files: number; errors: number; embedded: Record<string, number> } {
    const count = (sql: string) => this.db.prepare(sql).pluck().get() as number;
    const perModel = this.db
      .prepare('SELECT model_id, COUNT(*) AS n FROM embeddings GROUP BY model_id ORDER BY model_id')
      .all() as { model_id: string; n: number }[];
    return {
      roots: count('SELECT COUNT(*) FROM roots'),
      files: count('SELECT COUNT(*) FROM files'),
      errors: count('SELECT COUNT(*) FROM file_errors'),
      embedded: Object.fromEntries(perModel.map((row) => [row.model_id, row.n])),
    };
  }

  setting(key: string): string | null {
    const value = this.db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key);
    return typeof value === 'string' ? value : null;
  }

  setSetting(key: string, value: string): void {
    this.db.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)').run(key, value);
  }

  startJob(paths: readonly string[], modelId: string, device: string): number {
    // A run still marked running was cut short (killed, crashed): say so.
    this.db.prepare(`UPDATE index_jobs SET state = 'interrupted' WHERE state = 'running'`).run();
    return Number(
      this.db
        .prepare(
          `INSERT INTO index_jobs (paths, model_id, device, state, started_at)
           VALUES (?, ?, ?, 'running', ?)`,
        )
        .run(JSON.stringify(paths), modelId, device, Date.now()).lastInsertRowid,
    );
  }

  finishJob(
    id: number,
    outcome: { files: number; embedded: number; errors: number } | { failed: string },
  ): void {
    if ('failed' in outcome) {
      this.db
        .prepare(
          `UPDATE index_jobs SET state = 'failed', finished_at = ?, message = ? WHERE id = ?`,
        )
        .run(Date.now(), outcome.failed, id);
      return;
    }
    this.db
      .prepare(
        `UPDATE index_jobs SET state = 'done', finished_at = ?, files = ?, embedded = ?, errors = ?
         WHERE id = ?`,
      )
      .run(Date.now(), outcome.files, outcome.embedded, outcome.errors, id);
  }
}
