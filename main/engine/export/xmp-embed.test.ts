import assert from 'node:assert/strict';
import { access, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openMetadataTool, type MetadataTool } from '../../../native/exiftool';
import {
  copyPhoto,
  exiftoolCli,
  list,
  ORIENTED_JPEG,
  PNG,
  readBack,
  sha256,
  writeTinyTiff,
} from './export-files.fixture';
import { exportXmp } from './xmp-export';
import { backupPath, embedInOriginal } from './xmp-write';

let dir: string;
let tool: MetadataTool;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'facet-embed-'));
  tool = openMetadataTool();
});
after(async () => {
  await tool.close();
  await rm(dir, { recursive: true, force: true });
});

const HERON = 'Animals/Bird/Heron';

/** SHA-256 of the image data alone, as ExifTool computes it (metadata excluded). */
async function pixelHash(file: string): Promise<string> {
  const out = await exiftoolCli(['-s3', '-api', 'ImageHashType=SHA256', '-ImageDataHash', file]);
  return out.trim();
}

test('embedding writes IPTC Keywords and XMP into a JPEG, keeps its EXIF and pixels, and a backup', async () => {
  const photo = await copyPhoto(ORIENTED_JPEG, join(dir, 'jpeg'), 'heron.jpg');
  await exiftoolCli(['-overwrite_original', '-IPTC:Keywords=Holiday', '-XMP-dc:Title=Lake', photo]);
  const before = await sha256(photo);
  const pixels = await pixelHash(photo);

  const outcome = await embedInOriginal(
    tool,
    { photoPath: photo, keywords: [HERON] },
    { keepBackup: true },
  );
  assert.equal(outcome.action, 'update');
  assert.equal(outcome.backup, backupPath(photo));

  const tags = await readBack(photo);
  assert.deepEqual(list(tags, 'IPTC:Keywords'), ['Holiday', 'Animals', 'Bird', 'Heron']);
  assert.equal(tags['IPTC:CodedCharacterSet'], 'UTF8');
  // The XMP fields are new: they carry the photo's IPTC keyword too, so XMP readers still see it.
  assert.deepEqual(list(tags, 'XMP-dc:Subject'), ['Holiday', 'Animals', 'Bird', 'Heron']);
  assert.deepEqual(list(tags, 'XMP-lr:HierarchicalSubject'), ['Holiday', 'Animals|Bird|Heron']);
  assert.deepEqual(list(tags, 'XMP-digiKam:TagsList'), ['Holiday', HERON]);
  assert.equal(tags['XMP-dc:Title'], 'Lake');
  assert.equal(tags['IFD0:Orientation'], 'Rotate 90 CW', 'the EXIF orientation is kept');
  assert.equal(await pixelHash(photo), pixels, 'the image data is untouched');
  assert.equal(await sha256(backupPath(photo)), before, 'the backup is the file as it was');

  // Again: nothing to change, nothing written, and the first backup is never replaced.
  const after = await sha256(photo);
  const again = await embedInOriginal(
    tool,
    { photoPath: photo, keywords: [HERON], owned: { original: outcome.owned } },
    { keepBackup: true },
  );
  assert.equal(again.action, 'unchanged');
  assert.equal(await sha256(photo), after);
  const third = await embedInOriginal(
    tool,
    { photoPath: photo, keywords: ['Animals/Bird/Duck'], owned: { original: again.owned } },
    { keepBackup: true },
  );
  assert.equal(third.backup, null, 'an existing backup is kept as it is');
  assert.equal(await sha256(backupPath(photo)), before);
  assert.deepEqual(list(await readBack(photo), 'IPTC:Keywords'), [
    'Holiday',
    'Animals',
    'Bird',
    'Duck',
  ]);
});

test('with backups turned off no _original file is left beside the photo', async () => {
  const folder = join(dir, 'no-backup');
  const photo = await copyPhoto(ORIENTED_JPEG, folder, 'heron.jpg');
  await embedInOriginal(tool, { photoPath: photo, keywords: [HERON] }, { keepBackup: false });
  assert.deepEqual(await readdir(folder), ['heron.jpg']);
  assert.deepEqual(list(await readBack(photo), 'IPTC:Keywords'), ['Animals', 'Bird', 'Heron']);
});

test('a TIFF takes keywords too; a PNG is skipped with the reason and left untouched', async () => {
  const folder = join(dir, 'formats');
  const png = await copyPhoto(PNG, folder, 'chart.png');
  const tiff = await writeTinyTiff(join(folder, 'scan.tif'));
  const pngHash = await sha256(png);
  const report = await exportXmp(
    tool,
    [tiff, png].map((photoPath) => ({ photoPath, keywords: [HERON] })),
    { sidecars: false, embed: true, keepBackup: false },
  );
  assert.deepEqual(
    report.files.map((file) => [file.target, file.action]),
    [
      [tiff, 'update'],
      [png, 'skipped'],
    ],
  );
  assert.match(report.files[1]?.error ?? '', /only JPEG and TIFF/);
  const tags = await readBack(tiff);
  assert.deepEqual(list(tags, 'IPTC:Keywords'), ['Animals', 'Bird', 'Heron']);
  assert.deepEqual(list(tags, 'XMP-lr:HierarchicalSubject'), ['Animals|Bird|Heron']);
  assert.equal(tags['IFD0:ImageWidth'], 2, 'still the same 2x1 image');
  assert.equal(await sha256(png), pngHash);
  await assert.rejects(access(backupPath(png)));
});
