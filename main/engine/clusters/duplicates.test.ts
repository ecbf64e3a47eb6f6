// Near-duplicates on the sample photos with planted copies: every copy is grouped with its
// original, nothing else is, and "keep the best, mark the rest" only marks.
import assert from 'node:assert/strict';
import { cp, mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { writeResizedCopy } from '../../../native/sharpness';
import { createEngine, type Engine } from '../engine';

const SHAPES = resolve('e2e/fixtures/shapes');
const MODEL = resolve('assets/models/tiny-clip-shapes');

/** Copies planted per original: re-encoded at the same size, and smaller re-encoded ones. */
const VARIANTS = [
  [{ scale: 1, quality: 70 }],
  [{ scale: 0.5, quality: 60 }],
  [{ scale: 0.75, quality: 85 }],
  [
    { scale: 0.6, quality: 75 },
    { scale: 1, quality: 90 },
  ],
  [{ scale: 0.5, quality: 80 }],
] as const;

let dir: string;
let photos: string;
let engine: Engine;
const planted: string[][] = [];

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'facet-duplicates-'));
  photos = join(dir, 'photos');
  await cp(SHAPES, photos, { recursive: true, filter: (src) => !src.includes('/bad') });
  const labels = JSON.parse(await readFile(join(SHAPES, 'labels.json'), 'utf8')) as Record<
    string,
    { width?: number; height?: number }
  >;
  // Originals large enough that a half-size copy is still a photo (not a 24-pixel smudge).
  const originals = Object.entries(labels)
    .filter(([path, l]) => path !== 'bad' && Math.min(l.width ?? 0, l.height ?? 0) >= 150)
    .map(([path]) => path)
    .sort()
    .filter((_, i) => i % 11 === 0)
    .slice(0, VARIANTS.length);
  await mkdir(join(photos, 'copies'));
  for (const [i, original] of originals.entries()) {
    const group = [join(photos, original)];
    for (const [k, variant] of (VARIANTS[i] ?? []).entries()) {
      const copy = join(photos, 'copies', `copy-${i}-${k}.jpg`);
      await writeResizedCopy(join(photos, original), copy, variant);
      group.push(copy);
    }
    planted.push(group.sort());
  }
  engine = await createEngine({ libraryDir: join(dir, 'library'), modelDir: MODEL, device: 'cpu' });
  await engine.library.index([photos], {});
});

after(async () => {
  await engine.close();
  await rm(dir, { recursive: true, force: true });
});

test('planted copies are grouped with their originals and nothing else is', async () => {
  const report = await engine.clusters.duplicates(null);
  const found = report.groups.map((g) => g.photos.map((p) => p.path).sort());
  console.log(
    `threshold ${report.threshold}: ${found.length} groups;`,
    report.groups.map((g) => `${g.photos.length} photos at ${g.similarity.toFixed(3)}`).join(', '),
  );
  assert.deepEqual(found.map((g) => g.join('\n')).sort(), planted.map((g) => g.join('\n')).sort());
  for (const group of report.groups) {
    const first = group.photos[0];
    assert.equal(first?.id, group.bestId, 'the photo to keep comes first');
    for (const photo of group.photos) {
      assert.ok(photo.width > 0 && photo.height > 0 && photo.bytes > 0 && photo.date > 0);
      assert.ok(photo.sharpness >= 0);
    }
  }
});

test('a stricter threshold groups fewer copies, a looser one is remembered', async () => {
  const strict = await engine.clusters.duplicates(0.999);
  const strictCount = strict.groups.reduce((n, g) => n + g.photos.length, 0);
  assert.ok(strictCount < planted.flat().length, `${strictCount} photos grouped at 0.999`);
  await engine.clusters.duplicates(0.97);
  assert.equal((await engine.clusters.duplicates(null)).threshold, 0.97);
});

test('keep the best, mark the rest: marks the smaller copies and deletes nothing', async () => {
  const report = await engine.clusters.duplicates(0.95);
  const marked = await engine.clusters.keepBest(
    report.groups.map((g) => g.photos.map((p) => p.id)),
  );
  assert.equal(marked, planted.flat().length - planted.length);
  const after = await engine.clusters.duplicates(null);
  for (const group of after.groups) {
    const kept = group.photos.filter((p) => !p.marked);
    assert.equal(kept.length, 1, 'one photo of each group stays unmarked');
    const keptPhoto = kept[0] as (typeof kept)[number];
    assert.equal(keptPhoto.id, group.bestId);
    const most = Math.max(...group.photos.map((p) => p.width * p.height));
    assert.equal(keptPhoto.width * keptPhoto.height, most, 'the kept photo has the most pixels');
  }
  for (const path of planted.flat()) assert.ok((await stat(path)).isFile(), `${path} still exists`);
  assert.equal(await engine.clusters.mark([after.groups[0]?.photos[1]?.id as number], false), 1);
});
