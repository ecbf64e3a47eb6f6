// Reads a whole file without ever blocking on it: opened with O_NONBLOCK (a FIFO or a device
// opens at once instead of waiting for a writer), refused unless fstat says it is a regular file,
// and read in chunks under a deadline. A file swapped for a FIFO after a scan, or one on a stalled
// network mount, then costs one report instead of a run that never ends.
import { constants, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';

/** How long one file may take to be read and decoded unless configured otherwise. */
export const DEFAULT_READ_TIMEOUT_MS = 30_000;
const CHUNK = 4 * 1024 * 1024;

/** A file that is not a plain file, is too large, vanished, or did not answer in time. */
export class FileReadError extends Error {
  override readonly name = 'FileReadError';
  constructor(
    readonly path: string,
    message: string,
    readonly reason: 'special' | 'timeout' | 'too-large' | 'unreadable',
    /** The system's error code (ENOENT, EACCES, ...) when the system refused. */
    readonly code?: string,
  ) {
    super(message);
  }
}

export interface ReadOptions {
  /** Milliseconds for the open, the checks and every byte; default readTimeoutMs(). */
  readonly timeoutMs?: number;
  /** Larger files are refused before a byte is read. */
  readonly maxBytes?: number;
  /** Called with the file's size once it is known to be a regular file (e.g. to reserve memory). */
  readonly onSize?: (size: number) => void;
}

/** FACET_READ_TIMEOUT (seconds) when set to a positive number, else the default. */
export function readTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const seconds = Number(env.FACET_READ_TIMEOUT);
  return Number.isFinite(seconds) && seconds > 0
    ? Math.round(seconds * 1000)
    : DEFAULT_READ_TIMEOUT_MS;
}

/** What kind of special file `info` is, in the words of a person looking at the folder. */
export function specialKind(info: Stats): string | null {
  if (info.isFile()) return null;
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a pipe (FIFO)';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

function unreadable(path: string, error: unknown): FileReadError {
  const code = (error as NodeJS.ErrnoException).code;
  const name = basename(path);
  const why =
    code === 'ENOENT'
      ? 'no longer exists'
      : code === 'EACCES' || code === 'EPERM'
        ? 'cannot be read: permission denied'
        : code === 'EISDIR'
          ? 'is a folder, not a file'
          : `could not be read: ${(error as Error).message}`;
  return new FileReadError(path, `${name} ${why}`, 'unreadable', code);
}

let inProgress = 0;

/**
 * File operations not yet returned from the kernel, abandoned ones included. A thread stuck in
 * one also blocks a normal process exit (libuv joins its threads), so shutdown checks this.
 */
export function readsInProgress(): number {
  return inProgress;
}

/** Counts `work` in readsInProgress() until it settles. */
export function trackRead<T>(work: Promise<T>): Promise<T> {
  inProgress++;
  void work.then(
    () => inProgress--,
    () => inProgress--,
  );
  return work;
}

/** Rejects with a timeout error after `ms`, unless `work` settles first. */
export function withDeadline<T>(work: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    // Kept referenced: the deadline is what ends a wait that nothing else will.
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

export function timeoutError(path: string, ms: number): FileReadError {
  return new FileReadError(
    path,
    `${basename(path)} took too long to read (over ${Math.round(ms / 1000)} s); is it on a network drive?`,
    'timeout',
  );
}

async function readAll(path: string, file: FileHandle, options: ReadOptions): Promise<Buffer> {
  const info = await file.stat();
  const kind = specialKind(info);
  if (kind !== null) {
    throw new FileReadError(
      path,
      `${basename(path)} is ${kind}, not a regular file; Facet reads only regular files`,
      'special',
    );
  }
  if (options.maxBytes !== undefined && info.size > options.maxBytes) {
    throw new FileReadError(
      path,
      `${basename(path)} is ${Math.round(info.size / 1_048_576)} MB; Facet reads files up to ${Math.round(options.maxBytes / 1_048_576)} MB`,
      'too-large',
    );
  }
  options.onSize?.(info.size);
  // The size may change while reading (a file being written): read until end of file.
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const room = info.size > total ? Math.min(CHUNK, info.size - total) : CHUNK;
    const chunk = Buffer.allocUnsafe(Math.max(room, 64 * 1024));
    const { bytesRead } = await file.read(chunk, 0, chunk.length, total);
    if (bytesRead === 0) break;
    chunks.push(chunk.subarray(0, bytesRead));
    total += bytesRead;
    if (options.maxBytes !== undefined && total > options.maxBytes) {
      throw new FileReadError(path, `${basename(path)} grew while it was read`, 'too-large');
    }
  }
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, total);
}

/** The bytes of the regular file at `path`; rejects quickly with a FileReadError otherwise. */
export async function readRegularFile(path: string, options: ReadOptions = {}): Promise<Buffer> {
  const ms = options.timeoutMs ?? readTimeoutMs();
  let handle: FileHandle | null = null;
  let abandoned = false;
  const work = trackRead(
    (async () => {
      try {
        handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
      } catch (error) {
        throw unreadable(path, error);
      }
      // A deadline that fired during the open leaves nobody to close the handle but us.
      if (abandoned) throw timeoutError(path, ms);
      try {
        return await readAll(path, handle, options);
      } catch (error) {
        if (error instanceof FileReadError) throw error;
        throw unreadable(path, error);
      }
    })(),
  );
  try {
    return await withDeadline(work, ms, () => timeoutError(path, ms));
  } catch (error) {
    abandoned = true;
    throw error;
  } finally {
    // On a timeout the read may still be stuck in the kernel: close once it returns.
    void work
      .catch(() => undefined)
      .finally(() => (handle as FileHandle | null)?.close().catch(() => undefined));
  }
}

/** The file as UTF-8 text, read with the same guarantees. */
export async function readRegularText(path: string, options: ReadOptions = {}): Promise<string> {
  return (await readRegularFile(path, options)).toString('utf8');
}
