// Files for the export tests: copies of sample photos and a minimal TIFF.
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';

export { exiftoolCli, list, readBack, sha256 } from './exiftool-cli.fixture';

export const SHAPES = join(import.meta.dirname, '../../../e2e/fixtures/shapes');
/** A JPEG with an EXIF orientation tag (6): embedding must keep it. */
export const ORIENTED_JPEG = join(SHAPES, 'albums/2023/Trip to the coast/IMG_0240069.jpg');
export const PLAIN_JPEG = join(SHAPES, 'albums/2021/summer/DSC0240039.jpg');
export const PNG = join(SHAPES, 'albums/2021/summer/IMG_0240117.png');

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
