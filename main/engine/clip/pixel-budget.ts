// One memory budget shared by every photo decoding at once. Each decode reserves what its format
// will hold in memory for its size before it starts and gives it back when libvips is done, so
// eight decoders on a big machine and two on a small one stay within the same bound, and a
// decompression bomb (a few bytes on disk, 250 megapixels in memory) waits its turn or is refused.
import { totalmem } from 'node:os';
import type { ImageHeader } from '../../../native/image-header';

const MB = 1024 * 1024;
/** The budget never exceeds this, whatever the machine: decoding is one stage of several. */
const MAX_BUDGET = 640 * MB;
const MIN_BUDGET = 128 * MB;
/** What any decode holds besides its pixels: line buffers, the output, libvips' bookkeeping. */
const FIXED_COST = 8 * MB;

/**
 * Bytes a decode of `header` holds at its peak, measured with libvips 8.17 on 245-megapixel files
 * (bench/decode-memory.ts): JPEG and WebP shrink while loading, sequential PNG and TIFF
 * stream strips through the resize, but progressive JPEG keeps every coefficient, interlaced PNG
 * and GIF a whole frame, and formats without shrink-on-load (AVIF, HEIC, ...) a whole image.
 */
export function decodeCost(header: ImageHeader): number {
  const pixels = header.width * header.height;
  const sampleBytes = Math.max(1, header.bitsPerSample / 8);
  const full = pixels * Math.max(3, header.channels) * sampleBytes;
  switch (header.format) {
    case 'jpeg':
      // Progressive: 2-byte coefficients for every component (subsampled chroma counts half).
      if (!header.progressive) return FIXED_COST + pixels * 0.1;
      return FIXED_COST + pixels * (header.chromaSubsampling === '4:2:0' ? 3 : 6);
    case 'webp':
      return FIXED_COST + pixels * 0.6;
    case 'png':
      return FIXED_COST + (header.progressive ? full : pixels * 0.4 * sampleBytes);
    case 'tiff':
      return FIXED_COST + pixels * 0.5 * sampleBytes;
    case 'gif':
      return FIXED_COST + pixels * 4.5;
    default:
      return FIXED_COST + full;
  }
}

/** FACET_DECODE_MEMORY_MB when set; else a sixteenth of the machine's memory, 128-640 MB. */
export function defaultBudgetBytes(env: NodeJS.ProcessEnv = process.env): number {
  const configured = Number(env.FACET_DECODE_MEMORY_MB);
  if (Number.isFinite(configured) && configured > 0) return Math.round(configured * MB);
  return Math.round(Math.min(MAX_BUDGET, Math.max(MIN_BUDGET, totalmem() / 16)));
}

export class DecodeTooLargeError extends Error {
  override readonly name = 'DecodeTooLargeError';
}

interface Waiter {
  readonly bytes: number;
  readonly grant: () => void;
}

export class PixelBudget {
  private used = 0;
  private peakUsed = 0;
  private readonly waiting: Waiter[] = [];

  constructor(readonly capacity: number) {}

  get inFlight(): number {
    return this.used;
  }

  /** The most ever reserved at once: what the tests check the bound with. */
  get peak(): number {
    return this.peakUsed;
  }

  /**
   * Waits until `bytes` fit beside what is in flight, in arrival order (a large decode is not
   * starved by small ones), and returns the function that gives them back. More than the whole
   * budget is refused at once.
   */
  async reserve(bytes: number, what: string): Promise<() => void> {
    const need = Math.max(0, Math.ceil(bytes));
    if (need > this.capacity) {
      throw new DecodeTooLargeError(
        `${what} would need about ${Math.ceil(need / MB)} MB of memory to decode; Facet decodes with at most ${Math.floor(this.capacity / MB)} MB (set FACET_DECODE_MEMORY_MB to allow more)`,
      );
    }
    if (this.waiting.length > 0 || this.used + need > this.capacity) {
      await new Promise<void>((grant) => this.waiting.push({ bytes: need, grant }));
    } else {
      this.take(need);
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.used -= need;
      this.grantWaiting();
    };
  }

  private take(bytes: number): void {
    this.used += bytes;
    this.peakUsed = Math.max(this.peakUsed, this.used);
  }

  private grantWaiting(): void {
    for (;;) {
      const next = this.waiting[0];
      if (next === undefined || this.used + next.bytes > this.capacity) return;
      this.waiting.shift();
      this.take(next.bytes);
      next.grant();
    }
  }
}

let shared: PixelBudget | null = null;

/** The one budget of this process, shared by every model's pipeline. */
export function sharedPixelBudget(): PixelBudget {
  shared ??= new PixelBudget(defaultBudgetBytes());
  return shared;
}
