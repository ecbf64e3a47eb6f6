import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { checkLibraryPath, scanPhotos } from './scanner';

let dir: string;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'facet-scan-'));
  const files = [
    'a.JPG',
    'b.jpeg',
    'c.Png',
    'd.webp',
    'e.tif',
    'f.TIFF',
    'g.gif',
    'h.avif',
    'i.HEIC',
    'j.heif',
    'notes.txt',
    'raw.cr2',
    'm.jxl',
    'n.bmp',
    'o.psd',
    'p.NEF',
    'clip.mp4',
    'IMG_2.MOV',
    'IMG_2.HEIC',
    'sidecar.xmp',
    '.hidden.jpg',
    'trip 2021/day one/k.jpg',
    '.thumbnails/l.jpg',
  ];
  for (const file of files) {
    await mkdir(join(dir, file, '..'), { recursive: true });
    await writeFile(join(dir, file), 'x');
  }
  await symlink(dir, join(dir, 'trip 2021', 'loop')); // points back up the tree
  await symlink(join(dir, 'missing.jpg'), join(dir, 'dangling.jpg'));
});
after(() => rm(dir, { recursive: true, force: true }));

test('finds every supported photo once, skips hidden ones and survives a symlink loop', async () => {
  const { photos, problems, ignored } = await scanPhotos(dir);
  assert.deepEqual(
    ignored.map((item) => [item.path.slice(dir.length + 1), item.reason]),
    [
      ['IMG_2.MOV', 'video of a Live Photo: its still IMG_2.HEIC is indexed'],
      ['clip.mp4', 'video: Facet indexes photos only'],
    ],
  );
  const names = photos.map((photo) => photo.path.slice(dir.length + 1));
  assert.deepEqual(names, [
    'IMG_2.HEIC',
    'a.JPG',
    'b.jpeg',
    'c.Png',
    'd.webp',
    'e.tif',
    'f.TIFF',
    'g.gif',
    'h.avif',
    'i.HEIC',
    'j.heif',
    'm.jxl',
    'n.bmp',
    'o.psd',
    'p.NEF',
    'raw.cr2',
    'trip 2021/day one/k.jpg',
  ]);
  assert.deepEqual(problems, []);
  assert.ok(photos.every((photo) => photo.size === 1 && photo.mtimeMs > 0));
});

test('a single photo scans as itself; paths are checked before they are added', async () => {
  const photo = join(dir, 'a.JPG');
  assert.deepEqual(
    (await scanPhotos(photo)).photos.map((p) => p.path),
    [photo],
  );
  assert.deepEqual(await checkLibraryPath(dir), { ok: true, kind: 'folder' });
  assert.deepEqual(await checkLibraryPath(photo), { ok: true, kind: 'photo' });
  assert.deepEqual(await checkLibraryPath(join(dir, 'nope')), {
    ok: false,
    reason: 'does not exist',
  });
  const notes = await checkLibraryPath(join(dir, 'notes.txt'));
  assert.ok(!notes.ok && /not a supported photo \(jpg, jpeg, png/.test(notes.reason));
});

test('a RAW+JPEG pair is one photo, the raw its master; apart on request', async (t) => {
  const folder = await mkdtemp(join(tmpdir(), 'facet-pair-'));
  t.after(() => rm(folder, { recursive: true, force: true }));
  for (const name of ['IMG_1.CR2', 'IMG_1.JPG', 'IMG_2.jpg', 'IMG_3.dng', 'img_3.jpeg'])
    await writeFile(join(folder, name), 'x');
  const paired = await scanPhotos(folder);
  assert.deepEqual(
    paired.photos.map((photo) => photo.path.slice(folder.length + 1)),
    ['IMG_1.CR2', 'IMG_2.jpg', 'IMG_3.dng'],
  );
  assert.deepEqual(
    paired.companions.map((c) => [
      c.path.slice(folder.length + 1),
      c.master.slice(folder.length + 1),
    ]),
    [
      ['IMG_1.JPG', 'IMG_1.CR2'],
      ['img_3.jpeg', 'IMG_3.dng'],
    ],
  );
  const apart = await scanPhotos(folder, { pairsApart: true });
  assert.equal(apart.photos.length, 5);
  assert.deepEqual(apart.companions, []);
});
