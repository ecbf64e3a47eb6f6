// Export of a RAW+JPEG pair (a real Canon CR2 and its JPEG): never two photos' keywords in one
// sidecar. The raw owns IMG_5952.xmp and its develop settings stay; the JPEG gets its own sidecar,
// or its keywords embedded, or the report names the pair.
import assert from 'node:assert/strict';
import { cp, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openDatabase } from '../../../native/sqlite';
import { createEngine, type Engine } from '../engine';
import { list, readBack, sha256 } from './export-files.fixture';
import {
  DEVELOP_SIDECAR,
  everythingButKeywords,
  exiv2Lines,
  exiv2Values,
  immichTags,
} from './keyword-readers.fixture';

const PAIR = join(import.meta.dirname, '../../../e2e/fixtures/real-photos/raw-pair');
const HERON = 'Animals/Bird/Heron';
const DUCK = 'Animals/Bird/Duck';
const XMP = {
  fileIds: null,
  includeSuggested: false,
  sidecars: true,
  naming: 'ext',
  embed: false,
  keepBackup: false,
  dryRun: false,
} as const;
const KEYWORD_KEYS = /^Xmp\.(dc\.subject|lr\.hierarchicalSubject|digiKam\.TagsList|x\.)/;

let dir: string;
const engines: Engine[] = [];
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'facet-pair-'));
});
after(async () => {
  for (const engine of engines) await engine.close();
  await rm(dir, { recursive: true, force: true });
});

/** A library holding a copy of the pair, with `labels` confirmed on each photo by file name. */
async function pairLibrary(name: string, labels: Record<string, string>, apart = false) {
  const folder = join(dir, name, 'photos');
  await cp(PAIR, folder, { recursive: true });
  const engine = await createEngine({
    libraryDir: join(dir, name, 'library'),
    indexAfterAdd: false,
  });
  engines.push(engine);
  if (apart) await engine.library.index([folder], { rawJpeg: 'apart', device: 'cpu' });
  else await engine.library.add([folder]);
  const set = await engine.labels.create('Birds', 'multi');
  await engine.labels.edit(set.id, {
    kind: 'add-labels',
    labels: [HERON, DUCK].map((path) => ({ path, prompts: null, threshold: null })),
  });
  const db = openDatabase(join(dir, name, 'library', 'library.db'), { readonly: true });
  const photos = db.prepare('SELECT id, path FROM files ORDER BY path').all() as {
    id: number;
    path: string;
  }[];
  db.close();
  for (const photo of photos) {
    const label = labels[photo.path.slice(folder.length + 1)];
    if (label !== undefined)
      await engine.tags.decide({
        fileIds: [photo.id],
        labelSetId: set.id,
        label,
        state: 'confirmed',
      });
  }
  const names = photos.map((p) => p.path.slice(folder.length + 1));
  const ids = new Map(photos.map((p, i) => [names[i] as string, p.id]));
  return { engine, folder, photos: names, ids };
}

test('one photo by default: with photo.ext naming the raw and its JPEG each get a sidecar', async () => {
  const { engine, folder, photos } = await pairLibrary('ext', { 'IMG_5952.CR2': HERON });
  assert.deepEqual(photos, ['IMG_5952.CR2']);
  const report = await engine.export.xmp(XMP);
  assert.deepEqual(
    report.files.map((file) => [file.target.slice(folder.length + 1), file.action]),
    [
      ['IMG_5952.CR2.xmp', 'create'],
      ['IMG_5952.JPG.xmp', 'create'],
    ],
  );
  for (const sidecar of ['IMG_5952.CR2.xmp', 'IMG_5952.JPG.xmp'])
    assert.deepEqual(immichTags(await readBack(join(folder, sidecar))), [HERON], sidecar);
  // Again: nothing to change in either.
  assert.equal((await engine.export.xmp(XMP)).summary.unchanged, 2);
});

