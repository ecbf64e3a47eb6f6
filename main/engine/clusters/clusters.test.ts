// Clusters of the sample photos against their colour+shape labels, and clusters following the
// library as photos are added.
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { writeResizedCopy } from '../../../native/sharpness';
import type { MapPoint } from '../../../preload/contract/clusters';
import { createEngine, type Engine } from '../engine';
import { adjustedRandIndex, purity } from './agreement';

const SHAPES = resolve('e2e/fixtures/shapes');
const MODEL = resolve('assets/models/tiny-clip-shapes');

interface Labels {
  readonly [path: string]: { readonly colour: string; readonly shape: string };
}

let dir: string;
let photos: string;
let engine: Engine;
let truth: Map<string, string>;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'facet-clusters-'));
  photos = join(dir, 'photos');
  await cp(SHAPES, photos, { recursive: true, filter: (src) => !src.includes('/bad') });
  const labels = JSON.parse(await readFile(join(SHAPES, 'labels.json'), 'utf8')) as Labels;
  truth = new Map(
    Object.entries(labels)
      .filter(([path]) => path !== 'bad')
      .map(([path, l]) => [join(photos, path), `${l.colour} ${l.shape}`]),
  );
  engine = await createEngine({ libraryDir: join(dir, 'library'), modelDir: MODEL, device: 'cpu' });
  await engine.library.index([photos], {});
});

after(async () => {
  await engine.close();
  await rm(dir, { recursive: true, force: true });
});

test('clusters of the sample photos agree with their colour and shape', async () => {
  const overview = await engine.clusters.list();
  const clusterOf = new Map<string, string>();
  overview.clusters.forEach((c) => c.photos.forEach((p) => clusterOf.set(p.path, `c${c.id}`)));
  const paths = [...truth.keys()];
  const labels = paths.map((p) => truth.get(p) as string);
  // Noise counted as one cluster per photo (the strict reading) and left out (the usual one).
  const all = paths.map((p) => clusterOf.get(p) ?? `noise ${p}`);
  const clustered = paths.filter((p) => clusterOf.has(p));
  const figures = {
    clusters: overview.clusters.length,
    noise: overview.noise.length,
    ariAll: adjustedRandIndex(all, labels),
    purityAll: purity(all, labels),
    ariClustered: adjustedRandIndex(
      clustered.map((p) => clusterOf.get(p) as string),
      clustered.map((p) => truth.get(p) as string),
    ),
    purityClustered: purity(
      clustered.map((p) => clusterOf.get(p) as string),
      clustered.map((p) => truth.get(p) as string),
    ),
  };
  console.log('shapes clusters:', JSON.stringify(figures));
  assert.equal(overview.photos, 200);
  assert.ok(figures.ariClustered >= 0.8, `ARI of clustered photos ${figures.ariClustered}`);
  assert.ok(
    figures.purityClustered >= 0.9,
    `purity of clustered photos ${figures.purityClustered}`,
  );
  assert.ok(figures.ariAll >= 0.85, `ARI with noise as singletons ${figures.ariAll}`);
  assert.ok(figures.noise <= 40, `${figures.noise} photos left as noise`);
  assert.ok(figures.clusters >= 30 && figures.clusters <= 60, `${figures.clusters} clusters`);
});

test('clusters are named after what their photos show', async () => {
  const overview = await engine.clusters.list();
  const named = overview.clusters.filter((c) => {
    const label = truth.get(c.photos[0]?.path ?? '') ?? '';
    const [colour, shape] = label.split(' ');
    return c.name.includes(colour as string) || c.name.includes(shape as string);
  });
  const names = overview.clusters.map((c) => c.name);
  console.log('cluster names:', names.slice(0, 12).join(' | '));
  assert.equal(new Set(names).size, names.length, 'names are unique');
  assert.ok(
    named.length >= overview.clusters.length / 2,
    `${named.length} names say colour or shape`,
  );
});

test('the map places photos of one cluster together, and is cached', async () => {
  const map = await engine.clusters.map();
  assert.equal(map.points.length, 200);
  for (const p of map.points) assert.ok(Number.isFinite(p.x) && Number.isFinite(p.y));
  const distance = (a: MapPoint, b: MapPoint) => Math.hypot(a.x - b.x, a.y - b.y);
  let within = 0;
  let withinPairs = 0;
  let all = 0;
  let allPairs = 0;
  for (const [i, a] of map.points.entries())
    for (const b of map.points.slice(i + 1)) {
      all += distance(a, b);
      allPairs++;
      if (a.clusterId !== null && a.clusterId === b.clusterId) {
        within += distance(a, b);
        withinPairs++;
      }
    }
  const ratio = within / withinPairs / (all / allPairs);
  console.log(`map: photos of a cluster lie ${ratio.toFixed(2)} x the mean distance apart`);
  assert.ok(ratio < 0.3);
  assert.deepEqual(await engine.clusters.map(), map, 'the second call reads the cached layout');
});

