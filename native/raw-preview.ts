// The largest embedded JPEG preview of a camera raw file, as digiKam and Immich index raws. TIFF-based
// raws (CR2, NEF, ARW, DNG, PEF, RW2, SRW, ...), RAF and CR3 are read in-process: a few small reads
// of the file's directories, no subprocess, so a raw indexes about as fast as its preview would as a
// JPEG. Anything else (or a raw whose directories hide the preview, like ORF's maker notes) goes
// to ExifTool, which knows every camera but costs a Perl round trip per file.
import { mkdtemp, open, readFile, rm, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExifTool } from 'exiftool-vendored';

export interface RawPreview {
  readonly jpeg: Buffer;
  readonly width: number;
  readonly height: number;
  /** EXIF orientation (1-8) of the raw, to apply to the preview. */
  readonly orientation: number;
}

/** A raw whose previews are all missing or too small to stand for the photo. */
export class RawPreviewError extends Error {
  override readonly name = 'RawPreviewError';
}

/** Shorter previews are thumbnails: too small to embed or to show as the photo. */
export const MIN_PREVIEW_SIDE = 256;

interface Candidate {
  readonly offset: number;
  readonly length: number;
}

interface Reader {
  readonly size: number;
  read(offset: number, length: number): Promise<Buffer>;
}

function fileReader(file: FileHandle, size: number): Reader {
  return {
    size,
    async read(offset, length) {
      const want = Math.max(0, Math.min(length, size - offset));
      const buffer = Buffer.alloc(want);
      const { bytesRead } = await file.read(buffer, 0, want, offset);
      return buffer.subarray(0, bytesRead);
    },
  };
}

/** Width and height of a baseline or progressive JPEG (SOF0/1/2), null for anything else. */
export function jpegSize(head: Buffer): { width: number; height: number } | null {
  if (head.length < 4 || head[0] !== 0xff || head[1] !== 0xd8) return null;
  let at = 2;
  while (at + 9 <= head.length) {
    if (head[at] !== 0xff) return null;
    const marker = head[at + 1] as number;
    if (marker === 0xff) {
      at++;
      continue;
    }
    // Lossless (SOF3) is how Canon stores the raw sensor data itself: not a picture to show.
    if (marker === 0xc0 || marker === 0xc1 || marker === 0xc2) {
      const height = head.readUInt16BE(at + 5);
      const width = head.readUInt16BE(at + 7);
      return width > 0 && height > 0 ? { width, height } : null;
    }
    if ((marker >= 0xc3 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xcc) || marker === 0xda)
      return null;
    at += 2 + head.readUInt16BE(at + 2);
  }
  return null;
}

const TYPE_SIZES: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 7: 1, 9: 4, 13: 4, 16: 8 };

interface TiffScan {
  readonly candidates: Candidate[];
  readonly orientation: number;
}

