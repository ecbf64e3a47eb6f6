// Brings the library in line with the disk (new, changed, moved and deleted photos), then embeds
// the photos that have no embedding for the model yet, storing results in small transactions.
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { IndexProgress } from '../../../preload/contract';
import type { ImageEmbedding } from '../clip/index';
import { fingerprintFile } from './fingerprint';
import type { IndexControl } from './index-control';
import type { FileRow, Library, StoredEmbedding } from './library';
import { scanPhotos, type IgnoredMedia, type ScannedPhoto, type ScanOptions } from './scanner';

/** Results stored per transaction: a killed run loses at most this many embeddings. */
export const COMMIT_EVERY = 32;
/** ...or after this long, so results wait on no slow file to be stored (a read may hang). */
export const COMMIT_AFTER_MS = 1_000;
const PROGRESS_INTERVAL_MS = 250;

export interface FileProblem {
  readonly path: string;
  readonly error: string;
}

export interface SyncResult {
  /** The photos found under the synced paths, in path order, as stored now. */
  readonly files: FileRow[];
  /** Folders or photos that could not be listed. */
  readonly problems: FileProblem[];
  /** Paths that left the library (deleted, or moved elsewhere): their thumbnails are stale. */
  readonly gone: string[];
  /** Media files found but not read as photos (videos), with the reason. */
  readonly ignored: IgnoredMedia[];
  /** The JPEG halves of RAW+JPEG pairs, each with the raw that stands for it. */
  readonly companions: { readonly path: string; readonly master: string }[];
}

/**
 * Scans `paths` (each inside a root of the library) and updates their rows: new photos are
 * added, changed ones lose their embeddings, moved ones keep their row, vanished ones go.
 */
export async function syncPhotos(
  library: Library,
  paths: readonly string[],
  options: ScanOptions = {},
): Promise<SyncResult> {
  const problems: FileProblem[] = [];
  const ignored: IgnoredMedia[] = [];
  const companions: { path: string; master: string }[] = [];
  const found = new Map<string, { photo: ScannedPhoto; rootId: number }>();
  const stored = new Map<string, FileRow>();
  for (const path of paths) {
    const root = library.rootCovering(path);
    if (root === null) throw new Error(`${path} is not in the library.`);
    const scan = await scanPhotos(path, options);
    problems.push(...scan.problems);
    ignored.push(...scan.ignored);
    companions.push(...scan.companions);
    for (const photo of scan.photos) found.set(photo.path, { photo, rootId: root.id });
    for (const row of library.filesUnder(path)) stored.set(row.path, row);
  }

  const changed: { row: FileRow; photo: ScannedPhoto }[] = [];
  const added: { photo: ScannedPhoto; rootId: number }[] = [];
  for (const [path, entry] of found) {
    const row = stored.get(path);
    if (row === undefined) added.push(entry);
    else if (row.size !== entry.photo.size || row.mtimeMs !== entry.photo.mtimeMs)
      changed.push({ row, photo: entry.photo });
  }
  // An unreadable photo still gets a row (no fingerprint): embedding it records why it failed.
  const fingerprints = new Map<string, string>();
  for (const { photo } of [...added, ...changed]) {
    fingerprints.set(photo.path, await fingerprintFile(photo.path).catch(() => ''));
  }

  const gone: string[] = [];
  library.transaction(() => {
    const moved = new Set<number>();
    for (const { row, photo } of changed) {
      const fingerprint = fingerprints.get(photo.path) ?? '';
      library.updateChangedFile(row.id, photo.size, photo.mtimeMs, fingerprint);
    }
    for (const { photo, rootId } of added) {
      // Another scan (an add while a run indexes) may have stored it since this one listed it.
      if (library.fileByPath(photo.path) !== null) continue;
      const fingerprint = fingerprints.get(photo.path) ?? '';
      // A row with the same content whose file is gone is this photo, moved or renamed.
      const previous = (fingerprint === '' ? [] : library.filesWithFingerprint(fingerprint)).find(
        (row) =>
          row.size === photo.size &&
          !moved.has(row.id) &&
          !found.has(row.path) &&
          !existsSync(row.path),
      );
      if (previous !== undefined) {
        moved.add(previous.id);
        gone.push(previous.path);
        library.moveFile(previous.id, rootId, photo.path, photo.mtimeMs);
        stored.delete(previous.path);
      } else {
        library.insertFile({ rootId, ...photo, fingerprint });
      }
    }
    for (const [path, row] of stored) {
      if (found.has(path)) continue;
      library.deleteFile(row.id);
      gone.push(path);
    }
  });

  return {
    files: photosStoredUnder(library, paths),
    problems,
    gone,
    ignored: [...new Map(ignored.map((item) => [item.path, item])).values()],
    companions,
  };
}

