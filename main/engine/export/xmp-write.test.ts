import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openMetadataTool, type MetadataTool } from '../../../native/exiftool';
import { copyPhoto, exiftoolCli, list, PLAIN_JPEG, readBack, sha256 } from './export-files.fixture';
import { findSidecars, sidecarPath, writeSidecar } from './xmp-write';
import { exportXmp } from './xmp-export';

let dir: string;
let tool: MetadataTool;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'facet-xmp-'));
  tool = openMetadataTool();
});
after(async () => {
  await tool.close();
  await rm(dir, { recursive: true, force: true });
});

const HERON = 'Animals/Bird/Heron';

test('a new sidecar holds every level in dc:subject, | paths in lr and / paths in digiKam', async () => {
  const photo = await copyPhoto(PLAIN_JPEG, join(dir, 'fields'));
  const outcome = await writeSidecar(
    tool,
    { photoPath: photo, keywords: [HERON, 'Colour/Blue', 'Star'] },
    { naming: 'ext' },
  );
  assert.equal(outcome.action, 'create');
  assert.equal(outcome.target, `${photo}.xmp`);

  const tags = await readBack(`${photo}.xmp`);
  assert.deepEqual(list(tags, 'XMP-dc:Subject'), [
    'Animals',
    'Bird',
    'Heron',
    'Colour',
    'Blue',
    'Star',
  ]);
  assert.deepEqual(list(tags, 'XMP-lr:HierarchicalSubject'), [
    'Animals|Bird|Heron',
    'Colour|Blue',
    'Star',
  ]);
  assert.deepEqual(list(tags, 'XMP-digiKam:TagsList'), [HERON, 'Colour/Blue', 'Star']);

  // The containers other apps expect: Bag for the keyword sets, Seq for digiKam's list.
  const xml = await readFile(`${photo}.xmp`, 'utf8');
  assert.match(xml, /<dc:subject>\s*<rdf:Bag>/);
  assert.match(xml, /<lr:hierarchicalSubject>\s*<rdf:Bag>/);
  assert.match(xml, /<digiKam:TagsList>\s*<rdf:Seq>/);
});

test('Adobe naming writes photo.xmp; reading finds sidecars under both names', async () => {
  const folder = join(dir, 'naming');
  const photo = await copyPhoto(PLAIN_JPEG, folder, 'heron.jpg');
  const outcome = await writeSidecar(
    tool,
    { photoPath: photo, keywords: [HERON] },
    { naming: 'base' },
  );
  assert.equal(outcome.target, join(folder, 'heron.xmp'));
  assert.deepEqual(list(await readBack(join(folder, 'heron.xmp')), 'XMP-dc:Subject'), [
    'Animals',
    'Bird',
    'Heron',
  ]);
  assert.deepEqual(await findSidecars(photo), [join(folder, 'heron.xmp')]);
  await writeSidecar(tool, { photoPath: photo, keywords: [HERON] }, { naming: 'ext' });
  assert.deepEqual(await findSidecars(photo), [
    sidecarPath(photo, 'ext'),
    join(folder, 'heron.xmp'),
  ]);
});

test('an existing sidecar keeps its title, rating and other keywords; the photo stays byte-identical', async () => {
  const photo = await copyPhoto(PLAIN_JPEG, join(dir, 'merge'));
  const sidecar = `${photo}.xmp`;
  await exiftoolCli([
    '-o',
    sidecar,
    '-XMP-dc:Title=Morning at the lake',
    '-XMP-xmp:Rating=4',
    '-XMP-xmp:Label=Green',
    '-XMP-dc:Subject=Holiday',
    '-XMP-dc:Subject=Animals',
    '-XMP-lr:HierarchicalSubject=Places|Norway',
    '-XMP-digiKam:TagsList=Places/Norway',
    photo,
  ]);
  const photoHash = await sha256(photo);
  await writeSidecar(tool, { photoPath: photo, keywords: [HERON] }, { naming: 'ext' });

  const tags = await readBack(sidecar);
  assert.equal(tags['XMP-dc:Title'], 'Morning at the lake');
  assert.equal(tags['XMP-xmp:Rating'], 4);
  assert.equal(tags['XMP-xmp:Label'], 'Green');
  assert.deepEqual(list(tags, 'XMP-dc:Subject'), ['Holiday', 'Animals', 'Bird', 'Heron']);
  assert.deepEqual(list(tags, 'XMP-lr:HierarchicalSubject'), [
    'Places|Norway',
    'Animals|Bird|Heron',
  ]);
  assert.deepEqual(list(tags, 'XMP-digiKam:TagsList'), ['Places/Norway', HERON]);
  assert.equal(await sha256(photo), photoHash, 'the photo itself is never written');
});