/** JPEG blobs named by a TIFF structure's directories (IFD chain and SubIFDs) at `base`. */
async function scanTiff(reader: Reader, base: number): Promise<TiffScan | null> {
  const header = await reader.read(base, 8);
  if (header.length < 8) return null;
  const order = header.toString('latin1', 0, 2);
  if (order !== 'II' && order !== 'MM') return null;
  const le = order === 'II';
  const u16 = (b: Buffer, at: number) => (le ? b.readUInt16LE(at) : b.readUInt16BE(at));
  const u32 = (b: Buffer, at: number) => (le ? b.readUInt32LE(at) : b.readUInt32BE(at));
  const candidates: Candidate[] = [];
  let orientation = 1;
  const seen = new Set<number>();
  const queue: { offset: number; top: boolean }[] = [{ offset: u32(header, 4), top: true }];
  while (queue.length > 0 && seen.size < 32) {
    const { offset, top } = queue.shift() as { offset: number; top: boolean };
    if (offset === 0 || seen.has(offset) || base + offset + 2 > reader.size) continue;
    seen.add(offset);
    const countBytes = await reader.read(base + offset, 2);
    if (countBytes.length < 2) continue;
    const count = Math.min(u16(countBytes, 0), 1000);
    const table = await reader.read(base + offset + 2, count * 12 + 4);
    const values = new Map<number, number[]>();
    for (let i = 0; i < count && i * 12 + 12 <= table.length; i++) {
      const at = i * 12;
      const tag = u16(table, at);
      const type = u16(table, at + 2);
      const n = u32(table, at + 4);
      const unit = TYPE_SIZES[type] ?? 0;
      if (tag === 0x2e && n > 0) {
        candidates.push({ offset: base + u32(table, at + 8), length: n }); // RW2's JpgFromRaw
        continue;
      }
      if (unit !== 2 && unit !== 4) continue;
      const inline = unit * n <= 4;
      const data = inline
        ? table.subarray(at + 8, at + 12)
        : await reader.read(base + u32(table, at + 8), Math.min(n, 64) * unit);
      const list: number[] = [];
      for (let k = 0; k < Math.min(n, 64) && k * unit + unit <= data.length; k++)
        list.push(unit === 2 ? u16(data, k * unit) : u32(data, k * unit));
      values.set(tag, list);
    }
    if (top && seen.size === 1) orientation = values.get(0x112)?.[0] ?? 1;
    const pairs: [number, number][] = [
      [0x201, 0x202], // JPEGInterchangeFormat / Length: previews, Nikon's JpgFromRaw
      [0x111, 0x117], // one-strip images: CR2's preview, DNG's preview SubIFD
    ];
    for (const [start, length] of pairs) {
      const starts = values.get(start);
      const lengths = values.get(length);
      if (starts?.length === 1 && lengths?.length === 1)
        candidates.push({ offset: base + (starts[0] as number), length: lengths[0] as number });
    }
    for (const sub of values.get(0x14a) ?? []) queue.push({ offset: sub, top: false });
    const next = u32(table, count * 12);
    if (top && table.length >= count * 12 + 4) queue.push({ offset: next, top: true });
  }
  return { candidates, orientation };
}

/** RAF: a big-endian header naming the offset and length of the camera's JPEG (with its EXIF). */
async function scanRaf(reader: Reader): Promise<TiffScan | null> {
  const header = await reader.read(0, 92);
  if (header.toString('latin1', 0, 8) !== 'FUJIFILM' || header.length < 92) return null;
  const candidate = { offset: header.readUInt32BE(84), length: header.readUInt32BE(88) };
  const jpeg = await reader.read(candidate.offset, 256 * 1024);
  return { candidates: [candidate], orientation: exifOrientationOfJpeg(jpeg) };
}

/** CR3 (ISO base media): the PRVW preview box, and the orientation from its CMT1 (a TIFF IFD0). */
async function scanCr3(reader: Reader): Promise<TiffScan | null> {
  const head = await reader.read(0, 2 * 1024 * 1024);
  if (head.toString('latin1', 4, 12) !== 'ftypcrx ') return null;
  const candidates: Candidate[] = [];
  const prvw = head.indexOf('PRVW', 0, 'latin1');
  if (prvw >= 0) {
    const jpegAt = head.indexOf(Buffer.from([0xff, 0xd8, 0xff]), prvw);
    const boxLength = head.readUInt32BE(prvw - 4);
    if (jpegAt > 0) candidates.push({ offset: jpegAt, length: prvw - 4 + boxLength - jpegAt });
  }
  let orientation = 1;
  const cmt1 = head.indexOf('CMT1', 0, 'latin1');
  if (cmt1 >= 0) orientation = (await scanTiff(reader, cmt1 + 4))?.orientation ?? 1;
  return { candidates, orientation };
}

