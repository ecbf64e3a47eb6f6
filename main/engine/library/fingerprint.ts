// A cheap content fingerprint: SHA-1 of the size and the first and last 64 KiB. It survives
// renames and moves (so a moved photo keeps its embedding) without reading whole files.
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';

const EDGE = 64 * 1024;

export async function fingerprintFile(path: string): Promise<string> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
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
  } finally {
    await file.close();
  }
}