test('exporting twice changes nothing; a changed tag removes only what Facet wrote', async () => {
  const photo = await copyPhoto(PLAIN_JPEG, join(dir, 'again'));
  const sidecar = `${photo}.xmp`;
  await exiftoolCli(['-o', sidecar, '-XMP-dc:Subject=Animals', '-XMP-dc:Subject=Holiday', photo]);

  const first = await writeSidecar(
    tool,
    { photoPath: photo, keywords: [HERON] },
    { naming: 'ext' },
  );
  assert.deepEqual(first.owned.subject, ['Bird', 'Heron'], '"Animals" was the user\'s already');
  const bytes = await readFile(sidecar);
  const modified = (await stat(sidecar)).mtimeMs;

  const owned = { sidecar: first.owned };
  const second = await writeSidecar(
    tool,
    { photoPath: photo, keywords: [HERON], owned },
    { naming: 'ext' },
  );
  assert.equal(second.action, 'unchanged');
  assert.deepEqual(second.changes, []);
  assert.deepEqual(await readFile(sidecar), bytes, 'the sidecar is byte-identical');
  assert.equal((await stat(sidecar)).mtimeMs, modified, 'and not even rewritten');

  // The heron was rejected, a duck confirmed: Facet's Bird stays (wanted), Heron goes, the user's stay.
  const third = await writeSidecar(
    tool,
    { photoPath: photo, keywords: ['Animals/Bird/Duck'], owned: { sidecar: second.owned } },
    { naming: 'ext' },
  );
  const tags = await readBack(sidecar);
  assert.deepEqual(list(tags, 'XMP-dc:Subject'), ['Animals', 'Holiday', 'Bird', 'Duck']);
  // The path fields Facet created hold the user's flat keywords too, and keep them.
  assert.deepEqual(list(tags, 'XMP-lr:HierarchicalSubject'), [
    'Animals',
    'Holiday',
    'Animals|Bird|Duck',
  ]);
  assert.deepEqual(list(tags, 'XMP-digiKam:TagsList'), ['Animals', 'Holiday', 'Animals/Bird/Duck']);

  // No tags left at all: Facet's keywords go, the user's "Animals" and "Holiday" stay.
  await writeSidecar(
    tool,
    { photoPath: photo, keywords: [], owned: { sidecar: third.owned } },
    { naming: 'ext' },
  );
  const last = await readBack(sidecar);
  assert.deepEqual(list(last, 'XMP-dc:Subject'), ['Animals', 'Holiday']);
  assert.deepEqual(list(last, 'XMP-lr:HierarchicalSubject'), ['Animals', 'Holiday']);
});

test('a dry run lists the changes and writes nothing', async () => {
  const folder = join(dir, 'dry');
  const photo = await copyPhoto(PLAIN_JPEG, folder);
  const report = await exportXmp(tool, [{ photoPath: photo, keywords: [HERON] }], { dryRun: true });
  assert.equal(report.dryRun, true);
  assert.deepEqual(
    report.files.map((file) => [file.action, file.target]),
    [['create', `${photo}.xmp`]],
  );
  assert.deepEqual(report.files[0]?.changes.find((c) => c.field === 'subject')?.added, [
    'Animals',
    'Bird',
    'Heron',
  ]);
  assert.deepEqual(await readdir(folder), ['DSC0240039.jpg'], 'no sidecar, no temporary file');
});

test('a photo that cannot be written is reported and the others are still written', async () => {
  const folder = join(dir, 'failure');
  const good = await copyPhoto(PLAIN_JPEG, folder, 'good.jpg');
  const missing = join(dir, 'no-such-folder', 'gone.jpg');
  const alsoGood = await copyPhoto(PLAIN_JPEG, folder, 'also-good.jpg');
  const progress: number[] = [];
  const report = await exportXmp(
    tool,
    [good, missing, alsoGood].map((photoPath) => ({ photoPath, keywords: [HERON] })),
    { naming: 'ext' },
    { onProgress: (p) => progress.push(p.done) },
  );
  assert.deepEqual(
    report.files.map((file) => [file.path, file.action]),
    [
      [good, 'create'],
      [missing, 'failed'],
      [alsoGood, 'create'],
    ],
  );
  assert.match(report.files[1]?.error ?? '', /gone\.jpg/);
  assert.deepEqual(report.summary, {
    photos: 3,
    created: 2,
    updated: 0,
    unchanged: 0,
    skipped: 0,
    failed: 1,
  });
  assert.deepEqual(progress, [1, 2, 3]);
  assert.deepEqual((await readdir(folder)).sort(), [
    'also-good.jpg',
    'also-good.jpg.xmp',
    'good.jpg',
    'good.jpg.xmp',
  ]);
});

test('a sidecar ExifTool cannot read is reported and left as it was', async () => {
  const photo = await copyPhoto(PLAIN_JPEG, join(dir, 'broken'));
  const sidecar = `${photo}.xmp`;
  await exiftoolCli(['-o', sidecar, '-XMP-dc:Subject=Holiday', photo]);
  const text = (await readFile(sidecar, 'utf8')).replace('</rdf:RDF>', '');
  await import('node:fs/promises').then((fs) => fs.writeFile(sidecar, text));
  const report = await exportXmp(tool, [{ photoPath: photo, keywords: [HERON] }], {});
  assert.equal(report.files[0]?.action, 'failed');
  assert.equal(await readFile(sidecar, 'utf8'), text);
});