test("with photo.xmp naming the raw's sidecar keeps its develop settings and the report names the pair", async () => {
  const { engine, folder } = await pairLibrary('base', { 'IMG_5952.CR2': HERON });
  const sidecar = join(folder, 'IMG_5952.xmp');
  await writeFile(sidecar, DEVELOP_SIDECAR);
  const develop = await everythingButKeywords(sidecar);
  const developExiv2 = (await exiv2Lines(sidecar, KEYWORD_KEYS)).sort();
  const jpeg = await sha256(join(folder, 'IMG_5952.JPG'));

  const report = await engine.export.xmp({ ...XMP, naming: 'base' });
  assert.deepEqual(
    report.files.map((file) => [file.path.slice(folder.length + 1), file.action]),
    [
      ['IMG_5952.CR2', 'update'],
      ['IMG_5952.JPG', 'skipped'],
    ],
  );
  assert.match(
    report.files[1]?.error ?? '',
    /IMG_5952\.xmp belongs to the raw IMG_5952\.CR2 of the RAW\+JPEG pair IMG_5952\.CR2 \+ IMG_5952\.JPG/,
  );
  assert.deepEqual(await exiv2Values(sidecar, 'Xmp.lr.hierarchicalSubject'), [
    'Holiday',
    'Places|Norway',
    'Animals|Bird|Heron',
  ]);
  assert.deepEqual(await everythingButKeywords(sidecar), develop);
  assert.deepEqual((await exiv2Lines(sidecar, KEYWORD_KEYS)).sort(), developExiv2);
  assert.equal(await sha256(join(folder, 'IMG_5952.JPG')), jpeg);
  assert.deepEqual((await readdir(folder)).sort(), [
    'IMG_5952.CR2',
    'IMG_5952.JPG',
    'IMG_5952.xmp',
  ]);

  // Embedding chosen: the JPEG carries the keywords itself, the raw's sidecar is still the raw's.
  const embedded = await engine.export.xmp({ ...XMP, naming: 'base', embed: true });
  const jpegResult = embedded.files.find((f) => f.path.endsWith('.JPG') && f.kind === 'original');
  assert.equal(jpegResult?.action, 'update');
  assert.deepEqual(list(await readBack(join(folder, 'IMG_5952.JPG')), 'IPTC:Keywords'), [
    'Animals',
    'Bird',
    'Heron',
  ]);
  assert.deepEqual((await readdir(folder)).sort(), [
    'IMG_5952.CR2',
    'IMG_5952.JPG',
    'IMG_5952.xmp',
  ]);
});

test("shown apart, each file keeps its own keywords: the JPEG never writes into the raw's sidecar", async () => {
  const labels = { 'IMG_5952.CR2': HERON, 'IMG_5952.JPG': DUCK };
  const { engine, folder, photos, ids } = await pairLibrary('apart', labels, true);
  assert.deepEqual(photos, ['IMG_5952.CR2', 'IMG_5952.JPG']);
  // Exporting the raw alone never hands its keywords to the JPEG, a photo of its own here.
  const rawOnly = await engine.export.xmp({ ...XMP, fileIds: [ids.get('IMG_5952.CR2') as number] });
  assert.deepEqual(
    rawOnly.files.map((file) => file.target.slice(folder.length + 1)),
    ['IMG_5952.CR2.xmp'],
  );
  await rm(join(folder, 'IMG_5952.CR2.xmp'));
  const base = await engine.export.xmp({ ...XMP, naming: 'base' });
  assert.deepEqual(
    base.files.map((file) => [file.path.slice(folder.length + 1), file.action]),
    [
      ['IMG_5952.CR2', 'create'],
      ['IMG_5952.JPG', 'skipped'],
    ],
  );
  assert.deepEqual(immichTags(await readBack(join(folder, 'IMG_5952.xmp'))), [HERON]);
  const ext = await engine.export.xmp(XMP);
  assert.equal(ext.summary.created, 2);
  assert.deepEqual(immichTags(await readBack(join(folder, 'IMG_5952.CR2.xmp'))), [HERON]);
  assert.deepEqual(immichTags(await readBack(join(folder, 'IMG_5952.JPG.xmp'))), [DUCK]);
});
