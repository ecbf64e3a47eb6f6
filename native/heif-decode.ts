// HEIC/HEIF (and AVIF files sharp refuses, such as image sequences) decoded with libheif compiled to
// WebAssembly (libheif-js): it carries its own HEVC and AV1 decoders, so iPhone photos read the same
// on every machine, whatever libheif or codec plugins the system has. libheif applies the file's
// rotation and mirroring (irot/imir). A file without them may still carry an EXIF orientation
// (encoders that copy a JPEG's EXIF do that): then it is applied, as for a JPEG.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { heifExifBlock, heifExifRange, heifHasTransform, tiffOrientation } from './heif-exif';

export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  /** width x height x 4 bytes. */
  readonly data: Uint8Array;
  /** EXIF orientation still to apply (1 when the pixels are upright already). */
  readonly orientation?: number;
}

/** A HEIF file that cannot be decoded, in words a person understands. */
export class HeifReadError extends Error {
  override readonly name = 'HeifReadError';
}

interface HeifImage {
  get_width(): number;
  get_height(): number;
  display(
    target: { data: Uint8ClampedArray; width: number; height: number },
    done: (result: { data: Uint8ClampedArray } | null) => void,
  ): void;
  free(): void;
}
interface Libheif {
  HeifDecoder: new () => { decode(data: Uint8Array): HeifImage[]; decoder: { delete(): void } };
}

let libheif: Libheif | null = null;
// The wasm decoder runs one image at a time; a chain keeps calls (and their captured log) apart.
let queue: Promise<unknown> = Promise.resolve();

/** Where an ISO-BMFF file's top-level boxes say it should end: beyond its size means truncated. */
export function declaredEnd(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  while (at + 8 <= bytes.length) {
    let size = view.getUint32(at);
    if (size === 1 && at + 16 <= bytes.length) size = Number(view.getBigUint64(at + 8));
    if (size === 0) return bytes.length; // the last box runs to the end of the file
    if (size < 8) return at; // not a box: stop where the structure breaks
    at += size;
  }
  return at;
}

function plainReason(logged: string): string {
  if (/end of file|outside of file bounds|no data|truncat/i.test(logged))
    return 'the file is cut short: its image data is missing (an interrupted copy or download?)';
  if (/No images found|image not found/i.test(logged)) return 'the file holds no image';
  if (/unsupported|not supported|plugin/i.test(logged))
    return `the file uses a HEIF feature Facet cannot decode (${logged})`;
  return logged === ''
    ? 'the file could not be decoded'
    : `the file could not be decoded (${logged})`;
}

function exifOrientation(bytes: Buffer): number {
  if (heifHasTransform(bytes)) return 1;
  const range = heifExifRange(bytes);
  const block = range && heifExifBlock(bytes.subarray(range.offset, range.offset + range.length));
  return block ? tiffOrientation(block) : 1;
}

async function decodeNow(bytes: Buffer): Promise<RgbaImage> {
  const end = declaredEnd(bytes);
  if (end > bytes.length) {
    throw new HeifReadError(
      `the file is cut short: it ends after ${bytes.length.toLocaleString('en')} bytes but its contents run to ${end.toLocaleString('en')} (an interrupted copy or download?)`,
    );
  }
  libheif ??= createRequire(import.meta.url)('libheif-js/wasm-bundle') as Libheif;
  const logged: string[] = [];
  const log = console.log;
  // libheif-js reports failures with console.log: keep them off stdout (--json) and use the words.
  console.log = (...parts: unknown[]) => {
    logged.push(parts.map((part) => (typeof part === 'string' ? part : '')).join(' '));
    const error = parts.find(
      (part) => typeof (part as { message?: unknown })?.message === 'string',
    );
    if (error) logged.push((error as { message: string }).message);
  };
  const decoder = new libheif.HeifDecoder();
  let images: HeifImage[] = [];
  try {
    images = decoder.decode(bytes);
    const image = images[0];
    if (image === undefined) throw new HeifReadError(plainReason(logged.join(' ').trim()));
    const width = image.get_width();
    const height = image.get_height();
    const data = await new Promise<Uint8ClampedArray | null>((resolve) =>
      image.display({ data: new Uint8ClampedArray(width * height * 4), width, height }, (result) =>
        resolve(result?.data ?? null),
      ),
    );
    if (data === null) throw new HeifReadError(plainReason(logged.join(' ').trim()));
    const pixels = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    return { width, height, data: pixels, orientation: exifOrientation(bytes) };
  } finally {
    console.log = log;
    for (const image of images) image.free();
    decoder.decoder.delete();
  }
}

/** Decodes the primary image (for a sequence, its still image or first frame) as RGBA. */
export function decodeHeif(path: string): Promise<RgbaImage> {
  const run = queue.then(async () => decodeNow(await readFile(path)));
  queue = run.catch(() => undefined);
  return run;
}