test('a renamed cluster keeps its name, and new copies join their original cluster', async () => {
  const before = await engine.clusters.list();
  const target = before.clusters[0];
  assert.ok(target !== undefined);
  await engine.clusters.rename(target.id, 'My favourites');
  const original = target.photos[0]?.path as string;
  const copy = join(photos, 'copies', 'favourite-copy.jpg');
  await import('node:fs/promises').then((fs) => fs.mkdir(join(photos, 'copies')));
  await writeResizedCopy(original, copy, { scale: 0.8, quality: 85 });
  await engine.library.index([photos], {});
  const after = await engine.clusters.list();
  const renamed = after.clusters.find((c) => c.name === 'My favourites');
  assert.ok(renamed !== undefined, 'the name is kept');
  assert.equal(after.photos, 201);
  assert.ok(
    renamed.photos.some((p) => p.path === copy),
    `the copy joined ${relative(photos, original)}'s cluster`,
  );
  assert.equal(after.computedAt, before.computedAt, 'joined without recomputing everything');
  const map = await engine.clusters.map();
  const at = (path: string) => map.points.find((p) => p.path === path) as MapPoint;
  const xs = map.points.map((p) => p.x);
  const extent = Math.max(...xs) - Math.min(...xs);
  assert.equal(map.points.length, 201, 'the copy has a place on the map');
  assert.ok(Math.hypot(at(copy).x - at(original).x, at(copy).y - at(original).y) < extent / 10);
});

test('with label sets active, clusters take their names from the labels', async () => {
  await engine.labels.addBuiltIn('shapes');
  await engine.labels.addBuiltIn('colours');
  // Labels for what no sample shows never name a cluster, however close their text comes.
  const absent = {
    name: 'Wildlife',
    mode: 'multi',
    labels: [{ name: 'heron' }, { name: 'giraffe' }],
  };
  await engine.labels.import('wildlife.json', JSON.stringify(absent));
  const overview = await engine.clusters.list();
  const unrelated = overview.clusters.filter((c) => /heron|giraffe/i.test(c.name));
  assert.deepEqual(
    unrelated.map((c) => c.name),
    [],
    'no cluster is named after an absent label',
  );
  const right = overview.clusters.filter((c) => {
    const counts = new Map<string, number>();
    for (const p of c.photos) {
      const label = truth.get(p.path);
      if (label !== undefined) counts.set(label, (counts.get(label) ?? 0) + 1);
    }
    const majority = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
    return majority.split(' ').every((word) => c.name.split(' ').includes(word));
  });
  console.log(
    `names from label sets: ${right.length}/${overview.clusters.length} say the majority's colour and shape;`,
    overview.clusters
      .slice(0, 10)
      .map((c) => c.name)
      .join(' | '),
  );
  assert.ok(
    overview.clusters.some((c) => c.name === 'My favourites'),
    'a user-given name stays',
  );
  assert.ok(right.length >= overview.clusters.length * 0.6);
});

test('a cluster becomes a label confirmed on its photos in one action', async () => {
  const before = await engine.clusters.list();
  const cluster = before.clusters[1];
  assert.ok(cluster !== undefined);
  const result = await engine.clusters.toLabel(cluster.id, null);
  assert.equal(result.label, cluster.name);
  assert.equal(result.tagged, cluster.photos.length);
  const set = (await engine.labels.list()).find((s) => s.id === result.labelSetId);
  assert.equal(set?.name, 'Clusters');
  const tags = await engine.tags.ofPhotos(cluster.photos.map((p) => p.id));
  for (const photo of cluster.photos)
    assert.ok(
      tags[photo.id]?.some((t) => t.label === cluster.name && t.state === 'confirmed'),
      `${photo.path} is tagged ${cluster.name}`,
    );
  // Labels made from clusters do not rename the clusters they came from.
  const after = await engine.clusters.list();
  assert.deepEqual(
    after.clusters.map((c) => c.name),
    before.clusters.map((c) => c.name),
  );
});

test('many photos added at once recompute the clusters, keeping names users gave', async () => {
  const before = await engine.clusters.list();
  const folder = join(photos, 'many-copies');
  await import('node:fs/promises').then((fs) => fs.mkdir(folder));
  const sources = [...truth.keys()].slice(0, 25);
  for (const [i, source] of sources.entries())
    await writeResizedCopy(source, join(folder, `copy-${i}.jpg`), { scale: 0.9, quality: 90 });
  await engine.library.index([photos], {});
  const after = await engine.clusters.list();
  assert.equal(after.photos, before.photos + sources.length);
  assert.ok((after.computedAt ?? 0) > (before.computedAt ?? 0), 'recomputed from scratch');
  assert.ok(after.clusters.some((c) => c.name === 'My favourites' && c.named));
});
