// Downloads one file over HTTP into a partial file, resuming a previous partial with a Range
// request, so an interrupted multi-gigabyte download never starts over.
import { createWriteStream } from 'node:fs';
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

/** A download failure the user can act on; `code` tells the CLI and the UI apart. */
export class DownloadError extends Error {
  override readonly name = 'DownloadError';
  constructor(
    message: string,
    readonly code: 'DISK_FULL' | 'CHECKSUM' | 'HTTP' | 'INTERRUPTED' | 'CANCELLED',
  ) {
    super(message);
  }
}

export interface FileDownload {
  readonly url: string;
  /** Where the partial file is kept until it is complete. */
  readonly partial: string;
  /** What the user calls the file in messages, e.g. "visual/model.onnx of ViT-B-32__openai". */
  readonly label: string;
  readonly signal?: AbortSignal;
  /** Bytes already in the partial file when the transfer starts (called once) and then as they arrive. */
  readonly onResume?: (bytes: number) => void;
  readonly onBytes?: (bytes: number) => void;
  /** The size the server announces, once known. */
  readonly onSize?: (bytes: number) => void;
}

const MIB = 1024 * 1024;

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * MIB) return `${(bytes / 1024 / MIB).toFixed(1)} GB`;
  if (bytes >= MIB) return `${(bytes / MIB).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(0)} kB`;
  return `${bytes} bytes`;
}

async function sizeOf(path: string): Promise<number> {
  return (await stat(path).catch(() => null))?.size ?? 0;
}

export function isDiskFull(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}

function isAbort(error: unknown, signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true || (error as Error | null)?.name === 'AbortError';
}

/** Total size from a 206 answer's "Content-Range: bytes a-b/total". */
function rangeTotal(header: string | null): { start: number; total: number | null } | null {
  const match = /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(header ?? '');
  if (match === null) return null;
  return { start: Number(match[1]), total: match[2] === '*' ? null : Number(match[2]) };
}

/**
 * Fetches `url` into `partial`, continuing from the bytes already there when the server honours
 * Range (with If-Range on the validator it gave before, so a changed file starts over).
 * Returns the file's full size. The partial file is kept when the transfer breaks off.
 */
export async function downloadToPartial(job: FileDownload): Promise<number> {
  const validatorFile = `${job.partial}.etag`;
  let have = await sizeOf(job.partial);
  const validator = have > 0 ? (await readFile(validatorFile, 'utf8').catch(() => '')).trim() : '';
  const headers: Record<string, string> = { 'accept-encoding': 'identity' };
  if (have > 0) {
    headers.range = `bytes=${have}-`;
    if (validator !== '') headers['if-range'] = validator;
  }

  let response: Response;
  try {
    response = await fetch(job.url, { headers, signal: job.signal, redirect: 'follow' });
  } catch (error) {
    if (isAbort(error, job.signal))
      throw new DownloadError('The download was cancelled.', 'CANCELLED');
    const reason =
      (error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message;
    throw new DownloadError(
      `${job.label} could not be fetched from ${job.url}: ${reason}.`,
      'HTTP',
    );
  }

  let total: number | null;
  if (response.status === 416 && have > 0) {
    // Nothing after our bytes: the partial is the whole file when the server says so.
    const whole = /\/(\d+)$/.exec(response.headers.get('content-range') ?? '');
    await response.body?.cancel();
    if (whole !== null && Number(whole[1]) === have) {
      job.onSize?.(have);
      job.onResume?.(have);
      return have;
    }
    await rm(job.partial, { force: true });
    return downloadToPartial(job);
  }
  if (response.status === 206) {
    const range = rangeTotal(response.headers.get('content-range'));
    if (range === null || range.start !== have) {
      await response.body?.cancel();
      throw new DownloadError(
        `The server sent an unexpected part of ${job.label} (${response.headers.get('content-range') ?? 'no range'}).`,
        'HTTP',
      );
    }
    total = range.total;
  } else if (response.ok) {
    have = 0; // the server ignored the Range (or the file changed): start over
    const length = response.headers.get('content-length');
    total = length === null ? null : Number(length);
  } else {
    await response.body?.cancel();
    throw new DownloadError(
      `The server answered ${response.status} ${response.statusText} for ${job.label} (${job.url}).`,
      'HTTP',
    );
  }
  if (total !== null) job.onSize?.(total);
  job.onResume?.(have);
  const etag = response.headers.get('etag') ?? response.headers.get('last-modified');
  if (etag !== null && !etag.startsWith('W/')) await writeFile(validatorFile, etag);
  else await rm(validatorFile, { force: true });

  if (response.body === null)
    throw new DownloadError(`The server sent no body for ${job.label}.`, 'HTTP');
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      job.onBytes?.(chunk.length);
      done(null, chunk);
    },
  });
  try {
    await pipeline(
      Readable.fromWeb(response.body as WebReadableStream),
      counter,
      createWriteStream(job.partial, { flags: have > 0 ? 'a' : 'w' }),
      { signal: job.signal },
    );
  } catch (error) {
    if (isAbort(error, job.signal))
      throw new DownloadError('The download was cancelled.', 'CANCELLED');
    if (isDiskFull(error))
      throw new DownloadError(
        `The disk is full: ${job.label} could not be written to ${job.partial}. Free some space and install again; the download resumes where it stopped.`,
        'DISK_FULL',
      );
    const got = await sizeOf(job.partial);
    throw new DownloadError(
      `The download of ${job.label} was interrupted after ${formatBytes(got)} (${(error as Error).message}). Install again to resume it.`,
      'INTERRUPTED',
    );
  }
  const size = await sizeOf(job.partial);
  if (total !== null && size !== total) {
    throw new DownloadError(
      `The download of ${job.label} was interrupted after ${formatBytes(size)} of ${formatBytes(total)}. Install again to resume it.`,
      'INTERRUPTED',
    );
  }
  return size;
}
