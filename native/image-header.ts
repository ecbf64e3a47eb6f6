// What a photo's header says about the cost of decoding it, read without decoding any pixels.
import sharp from 'sharp';

export interface ImageHeader {
  readonly format: string;
  readonly width: number;
  readonly height: number;
  readonly channels: number;
  /** Bits per sample (8 for most photos, 16 for some PNG and TIFF). */
  readonly bitsPerSample: number;
  /** Progressive JPEG or interlaced PNG: these cannot be decoded a strip at a time. */
  readonly progressive: boolean;
  /** JPEG chroma subsampling, e.g. '4:2:0'; null when the format has none. */
  readonly chromaSubsampling: string | null;
}

const BITS: Readonly<Record<string, number>> = {
  uchar: 8,
  char: 8,
  ushort: 16,
  short: 16,
  uint: 32,
  int: 32,
  float: 32,
  double: 64,
};

/** The header of the image in `input` (bytes, or a path); rejects when it is not an image. */
export async function readImageHeader(input: Buffer | string): Promise<ImageHeader> {
  const meta = await sharp(input, { limitInputPixels: false }).metadata();
  return {
    format: meta.format ?? 'unknown',
    width: meta.width ?? 0,
    height: meta.height ?? 0,
    channels: meta.channels ?? 4,
    bitsPerSample: BITS[meta.depth ?? 'uchar'] ?? 8,
    progressive: meta.isProgressive ?? false,
    chromaSubsampling: meta.chromaSubsampling ?? null,
  };
}
