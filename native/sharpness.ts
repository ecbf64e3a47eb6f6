// What near-duplicate groups show and compare beyond the embedding: a photo's sharpness
// (variance of the Laplacian, measured at a common working size so copies of different sizes
// compare fairly) and a tiny colour thumbnail whose pixels tell a copy from a look-alike.
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';

/** Long side, in pixels, that sharpness is measured at. */
export const SHARPNESS_SIDE = 512;
/** Side of the pixel thumbnail compared between near-duplicate candidates. */
export const THUMBNAIL_SIDE = 16;

export interface PhotoLook {
  /** Variance of the 4-neighbour Laplacian of the grey image; higher is sharper. */
  readonly sharpness: number;
  /** THUMBNAIL_SIDE² x 3 values, centred and L2-normalised (compare with a dot product). */
  readonly thumbnail: Float32Array;
  /** Size as displayed (after EXIF orientation). */
  readonly width: number;
  readonly height: number;
}

export async function measurePhoto(path: string): Promise<PhotoLook> {
  const input = await readFile(path);
  const oriented = () => sharp(input, { failOn: 'error' }).rotate().flatten({ background: '#000' });
  const [grey, small] = await Promise.all([
    oriented()
      .greyscale()
      .resize(SHARPNESS_SIDE, SHARPNESS_SIDE, { fit: 'inside' })
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true }),
    oriented()
      .toColourspace('srgb')
      .resize(THUMBNAIL_SIDE, THUMBNAIL_SIDE, { fit: 'fill', kernel: 'linear' })
      .removeAlpha()
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true }),
  ]);
  const meta = await sharp(input).rotate().metadata();
  const upright = (meta.orientation ?? 1) >= 5;
  return {
    sharpness: laplacianVariance(grey.data, grey.info.width, grey.info.height, grey.info.channels),
    thumbnail: centredUnit(small.data),
    width: (upright ? meta.height : meta.width) ?? grey.info.width,
    height: (upright ? meta.width : meta.height) ?? grey.info.height,
  };
}

/** Variance of the Laplacian over the interior pixels of a row-major grey image. */
export function laplacianVariance(
  pixels: Uint8Array,
  width: number,
  height: number,
  channels = 1,
): number {
  let sum = 0;
  let sumSquares = 0;
  let n = 0;
  const at = (x: number, y: number) => pixels[(y * width + x) * channels] as number;
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const value = at(x - 1, y) + at(x + 1, y) + at(x, y - 1) + at(x, y + 1) - 4 * at(x, y);
      sum += value;
      sumSquares += value * value;
      n++;
    }
  }
  if (n === 0) return 0;
  const mean = sum / n;
  return sumSquares / n - mean * mean;
}

function centredUnit(pixels: Uint8Array): Float32Array {
  const out = Float32Array.from(pixels);
  const mean = out.reduce((a, b) => a + b, 0) / Math.max(1, out.length);
  let norm = 0;
  for (let i = 0; i < out.length; i++) {
    out[i] = (out[i] as number) - mean;
    norm += (out[i] as number) ** 2;
  }
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) / norm;
  return out;
}

/** Writes a resized, re-encoded JPEG copy of a photo (how near-duplicates are made and tested). */
export async function writeResizedCopy(
  source: string,
  target: string,
  options: { readonly scale: number; readonly quality: number },
): Promise<void> {
  const image = sharp(source).rotate();
  const meta = await image.metadata();
  const upright = (meta.orientation ?? 1) >= 5;
  const width = (upright ? meta.height : meta.width) ?? 1;
  await image
    .flatten({ background: '#000' })
    .resize(Math.max(8, Math.round(width * options.scale)))
    .jpeg({ quality: options.quality })
    .toFile(target);
}