function exifOrientationOfJpeg(jpeg: Buffer): number {
  const exif = jpeg.indexOf('Exif\0\0', 0, 'latin1');
  if (exif < 0) return 1;
  const tiff = jpeg.subarray(exif + 6);
  const le = tiff.toString('latin1', 0, 2) === 'II';
  const u16 = (at: number) => (le ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const ifd = le ? tiff.readUInt32LE(4) : tiff.readUInt32BE(4);
  if (ifd + 2 > tiff.length) return 1;
  for (let i = 0, n = u16(ifd); i < n && ifd + 2 + i * 12 + 12 <= tiff.length; i++) {
    const at = ifd + 2 + i * 12;
    if (u16(at) === 0x112) return u16(at + 8);
  }
  return 1;
}

async function largest(reader: Reader, candidates: readonly Candidate[]) {
  let best: (Candidate & { width: number; height: number }) | null = null;
  for (const candidate of candidates) {
    if (candidate.length < 64 || candidate.offset + candidate.length > reader.size) continue;
    const size = jpegSize(await reader.read(candidate.offset, 128 * 1024));
    if (size !== null && (best === null || size.width * size.height > best.width * best.height))
      best = { ...candidate, ...size };
  }
  return best;
}

let exiftool: ExifTool | null = null;

/** Ends the ExifTool process that raw previews started, if any (the CLI calls it on exit). */
export async function closeRawPreviewTool(): Promise<void> {
  const running = exiftool;
  exiftool = null;
  await running?.end();
}

async function previewWithExifTool(path: string): Promise<Buffer | null> {
  exiftool ??= new ExifTool({ maxProcs: 1, taskTimeoutMillis: 30_000, geolocation: false });
  const folder = await mkdtemp(join(tmpdir(), 'facet-raw-'));
  try {
    let best: Buffer | null = null;
    for (const tag of ['JpgFromRaw', 'PreviewImage'] as const) {
      const out = join(folder, `${tag}.jpg`);
      const ok = await (
        tag === 'JpgFromRaw'
          ? exiftool.extractJpgFromRaw(path, out)
          : exiftool.extractPreview(path, out)
      ).then(
        () => true,
        () => false,
      );
      if (!ok) continue;
      const bytes = await readFile(out).catch(() => null);
      const size = bytes && jpegSize(bytes);
      if (bytes && size && (best === null || bytes.length > best.length)) best = bytes;
    }
    return best;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** Reads the largest embedded JPEG of a raw file; throws RawPreviewError saying why there is none. */
export async function readRawPreview(path: string): Promise<RawPreview> {
  const file = await open(path, 'r');
  let scan: TiffScan | null;
  let chosen: Awaited<ReturnType<typeof largest>>;
  let jpeg: Buffer | null = null;
  try {
    const reader = fileReader(file, (await file.stat()).size);
    scan = (await scanRaf(reader)) ?? (await scanCr3(reader)) ?? (await scanTiff(reader, 0));
    chosen = scan === null ? null : await largest(reader, scan.candidates);
    if (chosen !== null && Math.min(chosen.width, chosen.height) >= MIN_PREVIEW_SIDE)
      jpeg = await reader.read(chosen.offset, chosen.length);
  } finally {
    await file.close();
  }
  const orientation = scan?.orientation ?? 1;
  if (jpeg !== null && chosen !== null)
    return { jpeg, width: chosen.width, height: chosen.height, orientation };
  const fallback = await previewWithExifTool(path);
  const size = fallback && jpegSize(fallback);
  if (fallback && size && Math.min(size.width, size.height) >= MIN_PREVIEW_SIDE)
    return { jpeg: fallback, ...size, orientation };
  const found = chosen ?? size;
  throw new RawPreviewError(
    found
      ? `the raw file's largest embedded preview is only ${found.width}x${found.height} pixels; Facet needs one at least ${MIN_PREVIEW_SIDE} pixels on its short side`
      : 'the raw file has no embedded JPEG preview Facet can read (Facet does not develop raw sensor data)',
  );
}
