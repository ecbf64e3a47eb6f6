import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { findExif, readExif } from './exif';

/** A little-endian TIFF block as cameras write it: make, and date / ISO / aperture in the EXIF IFD. */
function tiffBlock(date: string): Buffer {
  const b = Buffer.alloc(118);
  b.write('II', 0, 'latin1');
  b.writeUInt16LE(42, 2);
  b.writeUInt32LE(8, 4);
  const entry = (at: number, tag: number, type: number, count: number, value: number) => {
    b.writeUInt16LE(tag, at);
    b.writeUInt16LE(type, at + 2);
    b.writeUInt32LE(count, at + 4);
    b.writeUInt32LE(value, at + 8);
  };
  b.writeUInt16LE(2, 8);
  entry(10, 0x010f, 2, 10, 38); // Make
  entry(22, 0x8769, 4, 1, 48); // Exif IFD
  b.write('Facet Cam\0', 38, 'latin1');
  b.writeUInt16LE(3, 48);
  entry(50, 0x829d, 5, 1, 110); // FNumber
  entry(62, 0x8827, 3, 1, 400); // ISO
  entry(74, 0x9003, 2, 20, 90); // DateTimeOriginal
  b.write(`${date}\0`, 90, 'latin1');
  b.writeUInt32LE(28, 110);
  b.writeUInt32LE(10, 114);
  return b;
}

function jpegWithExif(tiff: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const length = Buffer.alloc(2);
  length.writeUInt16BE(body.length + 2);
  const jfif = Buffer.from([0xff, 0xe0, 0x00, 0x04, 0x00, 0x00]);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    jfif,
    Buffer.from([0xff, 0xe1]),
    length,
    body,
    Buffer.from([0xff, 0xda, 0, 2, 0xff, 0xd9]),
  ]);
}

function pngWithExif(tiff: Buffer): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    return Buffer.concat([length, Buffer.from(type, 'latin1'), data, Buffer.alloc(4)]);
  };
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk('IHDR', Buffer.alloc(13)),
    chunk('eXIf', tiff),
    chunk('IDAT', Buffer.alloc(4)),
  ]);
}

test('the date taken, camera, ISO and aperture come from a JPEG or PNG header', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'facet-exif-'));
  try {
    await writeFile(join(dir, 'a.jpg'), jpegWithExif(tiffBlock('2021:07:04 10:30:00')));
    await writeFile(join(dir, 'b.png'), pngWithExif(tiffBlock('1999:12:31 23:59:58')));
    const jpeg = await readExif(join(dir, 'a.jpg'));
    assert.equal(new Date(jpeg.taken as number).toISOString(), '2021-07-04T10:30:00.000Z');
    assert.equal(jpeg.camera, 'Facet Cam');
    assert.equal(jpeg.iso, 400);
    assert.equal(jpeg.aperture, 'f/2.8');
    const png = await readExif(join(dir, 'b.png'));
    assert.equal(new Date(png.taken as number).toISOString(), '1999-12-31T23:59:58.000Z');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('photos without EXIF, unreadable and missing files give no date rather than an error', async () => {
  const fixture = join(import.meta.dirname, '../../../e2e/fixtures/shapes/bad/not-an-image.png');
  assert.deepEqual(await readExif(fixture), {});
  assert.deepEqual(await readExif('/no/such/photo.jpg'), {});
  assert.equal(
    findExif(
      await readFile(join(import.meta.dirname, '../../../e2e/fixtures/shapes/bad/one-pixel.png')),
    ),
    null,
  );
});
