// Thumbnails: made once into the library folder, sized to fit, remade when the photo changes, and
// only for photos inside the library's folders.
import assert from 'node:assert/strict';
import { copyFile, cp, mkdtemp, readFile, readdir, rm, stat, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { createEngine, type Engine } from '../engine';

const SHAPES = join(import.meta.dirname, '../../../e2e/fixtures/shapes');
let work: string;
let folder: string;
let engine: Engine;

/** Width and height from a WebP file's header (lossy VP8 or extended VP8X). */
function webpSize(data: Buffer): { width: number; height: number } {
  assert.equal(data.toString('ascii', 0, 4), 'RIFF');
  assert.equal(data.toString('ascii', 8, 12), 'WEBP');
  const chunk = data.toString('ascii', 12, 16);
  if (chunk === 'VP8X')
    return { width: 1 + data.readUIntLE(24, 3), height: 1 + data.readUIntLE(27, 3) };
  assert.equal(chunk, 'VP8 ');
  return { width: data.readUInt16LE(26) & 0x3fff, height: data.readUInt16LE(28) & 0x3fff };
}

async function thumbnailOf(path: string, size: 128 | 256 | 512): Promise<string> {
  const answer = await engine.library.thumbnail(path, size);
  assert.ok(answer.ok, answer.ok ? '' : answer.reason);
  return answer.file;
}

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'facet-thumbs-'));
  folder = join(work, 'photos');
  await cp(join(SHAPES, 'albums'), folder, { recursive: true });
  await cp(join(SHAPES, 'bad'), join(folder, 'bad'), { recursive: true });
  engine = await createEngine({ libraryDir: join(work, 'library'), indexAfterAdd: false });
  await engine.library.add([folder]);
});
after(async () => {
  await engine.close();
  await rm(work, { recursive: true, force: true });
});

test('a thumbnail is made once, in the library folder, at most the size asked for', async () => {
  const photo = join(folder, 'bad', 'huge-6000x4000.jpg');
  const file = await thumbnailOf(photo, 128);
  assert.ok(file.startsWith(join(work, 'library', 'thumbnails')));
  const data = await readFile(file);
  const { width, height } = webpSize(data);
  assert.deepEqual([width, height], [128, 85], 'the photo fits, in its own proportions');
  assert.ok(data.length < (await stat(photo)).size, 'smaller than the photo');
  const made = (await stat(file)).mtimeMs;

  assert.equal(await thumbnailOf(photo, 128), file, 'the second request gets the cached file');
  assert.equal((await stat(file)).mtimeMs, made, 'and nothing is made again');
  const large = await thumbnailOf(photo, 512);
  assert.notEqual(large, file);
  assert.equal(webpSize(await readFile(large)).width, 512);
  const small = await thumbnailOf(join(folder, '2021', 'summer', 'DSC0240011.JPG'), 512);
  assert.ok(webpSize(await readFile(small)).width < 512, 'small photos are not enlarged');
});

test('a changed photo gets a new thumbnail and its old one goes', async () => {
  const photo = join(folder, '2021', 'summer', 'IMG_0240117.png');
  const first = await thumbnailOf(photo, 256);
  await copyFile(join(folder, '2021', 'summer', 'shape_0240002.png'), photo);
  const later = new Date(Date.now() + 60_000);
  await utimes(photo, later, later);
  const second = await thumbnailOf(photo, 256);
  assert.notEqual(second, first);
  assert.ok(!(await readFile(second)).equals(await readFile(first).catch(() => Buffer.alloc(0))));
  assert.deepEqual(await readdir(dirname(second)), [second.slice(dirname(second).length + 1)]);
});

test('the thumbnails of a photo that left the library are deleted', async () => {
  const photo = join(folder, '2022', 'gone.jpg');
  await copyFile(join(folder, '2021', 'summer', 'DSC0240011.JPG'), photo);
  await engine.library.index([folder], { device: 'cpu' });
  const file = await thumbnailOf(photo, 256);
  await rm(photo);
  const report = await engine.library.index([folder], { device: 'cpu' });
  assert.ok(report.files > 0);
  await assert.rejects(stat(dirname(file)), { code: 'ENOENT' });
});

test('photos outside the library and unreadable ones get no thumbnail, with a reason', async () => {
  const outside = await engine.library.thumbnail(
    join(SHAPES, 'camera', 'DCIM', '100CANON', 'x.jpg'),
    128,
  );
  assert.deepEqual(outside, {
    ok: false,
    status: 403,
    reason: 'The file is not inside a library folder.',
  });
  const missing = await engine.library.thumbnail(join(folder, 'missing.jpg'), 128);
  assert.equal(missing.ok ? 200 : missing.status, 404);
  const broken = await engine.library.thumbnail(join(folder, 'bad', 'truncated.jpg'), 128);
  assert.equal(broken.ok ? 200 : broken.status, 415);
  const size = await engine.library.thumbnail(
    join(folder, '2021', 'summer', 'DSC0240011.JPG'),
    64 as 128,
  );
  assert.equal(size.ok ? 200 : size.status, 404);
});
