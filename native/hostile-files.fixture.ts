// Hostile files for the tests: headers that promise huge images in a few bytes, real bombs (small
// on disk, many megapixels), copies of a photo cut at many offsets, and special files put where a
// photo was (a FIFO behaves as a stalled network mount: a blocking open never returns).
import { execFileSync } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';

function crc32(bytes: Buffer): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A valid PNG header claiming width x height pixels, followed by a sliver of pixel data. */
export function pngHeaderBomb(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(Buffer.alloc(1024))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A GIF whose logical screen and single frame claim width x height, with almost no data. */
export function gifHeaderBomb(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.write('GIF89a', 0, 'ascii');
  header.writeUInt16LE(width, 6);
  header.writeUInt16LE(height, 8);
  header.set([0x80, 0, 0], 10); // a 2-colour global table
  const frame = Buffer.alloc(10);
  frame[0] = 0x2c;
  frame.writeUInt16LE(width, 5);
  frame.writeUInt16LE(height, 7);
  return Buffer.concat([
    header,
    Buffer.from([0, 0, 0, 255, 255, 255]),
    frame,
    Buffer.from([2, 2, 0x4c, 0x01, 0, 0x3b]),
  ]);
}

export type BombFormat = 'png' | 'webp' | 'jpeg' | 'tiff' | 'gif';

/** A real image of one colour: tiny on disk, `width` x `height` pixels when decoded. */
export async function writeBomb(
  path: string,
  format: BombFormat,
  width: number,
  height: number,
): Promise<void> {
  const image = sharp({
    create: { width, height, channels: 3, background: { r: 200, g: 60, b: 30 } },
    limitInputPixels: false,
  });
  const encoded =
    format === 'png'
      ? image.png({ compressionLevel: 9 })
      : format === 'webp'
        ? image.webp({ lossless: true, effort: 0 })
        : format === 'jpeg'
          ? image.jpeg({ quality: 50 })
          : format === 'tiff'
            ? image.tiff({ compression: 'deflate', tile: true })
            : image.gif();
  await encoded.toFile(path);
}

/** Copies of `source` cut at `count` offsets spread over the file (plus 0 and 1 byte). */
export async function writeTruncations(
  source: string,
  folder: string,
  count: number,
  extension: string,
): Promise<string[]> {
  const bytes = await readFile(source);
  const offsets = new Set([0, 1]);
  for (let i = 1; i <= count; i++) offsets.add(Math.floor((bytes.length * i) / (count + 1)));
  const paths: string[] = [];
  for (const offset of offsets) {
    const path = join(folder, `cut-${String(offset).padStart(8, '0')}${extension}`);
    await writeFile(path, bytes.subarray(0, offset));
    paths.push(path);
  }
  return paths;
}

/** Replaces the file at `path` with a FIFO nobody writes to. */
export async function swapForFifo(path: string): Promise<void> {
  await rm(path, { force: true });
  execFileSync('mkfifo', [path]);
}
