// Files for the export tests: copies of sample photos, a minimal TIFF, and an independent
// read-back through the exiftool command line (not through the code under test).
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';

export const SHAPES = join(import.meta.dirname, '../../../e2e/fixtures/shapes');
/** A JPEG with an EXIF orientation tag (6): embedding must keep it. */
export const ORIENTED_JPEG = join(SHAPES, 'albums/2023/Trip to the coast/IMG_0240069.jpg');
export const PLAIN_JPEG = join(SHAPES, 'albums/2021/summer/DSC0240039.jpg');
export const PNG = join(SHAPES, 'albums/2021/summer/IMG_0240117.png');

const EXIFTOOL = createRequire(import.meta.url)('exiftool-vendored.pl') as string;
const run = promisify(execFile);

/** Runs the exiftool command line itself (perl + the vendored script). */
export async function exiftoolCli(args: readonly string[]): Promise<string> {
  const { stdout } = await run('perl', [EXIFTOOL, ...args]);
  return stdout;
}

/** Every tag of `file` as `exiftool -j -G1` prints it. */
export async function readBack(file: string): Promise<Record<string, unknown>> {
  const [tags] = JSON.parse(await exiftoolCli(['-j', '-G1', file])) as Record<string, unknown>[];
  return tags ?? {};
}

/** A tag's values as a list of strings (exiftool prints one value without a list). */
export function list(tags: Record<string, unknown>, name: string): string[] {
  const value = tags[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? value.map(String) : [String(value)];
}

export async function sha256(file: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(file))
    .digest('hex');
}

export async function copyPhoto(source: string, folder: string, name = basename(source)) {
  await mkdir(folder, { recursive: true });
  const path = join(folder, name);
  await copyFile(source, path);
  return path;
}

/** A valid 2x1 grayscale baseline TIFF, written byte by byte (no image library needed). */
export async function writeTinyTiff(path: string): Promise<string> {
  const entries: [tag: number, type: number, value: number][] = [
    [256, 3, 2], // ImageWidth
    [257, 3, 1], // ImageLength
    [258, 3, 8], // BitsPerSample
    [259, 3, 1], // Compression: none
    [262, 3, 1], // PhotometricInterpretation: BlackIsZero
    [273, 4, 0], // StripOffsets: filled in below
    [277, 3, 1], // SamplesPerPixel
    [278, 3, 1], // RowsPerStrip
    [279, 4, 2], // StripByteCounts
  ];
  const ifdSize = 2 + entries.length * 12 + 4;
  const pixels = 8 + ifdSize;
  const buffer = Buffer.alloc(pixels + 2);
  buffer.write('II', 0, 'latin1');
  buffer.writeUInt16LE(42, 2);
  buffer.writeUInt32LE(8, 4);
  buffer.writeUInt16LE(entries.length, 8);
  entries.forEach(([tag, type, value], i) => {
    const at = 10 + i * 12;
    buffer.writeUInt16LE(tag, at);
    buffer.writeUInt16LE(type, at + 2);
    buffer.writeUInt32LE(1, at + 4);
    if (type === 3) buffer.writeUInt16LE(value, at + 8);
    else buffer.writeUInt32LE(tag === 273 ? pixels : value, at + 8);
  });
  buffer.writeUInt8(40, pixels);
  buffer.writeUInt8(200, pixels + 1);
  await writeFile(path, buffer);
  return path;
}
