// `facet clusters` on the sample photos: every photo is in one cluster or in the noise, the JSON
// has the shape DESIGN.md gives, and bad arguments are refused before any work.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { facetJson, fixtureLabels, runFacet, SHAPES } from './run-facet.fixture';

interface ClustersJson {
  readonly clusters: readonly { readonly name: string; readonly paths: readonly string[] }[];
  readonly noise: readonly string[];
  readonly duplicates: readonly { readonly paths: readonly string[] }[];
  readonly cut: number;
  readonly threshold: number;
}

let dir: string;
let library: string;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'facet-clusters-cli-'));
  library = join(dir, 'library');
  await facetJson(['index', SHAPES, '--library', library]);
});

after(async () => rm(dir, { recursive: true, force: true }));

test('facet clusters --json lists each photo once: in a named cluster or in the noise', async () => {
  const result = await facetJson<ClustersJson>(['clusters', '--library', library]);
  const { photos, bad } = await fixtureLabels();
  const readable = [...bad].filter(([, b]) => b.expected === 'ok').length;
  const listed = [...result.clusters.flatMap((c) => c.paths), ...result.noise];
  assert.equal(listed.length, photos.size + readable);
  assert.equal(new Set(listed).size, listed.length, 'no photo is listed twice');
  for (const path of photos.keys()) assert.ok(listed.includes(path), `${path} is listed`);
  assert.ok(result.clusters.length >= 20, `${result.clusters.length} clusters`);
  for (const cluster of result.clusters) {
    assert.ok(cluster.name.trim() !== '');
    assert.ok(cluster.paths.length >= 3);
  }
  assert.deepEqual(result.duplicates, [], 'the sample photos hold no copies');
  assert.equal(result.threshold, 0.95);
});

test('a finer cut gives more, smaller clusters and is kept for the library', async () => {
  const coarse = await facetJson<ClustersJson>(['clusters', '--library', library]);
  const finer = Number((coarse.cut / 2).toFixed(3));
  const fine = await facetJson<ClustersJson>([
    'clusters',
    '--library',
    library,
    '--cut',
    String(finer),
  ]);
  assert.ok(fine.noise.length > coarse.noise.length);
  assert.equal((await facetJson<ClustersJson>(['clusters', '--library', library])).cut, finer);
});

test('bad arguments are refused with exit code 2', async () => {
  for (const args of [
    ['clusters', '--cut', '1.5'],
    ['clusters', '--threshold', 'high'],
    ['clusters', 'somewhere'],
    ['clusters', '--colour', 'red'],
  ]) {
    const run = await runFacet([...args, '--library', library]);
    assert.equal(run.code, 2, args.join(' '));
    assert.match(run.stderr, /^facet: /);
    assert.equal(run.stdout, '');
  }
});