/** The photos stored under `paths`, each once, in path order. */
export function photosStoredUnder(library: Library, paths: readonly string[]): FileRow[] {
  const unique = new Map<number, FileRow>();
  for (const path of paths) for (const row of library.filesUnder(path)) unique.set(row.id, row);
  return [...unique.values()].sort((a, b) => (a.path < b.path ? -1 : 1));
}

export interface EmbedRun {
  readonly library: Library;
  readonly modelId: string;
  readonly files: readonly FileRow[];
  readonly embedImages: (
    paths: Iterable<string> | AsyncIterable<string>,
  ) => AsyncIterable<ImageEmbedding>;
  readonly onProgress?: (progress: IndexProgress) => void;
  /** Checked after each photo: true ends the run early (what was embedded stays stored). */
  readonly shouldStop?: () => boolean;
  /** Pause, resume and cancel from the UI. */
  readonly control?: IndexControl;
}

export interface EmbedResult {
  readonly embedded: number;
  readonly skipped: number;
  readonly errors: FileProblem[];
}

/** Embeds the photos of `files` that have no embedding for the model (unreadable ones again). */
export async function embedMissing(run: EmbedRun): Promise<EmbedResult> {
  const { library, modelId } = run;
  const done = library.embeddedIds(modelId);
  const todo = run.files.filter((file) => !done.has(file.id));
  const ids = new Map(todo.map((file) => [file.path, file.id]));
  const errors: FileProblem[] = [];
  let pending: StoredEmbedding[] = [];
  let pendingErrors: { fileId: number; message: string }[] = [];
  const flush = () => {
    if (pending.length > 0) library.storeEmbeddings(modelId, pending);
    if (pendingErrors.length > 0) library.storeErrors(pendingErrors);
    pending = [];
    pendingErrors = [];
  };

  const control = run.control;
  const started = performance.now();
  let lastReport = 0;
  let finished = 0;
  let embedded = 0;
  let currentFolder: string | null = null;
  const report = (force: boolean) => {
    const now = performance.now();
    if (!force && now - lastReport < PROGRESS_INTERVAL_MS) return;
    lastReport = now;
    const seconds = (now - started - (control?.pausedMs ?? 0)) / 1000;
    const rate = seconds > 0 ? finished / seconds : 0;
    run.onProgress?.({
      done: finished,
      total: todo.length,
      filesPerSecond: Math.round(rate * 10) / 10,
      etaSeconds: rate > 0 ? Math.round((todo.length - finished) / rate) : null,
      currentFolder,
    });
  };
  report(true);

  // Paths are handed out one by one, so a pause stops decoding too, not only the storing.
  async function* paths(): AsyncGenerator<string> {
    for (const file of todo) {
      if (control !== undefined && !(await control.mayContinue())) return;
      yield file.path;
    }
  }

  // Results finished before a stuck file are stored while it is still being waited for.
  const commitTimer = setInterval(flush, COMMIT_AFTER_MS);
  commitTimer.unref();
  try {
    for await (const result of run.embedImages(paths())) {
      const fileId = ids.get(result.path);
      if (fileId === undefined) continue;
      finished++;
      currentFolder = dirname(result.path);
      if (result.ok) {
        embedded++;
        pending.push({ fileId, ...result });
      } else {
        errors.push({ path: result.path, error: result.error });
        pendingErrors.push({ fileId, message: result.error });
      }
      if (pending.length + pendingErrors.length >= COMMIT_EVERY) flush();
      report(false);
      if (run.shouldStop?.() === true) break;
      if (control?.current === 'paused') {
        flush(); // a pause may last until the app quits: keep what is done
        report(true);
      }
      if (control !== undefined && !(await control.mayContinue())) break;
    }
  } finally {
    clearInterval(commitTimer);
    flush();
  }
  report(true);
  return { embedded, skipped: run.files.length - todo.length, errors };
}
