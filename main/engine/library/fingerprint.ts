// A cheap content fingerprint: SHA-1 of the size and the first and last 64 KiB. It survives
// renames and moves (so a moved photo keeps its embedding) without reading whole files.
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import {
  FileReadError,
  readTimeoutMs,
  specialKind,
  timeoutError,
  trackRead,
  withDeadline,
} from '../../../native/read-regular-file';

const EDGE = 64 * 1024;

async function hashEdges(path: string, file: FileHandle): Promise<string> {
  const info = await file.stat();
  const kind = specialKind(info);
  if (kind !== null) throw new FileReadError(path, `${path} is ${kind}`, 'special');
  const { size } = info;
  const hash = createHash('sha1').update(`${size}:`);
  const head = Buffer.alloc(Math.min(EDGE, size));
  const { bytesRead } = await file.read(head, 0, head.length, 0);
  hash.update(head.subarray(0, bytesRead));
  if (size > EDGE) {
    const tailLength = Math.min(EDGE, size - EDGE);
    const tail = Buffer.alloc(tailLength);
    const read = await file.read(tail, 0, tailLength, size - tailLength);
    hash.update(tail.subarray(0, read.bytesRead));
  }
  return hash.digest('hex');
}

/**
 * Opened without blocking and refused unless it is a regular file: a photo swapped for a FIFO
 * since the scan must not stall the sync that runs before any embedding.
 */
export async function fingerprintFile(path: string, timeoutMs = readTimeoutMs()): Promise<string> {
  const work = trackRead(
    (async () => {
      const file = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
      try {
        return await hashEdges(path, file);
      } finally {
        await file.close();
      }
    })(),
  );
  work.catch(() => undefined);
  return withDeadline(work, timeoutMs, () => timeoutError(path, timeoutMs));
}
