// Decisions from the command line: `facet tag --keep`, `facet tags confirm|reject|undo`, and an
// export that says why it wrote nothing; sidecars read back with exiftool.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { copyPhoto, list, readBack } from '../engine/export/export-files.fixture';
import { facetJson, runFacet, SHAPES, SHAPES_SET } from './run-facet.fixture';

let work: string;
let library: string;
let photos: string;
let circle: string;

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'facet-tags-cli-'));
  library = join(work, 'library');
  photos = join(work, 'photos');
  // A yellow circle, a blue star and a black hexagon.
  circle = await copyPhoto(join(SHAPES, 'albums/2021/summer/DSC0240011.JPG'), photos, 'c.jpg');
  await copyPhoto(join(SHAPES, 'albums/2021/summer/DSC0240039.jpg'), photos, 's.jpg');
  await copyPhoto(join(SHAPES, 'albums/2021/summer/IMG_0240067.jpg'), photos, 'h.jpg');
  await facetJson(['index', photos, '--library', library, '--device', 'cpu']);
});
after(() => rm(work, { recursive: true, force: true }));

const exportXmp = () =>
  facetJson<{ summary: { photos: number }; why?: string }>(['export', 'xmp', '--library', library]);

test('a tag run keeps its set only with --keep, and an empty export says why', async () => {
  assert.match((await exportXmp()).why ?? '', /no label set.*--keep/);
  const run = await runFacet(['tag', photos, '--labels', SHAPES_SET, '--library', library]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stderr, /not kept in the library.*--keep/);
  assert.match((await exportXmp()).why ?? '', /no label set/);

  const kept = await facetJson<{ summary: { kept: string | null } }>([
    'tag',
    photos,
    '--labels',
    SHAPES_SET,
    '--keep',
    '--library',
    library,
  ]);
  assert.equal(kept.summary.kept, 'Shapes');
  const empty = await exportXmp();
  assert.equal(empty.summary.photos, 0);
  assert.match(empty.why ?? '', /no tag is confirmed.*--include-suggested/);
});

test('facet tags confirms and rejects on photos and folders, and undoes', async () => {
  const confirmed = await facetJson<{ changed: number }>([
    'tags',
    'confirm',
    circle,
    '--label',
    'Shapes:circle',
    '--library',
    library,
  ]);
  assert.equal(confirmed.changed, 1);
  assert.equal((await exportXmp()).summary.photos, 1);
  assert.deepEqual(list(await readBack(`${circle}.xmp`), 'XMP-dc:Subject'), ['circle']);

  const rejected = await facetJson<{ changed: number; photos: number }>([
    'tags',
    'reject',
    photos,
    '--label',
    'Shapes:circle',
    '--library',
    library,
  ]);
  assert.deepEqual([rejected.changed, rejected.photos], [3, 3]);
  await exportXmp();
  assert.deepEqual(list(await readBack(`${circle}.xmp`), 'XMP-dc:Subject'), []);

  const undo = await facetJson<{ undone: { description: string } | null }>([
    'tags',
    'undo',
    '--library',
    library,
  ]);
  assert.equal(undo.undone?.description, 'reject "circle" on 3 photos');
  await exportXmp();
  assert.deepEqual(list(await readBack(`${circle}.xmp`), 'XMP-dc:Subject'), ['circle']);
  const history = await facetJson<{ redo: { description: string } | null }>([
    'tags',
    'history',
    '--library',
    library,
  ]);
  assert.equal(history.redo?.description, 'reject "circle" on 3 photos');

  const unknown = await runFacet([
    'tags',
    'confirm',
    circle,
    '--label',
    'Nope:x',
    '--library',
    library,
  ]);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /names no label set/);
});
