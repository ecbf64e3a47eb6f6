// Formats sharp's prebuilt libvips cannot read, decoded to RGBA in process: JPEG XL with libjxl
// compiled to WebAssembly (@jsquash/jxl; libjxl applies the file's orientation), Photoshop
// PSD/PSB from their merged composite (ag-psd), and BMP in every bit depth and RLE (bmp-ts).
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { RgbaImage } from './heif-decode';

/** A file of one of these formats that holds no picture Facet can use, with the reason. */
export class RgbaReadError extends Error {
  override readonly name = 'RgbaReadError';
}

type JxlDecode = (
  data: ArrayBuffer,
) => Promise<{ width: number; height: number; data: Uint8ClampedArray }>;
let jxl: Promise<JxlDecode> | null = null;

async function loadJxl(): Promise<JxlDecode> {
  const module = await import('@jsquash/jxl/decode.js');
  // The codec fetches its .wasm by URL in a browser; in Node it is compiled from the package.
  const wasm = createRequire(import.meta.url).resolve('@jsquash/jxl/codec/dec/jxl_dec.wasm');
  // The node tsconfig has no DOM lib: WebAssembly.compile is typed here.
  const { compile } = (
    globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<unknown> } }
  ).WebAssembly;
  await module.init((await compile(await readFile(wasm))) as never);
  return module.default as JxlDecode;
}

function bytesOf(
  data: ArrayLike<number> & { buffer: ArrayBufferLike; byteOffset: number; byteLength: number },
): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

export async function decodeJxl(path: string): Promise<RgbaImage> {
  const bytes = await readFile(path);
  jxl ??= loadJxl();
  const decode = await jxl;
  let image;
  try {
    image = await decode(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  } catch {
    throw new RgbaReadError('the JPEG XL file could not be decoded (damaged or cut short?)');
  }
  return { width: image.width, height: image.height, data: bytesOf(image.data) };
}

interface PsdModule {
  readPsd: (
    data: Uint8Array,
    options: object,
  ) => {
    width: number;
    height: number;
    imageData?: {
      width: number;
      height: number;
      data: ArrayLike<number> & {
        buffer: ArrayBufferLike;
        byteOffset: number;
        byteLength: number;
        BYTES_PER_ELEMENT: number;
      };
    };
  };
  initializeCanvas: (
    canvas: (w: number, h: number) => never,
    imageData: (w: number, h: number) => unknown,
  ) => void;
}
let psd: PsdModule | null = null;

function loadPsd(): PsdModule {
  const module = createRequire(import.meta.url)('ag-psd') as PsdModule;
  // No canvas in Node: the composite comes back as plain pixel data instead.
  module.initializeCanvas(
    () => {
      throw new RgbaReadError('a canvas is not available');
    },
    (width, height) => ({
      width,
      height,
      data: new Uint8ClampedArray(width * height * 4),
      colorSpace: 'srgb',
    }),
  );
  return module;
}

export async function decodePsd(path: string): Promise<RgbaImage> {
  const bytes = await readFile(path);
  psd ??= loadPsd();
  let document;
  try {
    document = psd.readPsd(bytes, {
      skipLayerImageData: true,
      skipThumbnail: true,
      useImageData: true,
    });
  } catch (error) {
    throw new RgbaReadError(
      `the Photoshop file could not be read (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  const image = document.imageData;
  if (image === undefined || image.width === 0)
    throw new RgbaReadError(
      'the Photoshop file has no merged image (saved without "Maximize compatibility")',
    );
  const { data } = image;
  if (data.BYTES_PER_ELEMENT === 1)
    return { width: image.width, height: image.height, data: bytesOf(data) };
  // 16- and 32-bit documents: scale each channel to 8 bits.
  const scale = data.BYTES_PER_ELEMENT === 2 ? 1 / 257 : 255;
  const out = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++)
    out[i] = Math.max(0, Math.min(255, Math.round((data[i] as number) * scale)));
  return { width: image.width, height: image.height, data: out };
}

export async function decodeBmp(path: string): Promise<RgbaImage> {
  const bytes = await readFile(path);
  const { decode } = createRequire(import.meta.url)('bmp-ts') as {
    decode: (
      data: Buffer,
      options: { toRGBA: boolean },
    ) => { width: number; height: number; data: Uint8Array };
  };
  let image;
  try {
    image = decode(bytes, { toRGBA: true });
  } catch (error) {
    throw new RgbaReadError(
      `the BMP file could not be read (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  if (image.width <= 0 || image.data.length < Math.abs(image.width * image.height) * 4)
    throw new RgbaReadError('the BMP file is cut short or damaged');
  const { data } = image;
  // Most BMPs have no alpha channel and bmp-ts leaves its byte 0: that means opaque, not invisible.
  let transparent = true;
  for (let i = 3; i < data.length && transparent; i += 4) transparent = data[i] === 0;
  if (transparent) for (let i = 3; i < data.length; i += 4) data[i] = 255;
  return { width: image.width, height: Math.abs(image.height), data };
}
