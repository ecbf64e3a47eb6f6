// A label hierarchy stays consistent through every decision (read back from the sidecar with
// exiftool after each), every decision is one step of a history kept in the library, and
// imported keywords stay on the photos that had them.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { openDatabase } from '../../../native/sqlite';
import { createEngine, type Engine } from '../engine';
import { copyPhoto, exiftoolCli, list, readBack, SHAPES } from '../export/export-files.fixture';

const MODEL = resolve('assets/models/tiny-clip-shapes');
// A yellow circle, a blue star and a black hexagon (e2e/fixtures/shapes/labels.json).
const PHOTOS = {
  circle: 'albums/2021/summer/DSC0240011.JPG',
  star: 'albums/2021/summer/DSC0240039.jpg',
  hexagon: 'albums/2021/summer/IMG_0240067.jpg',
} as const;
const OUTLINES = {
  name: 'Outlines',
  mode: 'exclusive',
  labels: [
    { name: 'Shapes/Round/circle', prompts: ['circle', 'round shape'] },
    { name: 'Shapes/Angular/square' },
    { name: 'Shapes/Angular/hexagon' },
    { name: 'Shapes/Pointed/star' },
  ],
};
const EXPORT = {
  fileIds: null,
  includeSuggested: true,
  sidecars: true,
  naming: 'ext',
  embed: false,
  keepBackup: true,
  dryRun: false,
} as const;

let dir: string;
let libraryDir: string;
let engine: Engine;
let setId: number;
const paths = new Map<string, string>();
const ids = new Map<string, number>();

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'facet-history-'));
  libraryDir = join(dir, 'library');
  for (const [name, source] of Object.entries(PHOTOS))
    paths.set(name, await copyPhoto(join(SHAPES, source), join(dir, 'photos'), `${name}.jpg`));
  engine = await createEngine({ libraryDir, modelDir: MODEL, device: 'cpu' });
  await engine.library.index([join(dir, 'photos')], {});
  const db = openDatabase(join(libraryDir, 'library.db'), { readonly: true });
  for (const [name, path] of paths)
    ids.set(name, db.prepare('SELECT id FROM files WHERE path = ?').pluck().get(path) as number);
  db.close();
  setId = (await engine.labels.import('outlines.json', JSON.stringify(OUTLINES))).id;
});
after(async () => {
  await engine.close();
  await rm(dir, { recursive: true, force: true });
});

const id = (name: string) => ids.get(name) as number;

/** Exports (suggestions included) and reads the circle photo's sidecar back with exiftool. */
async function circleSidecar(): Promise<{ subject: string[]; paths: string[] }> {
  await engine.export.xmp(EXPORT);
  const tags = await readBack(`${paths.get('circle')}.xmp`);
  return {
    subject: list(tags, 'XMP-dc:Subject').sort(),
    paths: list(tags, 'XMP-lr:HierarchicalSubject').sort(),
  };
}

async function circleTags(): Promise<string[]> {
  const tags = (await engine.tags.ofPhotos([id('circle')]))[id('circle')] ?? [];
  return tags.map((tag) => `${tag.label}=${tag.state}`).sort();
}

const decide = (label: string, state: 'confirmed' | 'rejected' | 'suggested') =>
  engine.tags.decide({ fileIds: [id('circle')], labelSetId: setId, label, state });

