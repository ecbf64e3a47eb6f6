// Decodes photos with sharp and turns them into CLIP input tensors (open_clip preprocessing).
import { availableParallelism } from 'node:os';
import { basename } from 'node:path';
import sharp, { type KernelEnum } from 'sharp';
import { openPhoto, PhotoTooLargeError } from './decode-photo';

export type Interpolation = 'bicubic' | 'bilinear' | 'lanczos' | 'nearest';
export type ResizeMode = 'shortest' | 'squash';

export interface PreprocessSpec {
  /** Side of the square model input, in pixels. */
  readonly size: number;
  readonly interpolation: Interpolation;
  readonly resizeMode: ResizeMode;
  readonly mean: readonly [number, number, number];
  readonly std: readonly [number, number, number];
  /** Background that transparent pixels are flattened on, 0-255 per channel. */
  readonly fillColor: readonly [number, number, number];
  /** Channel order the model expects. */
  readonly channelOrder: 'RGB' | 'BGR';
}

export interface DecodedImage {
  /** size x size x 3 bytes, sRGB, row-major HWC. */
  readonly pixels: Uint8Array;
  /** Size of the photo as displayed (after EXIF orientation). */
  readonly width: number;
  readonly height: number;
  readonly format: string;
}

/** Above this many pixels a photo is refused rather than allowed to exhaust memory. */
export const DEFAULT_PIXEL_LIMIT = 250_000_000;

const KERNELS = {
  bicubic: 'cubic',
  bilinear: 'linear',
  lanczos: 'lanczos3',
  nearest: 'nearest',
} as const satisfies Record<Interpolation, keyof KernelEnum>;

export class ImageReadError extends Error {
  override readonly name = 'ImageReadError';
}

/** libvips threads per decode; several decodes run at once, so one each avoids oversubscription. */
export function setDecodeThreads(threads: number): void {
  sharp.concurrency(Math.max(1, Math.floor(threads)));
  // Each photo is read once: caching decoded operations would only hold memory.
  sharp.cache(false);
}

// sharp runs each pipeline on libuv's pool (4 threads by default); let decoding use up to 8
// cores. Only effective before the pool's first use, which is why it happens on import.
if (!process.env.UV_THREADPOOL_SIZE) {
  process.env.UV_THREADPOOL_SIZE = String(Math.min(8, Math.max(4, availableParallelism())));
}

/** libuv threads available to run sharp pipelines in parallel. */
export function decodeThreadPoolSize(): number {
  const configured = Number(process.env.UV_THREADPOOL_SIZE);
  return Number.isInteger(configured) && configured > 0 ? configured : 4;
}

function megapixels(pixels: number): string {
  const value = pixels / 1_000_000;
  return value >= 10 ? value.toFixed(0) : value.toFixed(1);
}

/**
 * Auto-orients, converts to 8-bit sRGB, flattens alpha, resizes the shortest side to `size`
 * and centre-crops (or squashes), all in one sharp pipeline so large JPEGs shrink on load.
 */
export async function decodeImage(
  path: string,
  spec: PreprocessSpec,
  pixelLimit = DEFAULT_PIXEL_LIMIT,
  bytes?: Buffer,
): Promise<DecodedImage> {
  const name = basename(path);
  try {
    // The pixel limit is checked before decoding, so the refusal can say how large the image is.
    // `bytes`, when given, are the file already read (without blocking) by the caller.
    const photo = await openPhoto(path, { pixelLimit, bytes });
    const [r, g, b] = spec.fillColor;
    const { data, info } = await photo.image
      .flatten({ background: { r, g, b } })
      .resize(spec.size, spec.size, {
        fit: spec.resizeMode === 'squash' ? 'fill' : 'cover',
        position: 'centre',
        kernel: KERNELS[spec.interpolation],
      })
      .toColourspace('srgb')
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    if (info.width !== spec.size || info.height !== spec.size || info.channels !== 3) {
      throw new ImageReadError(
        `${name} decoded to ${info.width}x${info.height}x${info.channels} instead of ${spec.size}x${spec.size}x3`,
      );
    }
    return { pixels: data, width: photo.width, height: photo.height, format: photo.format };
  } catch (error) {
    if (error instanceof ImageReadError) throw error;
    if (error instanceof PhotoTooLargeError) {
      throw new ImageReadError(
        `${name} is ${megapixels(error.pixels)} megapixels; Facet reads images up to ${megapixels(pixelLimit)} megapixels`,
      );
    }
    throw new ImageReadError(`${name} could not be read as an image: ${describe(error)}`);
  }
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]?.trim() || 'unknown error';
}

/** Lookup tables turning a byte into ((byte / 255) - mean) / std, one per model channel. */
export function normalisationTables(spec: PreprocessSpec): readonly Float32Array[] {
  return [0, 1, 2].map((channel) => {
    const table = new Float32Array(256);
    const mean = spec.mean[channel] ?? 0;
    const std = spec.std[channel] ?? 1;
    for (let value = 0; value < 256; value++) table[value] = (value / 255 - mean) / std;
    return table;
  });
}

/** The single HWC bytes -> normalised CHW floats pass, written into `out` at `offset`. */
export function writeNormalisedCHW(
  pixels: Uint8Array,
  tables: readonly Float32Array[],
  channelOrder: 'RGB' | 'BGR',
  out: Float32Array,
  offset: number,
): void {
  const area = pixels.length / 3;
  const [t0, t1, t2] = tables as [Float32Array, Float32Array, Float32Array];
  // In BGR order plane 0 holds blue: read source channel 2 into it.
  const s0 = channelOrder === 'BGR' ? 2 : 0;
  const s2 = 2 - s0;
  const p0 = out.subarray(offset, offset + area);
  const p1 = out.subarray(offset + area, offset + 2 * area);
  const p2 = out.subarray(offset + 2 * area, offset + 3 * area);
  for (let i = 0, j = 0; i < area; i++, j += 3) {
    p0[i] = t0[pixels[j + s0]!]!;
    p1[i] = t1[pixels[j + 1]!]!;
    p2[i] = t2[pixels[j + s2]!]!;
  }
}

/** Writes a synthetic photo (noise over a gradient) to `path`, for benchmarks and tests. */
export async function writeNoisePhoto(
  path: string,
  width: number,
  height: number,
  quality = 90,
): Promise<void> {
  await sharp({
    create: {
      width,
      height,
      channels: 3,
      background: { r: 90, g: 140, b: 200 },
      noise: { type: 'gaussian', mean: 128, sigma: 40 },
    },
  })
    .jpeg({ quality })
    .toFile(path);
}
