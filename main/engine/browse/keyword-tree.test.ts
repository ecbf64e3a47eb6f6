// The keyword tree's counts on the sample photos with the demo model, after a few decisions: what
// the Photos filter shows beside each label, checked against the grid the same node filters to.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { after, before, test } from 'node:test';
import type { KeywordSet } from '../../../preload/contract/browse';
import type { LabelSetDetail, PhotoTag } from '../../../preload/contract/labels';
import { createEngine, type Engine } from '../engine';
import { keywordTree } from './keyword-tree';

const SHAPES = join(import.meta.dirname, '../../../e2e/fixtures/shapes');
const FOLDERS = [join(SHAPES, 'camera'), join(SHAPES, 'phone')];
const truth = JSON.parse(readFileSync(join(SHAPES, 'labels.json'), 'utf8')) as Record<
  string,
  { shape: string }
>;
const shapeOf = (path: string) => truth[relative(SHAPES, path).split(sep).join('/')]?.shape;

let dir: string;
let engine: Engine;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'facet-keywords-'));
  engine = await createEngine({ libraryDir: join(dir, 'library'), indexAfterAdd: false });
  await engine.library.index(FOLDERS, {});
});
after(async () => {
  await engine.close();
  await rm(dir, { recursive: true, force: true });
});

const nodeOf = (sets: readonly KeywordSet[], setId: number, label: string) => {
  const node = sets.find((s) => s.id === setId)?.labels.find((n) => n.label === label);
  assert.ok(node, `the tree has ${label}`);
  return node;
};

test('each node counts the photos confirmed and waiting at it or below, as the grid filters them', async () => {
  const photos = (
    await engine.browse.photos({ filter: {}, sort: { key: 'name', descending: false } }, 0, 2000)
  ).rows;
  const set = await engine.labels.create('My taxonomy', 'multi');
  const paths = ['Shapes/Round/circle', 'Shapes/Angular/triangle', 'Shapes/Angular/square'];
  await engine.labels.edit(set.id, {
    kind: 'add-labels',
    labels: paths.map((path) => ({ path, prompts: null, threshold: null })),
  });
  const circles = photos.filter((p) => shapeOf(p.path) === 'circle').map((p) => p.id);
  const triangles = photos.filter((p) => shapeOf(p.path) === 'triangle').map((p) => p.id);
  const other = photos.find((p) => shapeOf(p.path) === 'star') as (typeof photos)[number];
  assert.ok(circles.length >= 2 && triangles.length >= 2 && other !== undefined);
  const decide = (fileIds: number[], label: string, state: 'confirmed' | 'rejected') =>
    engine.tags.decide({ fileIds, labelSetId: set.id, label, state });
  await decide(circles, 'Shapes/Round/circle', 'confirmed');
  await decide(triangles.slice(0, 2), 'Shapes/Angular/triangle', 'confirmed');
  await decide([other.id], 'Shapes/Round/circle', 'rejected');

  const tree = await engine.browse.keywords();
  const mine = tree.find((s) => s.id === set.id);
  assert.equal(mine?.name, 'My taxonomy');
  assert.deepEqual(
    mine?.labels.map((n) => n.label),
    [
      'Shapes',
      'Shapes/Angular',
      'Shapes/Angular/square',
      'Shapes/Angular/triangle',
      'Shapes/Round',
      'Shapes/Round/circle',
    ],
  );
  assert.deepEqual(nodeOf(tree, set.id, 'Shapes/Round/circle').levels, [
    'Shapes',
    'Round',
    'circle',
  ]);
  assert.equal(nodeOf(tree, set.id, 'Shapes/Round/circle').confirmed, circles.length);
  assert.equal(nodeOf(tree, set.id, 'Shapes/Angular/triangle').confirmed, 2);
  assert.equal(nodeOf(tree, set.id, 'Shapes/Angular').confirmed, 2);
  assert.equal(nodeOf(tree, set.id, 'Shapes').confirmed, circles.length + 2);
  // The model suggests some shapes on its own: the tree has photos waiting for a decision.
  assert.ok(
    (mine?.labels ?? []).some((n) => n.suggested > 0),
    'some suggestions wait',
  );

  const total = async (label: string, states?: ('confirmed' | 'suggested')[]) =>
    (
      await engine.browse.photos(
        {
          filter: { labels: [{ labelSetId: set.id, label }], ...(states ? { states } : {}) },
          sort: { key: 'name', descending: false },
        },
        0,
        1,
      )
    ).total;
  for (const node of mine?.labels ?? []) {
    assert.equal(await total(node.label, ['confirmed']), node.confirmed, `${node.label} confirmed`);
    assert.equal(await total(node.label), node.confirmed + node.suggested, `${node.label} in all`);
  }
  // The rejected photo counts nowhere under circle.
  const rejectedHasCircle = (await engine.tags.ofPhotos([other.id]))[other.id]?.some(
    (tag) => tag.label === 'Shapes/Round/circle' && tag.state !== 'rejected',
  );
  assert.equal(rejectedHasCircle, false);

  // Undoing the rejection and then the triangles takes their counts back.
  await engine.tags.undo();
  await engine.tags.undo();
  const again = await engine.browse.keywords();
  assert.equal(nodeOf(again, set.id, 'Shapes/Angular/triangle').confirmed, 0);
  assert.equal(nodeOf(again, set.id, 'Shapes/Round/circle').confirmed, circles.length);
});

test('a slash inside a level stays in that level; a photo counts once per node', () => {
  const detail = {
    id: 7,
    name: 'Music',
    labels: [{ path: 'Bands/AC\\/DC/Live', prompts: null, threshold: null }],
  } as unknown as LabelSetDetail;
  const tag = (label: string, state: PhotoTag['state']): PhotoTag => ({
    label,
    labelSetId: 7,
    labelSetName: 'Music',
    score: 0.9,
    state,
  });
  const tags = new Map<number, PhotoTag[]>([
    [1, [tag('Bands/AC\\/DC/Live', 'confirmed'), tag('Bands/AC\\/DC', 'confirmed')]],
    [2, [tag('Bands/AC\\/DC/Live', 'suggested')]],
    [3, [tag('Bands/AC\\/DC/Live', 'rejected')]],
  ]);
  const [music] = keywordTree([detail], tags);
  assert.deepEqual(
    music?.labels.map((n) => [n.label, n.levels, n.confirmed, n.suggested]),
    [
      ['Bands', ['Bands'], 1, 1],
      ['Bands/AC\\/DC', ['Bands', 'AC/DC'], 1, 1],
      ['Bands/AC\\/DC/Live', ['Bands', 'AC/DC', 'Live'], 1, 1],
    ],
  );
});