test('a hierarchy stays consistent through every decision, as the sidecar shows', async () => {
  const full = { subject: ['Round', 'Shapes', 'circle'], paths: ['Shapes|Round|circle'] };
  assert.deepEqual(await circleSidecar(), full, 'suggested: the whole path');

  await decide('Shapes/Round/circle', 'confirmed');
  assert.deepEqual(await circleTags(), [
    'Shapes/Round/circle=confirmed',
    'Shapes/Round=confirmed',
    'Shapes=confirmed',
  ]);
  assert.deepEqual(await circleSidecar(), full, 'confirmed: ancestors implied');

  await decide('Shapes', 'rejected');
  assert.deepEqual(await circleTags(), ['Shapes=rejected'], 'nothing below a rejected parent');
  assert.deepEqual(await circleSidecar(), { subject: [], paths: [] }, 'rejected: none written');

  // Confirming the child again is the user's latest word: the parent's rejection goes.
  await decide('Shapes/Round/circle', 'confirmed');
  assert.deepEqual(await circleSidecar(), full);
  await decide('Shapes/Round', 'rejected');
  assert.deepEqual(await circleTags(), ['Shapes/Round=rejected']);
  assert.deepEqual(await circleSidecar(), { subject: [], paths: [] });

  // No stored state has a confirmed label under a rejected one.
  const db = openDatabase(join(libraryDir, 'library.db'), { readonly: true });
  const broken = db
    .prepare(
      `SELECT COUNT(*) FROM tag_decisions c JOIN tag_decisions r USING (file_id, label_set_id)
       WHERE c.state = 'confirmed' AND r.state = 'rejected' AND c.label LIKE r.label || '/%'`,
    )
    .pluck()
    .get();
  db.close();
  assert.equal(broken, 0);

  const undone = await engine.tags.undo();
  assert.equal(undone?.description, 'reject "Round" on 1 photo');
  assert.deepEqual(await circleSidecar(), full, 'undo: the confirmed circle is back');
  assert.equal((await engine.tags.history()).redo?.description, 'reject "Round" on 1 photo');
  await engine.tags.redo();
  assert.deepEqual(await circleSidecar(), { subject: [], paths: [] }, 'redo: rejected again');
  await decide('Shapes/Round', 'suggested');
  assert.deepEqual(await circleSidecar(), full, 'cleared: suggested again');
});

test('the history survives a restart, and a bulk step is undone whole', async () => {
  const all = [id('circle'), id('star'), id('hexagon')];
  const changed = await engine.tags.decide({
    fileIds: all,
    labelSetId: setId,
    label: 'Shapes/Pointed/star',
    state: 'confirmed',
  });
  assert.equal(changed, 3);
  await engine.close();
  engine = await createEngine({ libraryDir, modelDir: MODEL, device: 'cpu' });
  const history = await engine.tags.history();
  assert.deepEqual(history.undo && [history.undo.description, history.undo.photos], [
    'confirm "star" on 3 photos',
    3,
  ]);
  assert.equal(history.redo, null, 'a new step ends the redo steps');
  await engine.tags.undo();
  const tags = await engine.tags.ofPhotos(all);
  for (const fileId of all)
    assert.ok(
      !tags[fileId]?.some((t) => t.label === 'Shapes/Pointed/star' && t.state === 'confirmed'),
    );
  assert.equal((await engine.tags.history()).undo?.description, 'clear "Round" on 1 photo');
  await engine.tags.redo();
  assert.equal((await engine.tags.history()).redo, null);
});

test('imported keywords stay on their photo, skip internal tags, and are one undoable step', async () => {
  // The star's sidecar, written by the first export, gains another app's keywords.
  await exiftoolCli([
    '-overwrite_original',
    '-XMP-lr:HierarchicalSubject+=Trips|Lisbon',
    '-XMP-lr:HierarchicalSubject+=darktable|format|jpg',
    '-XMP-lr:HierarchicalSubject+=darktable|changed',
    `${paths.get('star')}.xmp`,
  ]);
  const report = await engine.export.importKeywords({ fileIds: null, dryRun: false });
  const star = report.files.find((file) => file.path === paths.get('star'));
  assert.deepEqual(
    star?.labels.map((l) => `${l.labelSetName}:${l.label}`),
    ['Imported:Trips/Lisbon'],
  );
  const tags = await engine.tags.ofPhotos([id('circle'), id('star'), id('hexagon')]);
  const imported = (fileId: number) =>
    (tags[fileId] ?? []).filter((t) => t.labelSetName === 'Imported').map((t) => t.label);
  assert.deepEqual(imported(id('star')).sort(), ['Trips', 'Trips/Lisbon']);
  assert.deepEqual(imported(id('circle')), [], 'not suggested on a photo without it');
  assert.deepEqual(imported(id('hexagon')), []);
  await engine.export.xmp(EXPORT);
  const lisbon = (name: string) =>
    readBack(`${paths.get(name)}.xmp`).then((t) => list(t, 'XMP-dc:Subject').includes('Lisbon'));
  assert.equal(await lisbon('circle'), false, "another photo's keyword is not exported");

  assert.match((await engine.tags.undo())?.description ?? '', /^import keywords of \d+ photos?$/);
  assert.deepEqual(
    ((await engine.tags.ofPhotos([id('star')]))[id('star')] ?? []).filter(
      (t) => t.labelSetName === 'Imported',
    ),
    [],
  );
});
