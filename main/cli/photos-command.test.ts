import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, before, test } from 'node:test';
import { facetJson, runFacet, SHAPES } from './run-facet.fixture';

const SCANS = join(SHAPES, 'scans');
const SCREENSHOTS = join(SHAPES, 'screenshots');
let library: string;

before(async () => {
  library = await mkdtemp(join(tmpdir(), 'facet-photos-cli-'));
  await facetJson(['index', SCANS, SCREENSHOTS, '--library', library]);
});
after(() => rm(library, { recursive: true, force: true }));

interface Listing {
  total: number;
  photos: { id: number; path: string; taken: number | null }[];
}

test('facet photos lists the library as the grid orders it, and narrows to a folder', async () => {
  const all = await facetJson<Listing>(['photos', '--sort', 'name', '--library', library]);
  const names = all.photos.map((photo) => basename(photo.path).toLowerCase());
  assert.ok(all.total > 2);
  assert.equal(all.photos.length, all.total);
  assert.deepEqual(names, [...names].sort());

  const folder = join(SCANS, 'old');
  const inside = await facetJson<Listing>(['photos', '--folder', folder, '--library', library]);
  assert.ok(inside.total > 0 && inside.total < all.total);
  assert.ok(inside.photos.every((photo) => photo.path.startsWith(`${folder}/`)));

  const newest = await facetJson<Listing>([
    'photos',
    '--sort',
    'date',
    '--desc',
    '--limit',
    '2',
    '--library',
    library,
  ]);
  assert.equal(newest.photos.length, 2);
  assert.ok((newest.photos[0]?.taken ?? 0) >= (newest.photos[1]?.taken ?? 0));
});

test('facet photos says what is wrong with a filter and exits 2', async () => {
  const unknown = await runFacet(['photos', '--label', 'Nothing:cat', '--library', library]);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /names no label set/);
  const sort = await runFacet(['photos', '--sort', 'size', '--library', library]);
  assert.equal(sort.code, 2);
  assert.match(sort.stderr, /--sort is one of score, date, name, folder/);
});
