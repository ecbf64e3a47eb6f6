// Reading and decoding one photo for the pipeline, with the guarantees no decoder gives alone: the
// file is read without blocking (a FIFO or device is refused at once), reading and decoding each
// have a deadline, and the decode holds a share of the process's memory budget while it runs.
import { photoKind } from '../../../native/decode-photo';
import { readImageHeader } from '../../../native/image-header';
import {
  DEFAULT_PIXEL_LIMIT,
  decodeImage,
  ImageReadError,
  type DecodedImage,
  type PreprocessSpec,
} from '../../../native/image-preprocess';
import {
  readRegularFile,
  readTimeoutMs,
  timeoutError,
  withDeadline,
} from '../../../native/read-regular-file';
import { basename } from 'node:path';
import { decodeCost, sharedPixelBudget, type PixelBudget } from './pixel-budget';

export interface PhotoDecoderOptions {
  /** Deadline for reading a file, and again for decoding it (default readTimeoutMs()). */
  readonly timeoutMs?: number;
  readonly budget?: PixelBudget;
  readonly pixelLimit?: number;
  /** The decode itself (tests put a slow one here); default decodeImage. */
  readonly decode?: typeof decodeImage;
}

/** Files up to this size are read into memory by Facet; the budget counts their bytes too. */
const MAX_FILE_BYTES = 512 * 1024 * 1024;
/** A 48-megapixel RGBA image and its decoder's working memory. */
const OTHER_DECODE_COST = 48_000_000 * 4 + 16 * 1024 * 1024;

export function createPhotoDecoder(
  spec: PreprocessSpec,
  options: PhotoDecoderOptions = {},
): (path: string) => Promise<DecodedImage> {
  const timeoutMs = options.timeoutMs ?? readTimeoutMs();
  const budget = options.budget ?? sharedPixelBudget();
  const pixelLimit = options.pixelLimit ?? DEFAULT_PIXEL_LIMIT;
  const decode = options.decode ?? decodeImage;

  return async (path) => {
    const name = basename(path);
    const bytes = await readRegularFile(path, { timeoutMs, maxBytes: MAX_FILE_BYTES });
    if (photoKind(bytes.subarray(0, 64), path) !== 'sharp') {
      // Raw previews, HEIC, JPEG XL, PSD and BMP have their own decoders and headers: they reserve
      // what a large photo's full RGBA image holds.
      const release = await budget.reserve(Math.min(budget.capacity, OTHER_DECODE_COST), name);
      const work = decode(path, spec, pixelLimit, bytes).finally(release);
      work.catch(() => undefined);
      return withDeadline(work, timeoutMs, () => timeoutError(path, timeoutMs));
    }
    const header = await readImageHeader(bytes).catch((error: unknown) => {
      const why = (error instanceof Error ? error.message : String(error)).split('\n')[0];
      throw new ImageReadError(`${name} could not be read as an image: ${why}`);
    });
    if (header.width * header.height > pixelLimit) {
      // decodeImage words the refusal; it reads only the header to do so.
      return decode(path, spec, pixelLimit, bytes);
    }
    const release = await budget.reserve(decodeCost(header) + bytes.length, name);
    // The budget is given back when libvips is really done, not when the deadline gives up on it.
    const work = decode(path, spec, pixelLimit, bytes).finally(release);
    work.catch(() => undefined);
    return withDeadline(work, timeoutMs, () => timeoutError(path, timeoutMs));
  };
}
