// Which decoder reads a photo, decided from its first bytes (the extension only where the bytes do
// not tell, as for TIFF-based raws): sharp for what its libvips reads, the raw's embedded preview
// for camera raws, WebAssembly or JavaScript decoders for HEIC, JPEG XL, PSD and BMP. Every path
// ends in an upright sharp image, so embedding and thumbnails share one pipeline after this.
import { open, readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import sharp, { type Sharp } from 'sharp';
import { decodeHeif, type RgbaImage } from './heif-decode';
import { readRawPreview } from './raw-preview';
import { RAW_EXTENSIONS } from './photo-formats';
import { decodeBmp, decodeJxl, decodePsd } from './rgba-decoders';

export type PhotoKind = 'sharp' | 'raw' | 'heif' | 'avif-sequence' | 'jxl' | 'psd' | 'bmp';

export interface OpenedPhoto {
  /** Upright (orientation applied), not yet resized. */
  readonly image: Sharp;
  /** Size as displayed. */
  readonly width: number;
  readonly height: number;
  /** What was decoded: sharp's format name, or the raw's extension, 'heif', 'jxl', 'psd', 'bmp'. */
  readonly format: string;
}

export interface OpenOptions {
  /** Above this many pixels a photo is refused (thrown as PhotoTooLargeError) before decoding. */
  readonly pixelLimit: number;
  /** The file's bytes, when the caller has already read them (without blocking). */
  readonly bytes?: Buffer;
}

export class PhotoTooLargeError extends Error {
  override readonly name = 'PhotoTooLargeError';
  constructor(
    readonly pixels: number,
    readonly limit: number,
  ) {
    super(`${pixels} pixels is more than the limit of ${limit}`);
  }
}

const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs']);

/** The decoder for a file with these first bytes (32 or more) and this name. */
export function photoKind(head: Buffer, path: string): PhotoKind {
  const ext = extname(path).toLowerCase();
  const text = (from: number, to: number) => head.toString('latin1', from, to);
  if (head[0] === 0xff && head[1] === 0xd8) return 'sharp';
  if (text(0, 2) === 'BM') return 'bmp';
  if (text(0, 4) === '8BPS') return 'psd';
  if ((head[0] === 0xff && head[1] === 0x0a) || text(4, 12) === 'JXL \r\n\x87\n') return 'jxl';
  if (text(0, 8) === 'FUJIFILM') return 'raw';
  if (text(4, 8) === 'ftyp') {
    const boxSize = Math.min(head.readUInt32BE(0), head.length);
    const brands = [text(8, 12)];
    for (let at = 16; at + 4 <= boxSize; at += 4) brands.push(text(at, at + 4));
    if (brands[0] === 'crx ') return 'raw';
    if (brands.includes('avis'))
      return brands.includes('avif') && brands[0] !== 'avis' ? 'sharp' : 'avif-sequence';
    if (brands.includes('avif')) return 'sharp';
    if (
      brands.some((brand) => HEIF_BRANDS.has(brand)) ||
      brands[0] === 'mif1' ||
      brands[0] === 'msf1'
    )
      return 'heif';
  }
  if (RAW_EXTENSIONS.has(ext)) return 'raw';
  return 'sharp';
}

/** Applies an EXIF orientation (1-8) the way viewers do, for pixels that carry none of their own. */
export function orient(image: Sharp, orientation: number): Sharp {
  switch (orientation) {
    case 2:
      return image.flop();
    case 3:
      return image.rotate(180);
    case 4:
      return image.flip();
    case 5:
      return image.rotate(90).flop();
    case 6:
      return image.rotate(90);
    case 7:
      return image.rotate(90).flip();
    case 8:
      return image.rotate(270);
    default:
      return image;
  }
}

async function readHead(path: string): Promise<Buffer> {
  const file = await open(path, 'r');
  try {
    const head = Buffer.alloc(64);
    const { bytesRead } = await file.read(head, 0, 64, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

function fromRgba(image: RgbaImage, format: string, pixelLimit: number): OpenedPhoto {
  const { width, height } = image;
  if (width * height > pixelLimit) throw new PhotoTooLargeError(width * height, pixelLimit);
  const pixels = sharp(image.data, {
    raw: { width, height, channels: 4 },
    limitInputPixels: false,
  });
  const orientation = image.orientation ?? 1;
  const turned = orientation >= 5;
  return {
    image: orient(pixels, orientation),
    width: turned ? height : width,
    height: turned ? width : height,
    format,
  };
}

// 'error' refuses truncated and corrupt files but not the harmless warnings many cameras cause.
const SHARP_OPTIONS = { limitInputPixels: false, failOn: 'error', animated: false } as const;

async function fromSharp(input: string | Buffer, pixelLimit: number): Promise<OpenedPhoto> {
  const image = sharp(input, SHARP_OPTIONS);
  const meta = await image.metadata();
  if (meta.width * meta.height > pixelLimit)
    throw new PhotoTooLargeError(meta.width * meta.height, pixelLimit);
  return {
    image: image.rotate(),
    width: meta.autoOrient.width,
    height: meta.autoOrient.height,
    format: meta.format,
  };
}

/** Opens a photo for decoding, whatever its format; rejects with the decoder's reason. */
export async function openPhoto(path: string, options: OpenOptions): Promise<OpenedPhoto> {
  const given = options.bytes;
  const kind = photoKind(given ? given.subarray(0, 64) : await readHead(path), path);
  switch (kind) {
    case 'sharp':
      return fromSharp(given ?? path, options.pixelLimit);
    case 'avif-sequence': {
      // libvips refuses the sequence brand; the file's still image (its first frame) is plain AVIF.
      const bytes = given ? Buffer.from(given) : await readFile(path);
      bytes.write('avif', 8, 'latin1');
      return fromSharp(bytes, options.pixelLimit);
    }
    case 'raw': {
      const preview = await readRawPreview(path);
      const turned = preview.orientation >= 5;
      return {
        image: orient(sharp(preview.jpeg, SHARP_OPTIONS), preview.orientation),
        width: turned ? preview.height : preview.width,
        height: turned ? preview.width : preview.height,
        format: extname(path).slice(1).toLowerCase() || 'raw',
      };
    }
    case 'heif':
      return fromRgba(await decodeHeif(path), 'heif', options.pixelLimit);
    case 'jxl':
      return fromRgba(await decodeJxl(path), 'jxl', options.pixelLimit);
    case 'psd':
      return fromRgba(await decodePsd(path), 'psd', options.pixelLimit);
    case 'bmp':
      return fromRgba(await decodeBmp(path), 'bmp', options.pixelLimit);
  }
}
