import assert from 'node:assert/strict';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import sharp from 'sharp';
import { readExif } from '../main/engine/browse/exif';
import { openPhoto, photoKind, type OpenedPhoto } from './decode-photo';
import { closeRawPreviewTool } from './raw-preview';
import { writeThumbnail } from './thumbnail';

const REAL = join(import.meta.dirname, '../e2e/fixtures/real-photos');
const open = (path: string) => openPhoto(path, { pixelLimit: 250_000_000 });

after(closeRawPreviewTool);

/** Mean absolute difference per channel (0-255) of two pictures squashed to 64x64. */
async function difference(a: OpenedPhoto, b: OpenedPhoto): Promise<number> {
  const pixels = (photo: OpenedPhoto) =>
    photo.image.flatten({ background: '#fff' }).resize(64, 64, { fit: 'fill' }).raw().toBuffer();
  const [x, y] = await Promise.all([pixels(a), pixels(b)]);
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += Math.abs((x[i] as number) - (y[i] as number));
  return sum / x.length;
}

async function tempDir(t: { after: (fn: () => Promise<void>) => void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'facet-decode-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Sets the Orientation entry of a TIFF file's first directory, as a camera held upright writes it. */
function setTiffOrientation(bytes: Buffer, orientation: number): void {
  const ifd = bytes.readUInt32LE(4);
  for (let i = 0; i < bytes.readUInt16LE(ifd); i++) {
    const at = ifd + 2 + i * 12;
    if (bytes.readUInt16LE(at) === 0x112) return void bytes.writeUInt16LE(orientation, at + 8);
  }
  throw new Error('no Orientation entry');
}

test('a Canon CR2 is read from its largest embedded preview, dated and named from its EXIF', async () => {
  const raw = await open(join(REAL, 'raw-pair/IMG_5952.CR2'));
  assert.deepEqual([raw.width, raw.height, raw.format], [1728, 1152, 'cr2']);
  // IMG_5952.JPG is the same preview extracted by ExifTool: the pictures match.
  const preview = await open(join(REAL, 'raw-pair/IMG_5952.JPG'));
  assert.ok((await difference(raw, preview)) < 1);
  const exif = await readExif(join(REAL, 'raw-pair/IMG_5952.CR2'));
  assert.equal(new Date(exif.taken as number).toISOString(), '2009-07-21T13:03:20.000Z');
  assert.equal(exif.camera, 'Canon EOS 30D');
});

test("a raw's orientation is applied to its preview", async (t) => {
  const dir = await tempDir(t);
  const bytes = await readFile(join(REAL, 'raw-pair/IMG_5952.CR2'));
  setTiffOrientation(bytes, 6);
  await writeFile(join(dir, 'portrait.cr2'), bytes);
  const turned = await open(join(dir, 'portrait.cr2'));
  assert.deepEqual([turned.width, turned.height], [1152, 1728]);
  const expected = await open(join(REAL, 'raw-pair/IMG_5952.JPG'));
  const rotated = { ...expected, image: expected.image.rotate(90) };
  assert.ok((await difference(turned, rotated)) < 1);
});

test('a raw without a usable preview is refused with the reason', async (t) => {
  const dir = await tempDir(t);
  const bytes = Buffer.alloc(4096);
  Buffer.from('II*\0\x08\0\0\0\0\0\0\0', 'latin1').copy(bytes);
  await writeFile(join(dir, 'empty.nef'), bytes);
  await assert.rejects(open(join(dir, 'empty.nef')), /no embedded JPEG preview/);
});

test('HEIC decodes without system codecs, matches the same picture as JPEG XL, and is dated', async () => {
  const heic = await open(join(REAL, 'formats/EveningGlow.heic'));
  const jxl = await open(join(REAL, 'formats/EveningGlow.jxl'));
  assert.deepEqual([heic.width, heic.height, heic.format], [2560, 1600, 'heif']);
  assert.deepEqual([jxl.width, jxl.height, jxl.format], [2560, 1600, 'jxl']);
  assert.ok((await difference(heic, jxl)) < 6);
  const park = await readExif(join(REAL, 'iphone-heic/park-truncated.heic'));
  assert.equal(new Date(park.taken as number).toISOString(), '2018-04-07T11:24:11.000Z');
  assert.equal(park.camera, 'Apple iPhone 7');
  const made = await readExif(join(REAL, 'orientation/f6-exif.heic'));
  assert.equal(new Date(made.taken as number).toISOString(), '2021-05-06T07:08:09.000Z');
});

test('HEIC and JPEG XL come out upright, like the JPEG they were made from', async () => {
  const jpeg = await open(join(REAL, 'orientation/f6-exif.jpg'));
  for (const name of ['f6-exif.heic', 'f6-exif.jxl']) {
    const photo = await open(join(REAL, 'orientation', name));
    assert.deepEqual([photo.width, photo.height], [jpeg.width, jpeg.height], name);
    assert.ok((await difference(photo, jpeg)) < 12, name);
  }
});

test('a truncated HEIC is reported in plain words', async () => {
  for (const name of ['park-truncated.heic', 'rotate-truncated.heic'])
    await assert.rejects(open(join(REAL, 'iphone-heic', name)), /the file is cut short/);
});

test('BMP, PSD and the first frame of an AVIF sequence decode', async () => {
  const bmp = await open(join(REAL, 'formats/EveningGlow-320.bmp'));
  assert.deepEqual([bmp.width, bmp.height, bmp.format], [320, 200, 'bmp']);
  assert.ok((await difference(bmp, await open(join(REAL, 'formats/EveningGlow.jxl')))) < 6);
  const psd = await open(join(REAL, 'formats/sample.psd'));
  assert.deepEqual([psd.width, psd.height, psd.format], [640, 400, 'psd']);
  // A PSD's merged composite is the picture (this one holds the evening glow, no layers).
  const glow = await open(join(REAL, 'formats/EveningGlow-320.psd'));
  assert.deepEqual([glow.width, glow.height, glow.format], [320, 200, 'psd']);
  assert.ok((await difference(glow, await open(join(REAL, 'formats/EveningGlow.jxl')))) < 6);
  const avif = await open(join(REAL, 'formats/animated-sequence.avif'));
  assert.deepEqual([avif.width, avif.height], [499, 479]);
});

test('thumbnails of every format are drawn from the decoded, upright picture', async (t) => {
  const dir = await tempDir(t);
  const names = [
    'raw-pair/IMG_5952.CR2',
    'formats/EveningGlow.heic',
    'formats/EveningGlow.jxl',
    'formats/EveningGlow-320.bmp',
    'formats/EveningGlow-320.psd',
    'formats/animated-sequence.avif',
  ];
  for (const name of names) {
    const target = join(dir, `${name.replace('/', '-')}.webp`);
    await writeThumbnail(join(REAL, name), target, 256);
    const meta = await sharp(target).metadata();
    assert.equal(meta.width, 256, name);
    const photo = await open(join(REAL, name));
    const thumb = { ...photo, image: sharp(target) };
    assert.ok((await difference(thumb, await open(join(REAL, name)))) < 3, name);
  }
  // Turned by their EXIF orientation, like the JPEG they were made from (a 40x80 upright "F").
  const upright = await open(join(REAL, 'orientation/f6-exif.jpg'));
  for (const name of ['f6-exif.heic', 'f6-exif.jxl']) {
    const target = join(dir, `${name}.webp`);
    await writeThumbnail(join(REAL, 'orientation', name), target, 256);
    const meta = await sharp(target).metadata();
    assert.deepEqual([meta.width, meta.height], [40, 80], name);
    assert.ok((await difference({ ...upright, image: sharp(target) }, upright)) < 12, name);
  }
});

test('the decoder is chosen from the bytes, not the name', async (t) => {
  const dir = await tempDir(t);
  await copyFile(join(REAL, 'formats/EveningGlow.heic'), join(dir, 'misnamed.jpg'));
  const head = (await readFile(join(dir, 'misnamed.jpg'))).subarray(0, 64);
  assert.equal(photoKind(head, 'misnamed.jpg'), 'heif');
  assert.equal((await open(join(dir, 'misnamed.jpg'))).format, 'heif');
});
