// Where a HEIF/HEIC/AVIF (ISO base media) file keeps its EXIF: an item of type 'Exif' named in the
// meta box's item info (iinf) and located by its item locations (iloc). Only the box headers are
// parsed, so a phone photo is dated without decoding it (or even reading its image data).

export interface ByteRange {
  readonly offset: number;
  readonly length: number;
}

function boxes(
  data: Buffer,
  from: number,
  to: number,
): { type: string; body: number; end: number }[] {
  const found: { type: string; body: number; end: number }[] = [];
  let at = from;
  while (at + 8 <= to) {
    let size = data.readUInt32BE(at);
    let header = 8;
    if (size === 1 && at + 16 <= to) {
      size = Number(data.readBigUInt64BE(at + 8));
      header = 16;
    } else if (size === 0) size = to - at;
    if (size < header) break;
    found.push({
      type: data.toString('latin1', at + 4, at + 8),
      body: at + header,
      end: Math.min(at + size, to),
    });
    at += size;
  }
  return found;
}

function uint(data: Buffer, at: number, bytes: number): number {
  if (bytes === 0) return 0;
  if (bytes === 2) return data.readUInt16BE(at);
  if (bytes === 4) return data.readUInt32BE(at);
  if (bytes === 8) return Number(data.readBigUInt64BE(at));
  return 0;
}

function exifItemId(data: Buffer, iinf: { body: number; end: number }): number | null {
  const version = data[iinf.body] as number;
  const first = iinf.body + 4 + (version === 0 ? 2 : 4);
  for (const infe of boxes(data, first, iinf.end)) {
    if (infe.type !== 'infe') continue;
    const v = data[infe.body] as number;
    if (v < 2) continue;
    const idBytes = v === 2 ? 2 : 4;
    const id = uint(data, infe.body + 4, idBytes);
    const type = data.toString('latin1', infe.body + 4 + idBytes + 2, infe.body + 4 + idBytes + 6);
    if (type === 'Exif') return id;
  }
  return null;
}

function itemRange(
  data: Buffer,
  iloc: { body: number; end: number },
  wanted: number,
): ByteRange | null {
  const version = data[iloc.body] as number;
  let at = iloc.body + 4;
  const offsetSize = (data[at] as number) >> 4;
  const lengthSize = (data[at] as number) & 15;
  const baseSize = (data[at + 1] as number) >> 4;
  const indexSize = version >= 1 ? (data[at + 1] as number) & 15 : 0;
  at += 2;
  const count = version < 2 ? data.readUInt16BE(at) : data.readUInt32BE(at);
  at += version < 2 ? 2 : 4;
  for (let i = 0; i < count && at < iloc.end; i++) {
    const id = version < 2 ? data.readUInt16BE(at) : data.readUInt32BE(at);
    at += version < 2 ? 2 : 4;
    const method = version >= 1 ? data.readUInt16BE(at) & 15 : 0;
    if (version >= 1) at += 2;
    at += 2; // data reference index
    const base = uint(data, at, baseSize);
    at += baseSize;
    const extents = data.readUInt16BE(at);
    at += 2;
    let range: ByteRange | null = null;
    for (let e = 0; e < extents; e++) {
      at += indexSize;
      const offset = uint(data, at, offsetSize);
      const length = uint(data, at + offsetSize, lengthSize);
      at += offsetSize + lengthSize;
      if (e === 0) range = { offset: base + offset, length };
    }
    // Construction method 0 is a file offset; the others (idat, item references) are rare for EXIF.
    if (id === wanted) return method === 0 ? range : null;
  }
  return null;
}

/** The byte range of the EXIF item in a HEIF file's first bytes, or null when it names none. */
export function heifExifRange(head: Buffer): ByteRange | null {
  if (head.length < 12 || head.toString('latin1', 4, 8) !== 'ftyp') return null;
  const meta = boxes(head, 0, head.length).find((box) => box.type === 'meta');
  if (meta === undefined) return null;
  const children = boxes(head, meta.body + 4, meta.end);
  const iinf = children.find((box) => box.type === 'iinf');
  const iloc = children.find((box) => box.type === 'iloc');
  if (iinf === undefined || iloc === undefined) return null;
  try {
    const id = exifItemId(head, iinf);
    return id === null ? null : itemRange(head, iloc, id);
  } catch {
    return null; // a box cut off by the end of the head
  }
}

/** The TIFF block inside an EXIF item (which starts with the offset of its TIFF header). */
export function heifExifBlock(item: Buffer): Buffer | null {
  if (item.length < 12) return null;
  const start = 4 + item.readUInt32BE(0);
  return start < item.length ? item.subarray(start) : null;
}

/** Whether the file rotates or mirrors its image itself (irot, imir), which libheif applies. */
export function heifHasTransform(head: Buffer): boolean {
  if (head.length < 12 || head.toString('latin1', 4, 8) !== 'ftyp') return false;
  const meta = boxes(head, 0, head.length).find((box) => box.type === 'meta');
  if (meta === undefined) return false;
  const iprp = boxes(head, meta.body + 4, meta.end).find((box) => box.type === 'iprp');
  const ipco = iprp && boxes(head, iprp.body, iprp.end).find((box) => box.type === 'ipco');
  if (ipco === undefined) return false;
  return boxes(head, ipco.body, ipco.end).some((box) => box.type === 'irot' || box.type === 'imir');
}

/** EXIF orientation (1-8) of a TIFF block, 1 when it names none. */
export function tiffOrientation(tiff: Buffer): number {
  const start = tiff.toString('latin1', 0, 6) === 'Exif\0\0' ? 6 : 0;
  const block = tiff.subarray(start);
  if (block.length < 8) return 1;
  const le = block.toString('latin1', 0, 2) === 'II';
  const u16 = (at: number) => (le ? block.readUInt16LE(at) : block.readUInt16BE(at));
  const ifd = le ? block.readUInt32LE(4) : block.readUInt32BE(4);
  if (ifd + 2 > block.length) return 1;
  for (let i = 0, n = u16(ifd); i < n && ifd + 14 + i * 12 <= block.length; i++) {
    const at = ifd + 2 + i * 12;
    if (u16(at) === 0x112) {
      const value = u16(at + 8);
      return value >= 1 && value <= 8 ? value : 1;
    }
  }
  return 1;
}
