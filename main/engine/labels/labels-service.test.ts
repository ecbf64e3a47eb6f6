// Label sets kept in the library, tagging the 200 sample photos through the engine: accuracy of
// the suggestions, hierarchy, multi mode, one-column re-scoring, and decisions that outlive
// edits, re-indexing, a model change and a restart.
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openDatabase } from '../../../native/sqlite';
import type { PhotoTag } from '../../../preload/contract/labels';
import {
  COLOURS_SET,
  fixtureLabels,
  SHAPES,
  SHAPES_SET,
  type FixtureLabels,
} from '../../cli/run-facet.fixture';
import { invokeEngine } from '../contract-handlers';
import { builtInModelDir, createEngine, type Engine } from '../engine';
import { LIBRARY_FILE } from '../library/library';

let work: string;
let libraryDir: string;
let engine: Engine;
let labels: FixtureLabels;
let pathOf: Map<number, string>;

const open = () =>
  createEngine({ libraryDir, modelDir: builtInModelDir(), device: 'cpu', indexAfterAdd: false });

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'facet-labels-'));
  libraryDir = join(work, 'library');
  labels = await fixtureLabels();
  engine = await open();
  await engine.library.index([SHAPES], { device: 'cpu' });
  const db = openDatabase(join(libraryDir, LIBRARY_FILE), { readonly: true });
  const rows = db.prepare('SELECT id, path FROM files').all() as { id: number; path: string }[];
  db.close();
  pathOf = new Map(rows.map((row) => [row.id, row.path]));
});
after(async () => {
  await engine.close();
  await rm(work, { recursive: true, force: true });
});

async function allTags(): Promise<Map<string, readonly PhotoTag[]>> {
  const byId = await engine.tags.ofPhotos([...pathOf.keys()]);
  return new Map(
    Object.entries(byId).map(([id, tags]) => [pathOf.get(Number(id)) as string, tags]),
  );
}

/** Share of labelled photos whose suggested tags (in `setId`) include `expected(photo)`. */
function recall(
  tags: Map<string, readonly PhotoTag[]>,
  setId: number,
  expected: (photo: { shape: string; colour: string; background: string }) => string,
) {
  let right = 0;
  for (const [path, photo] of labels.photos) {
    const mine = (tags.get(path) ?? []).filter((tag) => tag.labelSetId === setId);
    if (mine.some((tag) => tag.label === expected(photo))) right++;
  }
  return right / labels.photos.size;
}

test('imported label sets suggest the right shape and colour for at least 95 % of photos', async () => {
  const shapes = await engine.labels.import('shapes.json', await readFile(SHAPES_SET, 'utf8'));
  const colours = await engine.labels.import('colours.json', await readFile(COLOURS_SET, 'utf8'));
  const tags = await allTags();
  const shapeRecall = recall(tags, shapes.id, (p) => p.shape);
  const colourRecall = recall(tags, colours.id, (p) => p.colour);
  console.log(
    `suggestions: shape ${(shapeRecall * 100).toFixed(1)} %, colour ${(colourRecall * 100).toFixed(1)} %`,
  );
  assert.ok(shapeRecall >= 0.95, `shape ${shapeRecall}`);
  assert.ok(colourRecall >= 0.95, `colour ${colourRecall}`);
  // Exclusive mode: one suggestion per photo and set.
  for (const photoTags of tags.values())
    assert.ok(photoTags.filter((tag) => tag.labelSetId === shapes.id).length <= 1);
  await engine.labels.delete(colours.id);
});

test("the preview answers in the set's first template, or in all of them, each finding the shape", async () => {
  const shapes = await engine.labels.import('shapes.json', await readFile(SHAPES_SET, 'utf8'));
  assert.ok(shapes.templates.length > 1);
  const first = await engine.labels.preview(shapes.id, ['star'], 'first');
  const all = await engine.labels.preview(shapes.id, ['star'], 'all');
  for (const answer of [first, all]) {
    const stars = answer.slice(0, 10).filter((p) => labels.photos.get(p.path)?.shape === 'star');
    assert.ok(stars.length >= 9, `${stars.length} of the best 10 are stars`);
  }
  // Other texts reached the text tower: the same photos may lead, never with the same scores.
  assert.notDeepEqual(
    first.map((p) => p.score),
    all.map((p) => p.score),
  );
  await engine.labels.delete(shapes.id);
});

test('a plain-text tree suggests the ancestors too; export and import keep the tree', async () => {
  const text =
    'Shapes\n  Round\n    circle\n  Angular\n    square\n    triangle\n    hexagon\n  Pointed\n    star\n    cross\n';
  const tree = await engine.labels.import('outlines.txt', text);
  assert.equal(tree.name, 'outlines');
  assert.deepEqual(tree.labels.map((label) => label.path).slice(0, 3), [
    'Shapes',
    'Shapes/Round',
    'Shapes/Round/circle',
  ]);
  const tags = await allTags();
  const circle = [...labels.photos].find(([, p]) => p.shape === 'circle')?.[0] as string;
  const circleTags = (tags.get(circle) ?? []).filter((tag) => tag.labelSetId === tree.id);
  assert.deepEqual(
    circleTags.map((tag) => tag.label),
    ['Shapes/Round/circle', 'Shapes/Round', 'Shapes'],
  );
  assert.equal(circleTags[1]?.score, circleTags[0]?.score, 'a parent scores as its best child');

  for (const format of ['json', 'text'] as const) {
    const file = await engine.labels.export(tree.id, format);
    const copy = await engine.labels.import(file.fileName, file.text);
    assert.deepEqual(
      copy.labels.map((label) => label.path),
      tree.labels.map((label) => label.path),
      `${format} export keeps the tree`,
    );
    await engine.labels.delete(copy.id);
  }
  await engine.labels.delete(tree.id);
});

test('multi mode tags colour and background independently with thresholds from the scores', async () => {
  const set = await engine.labels.create('Looks', 'multi');
  const colours = ['red', 'orange', 'yellow', 'green', 'blue', 'purple', 'black', 'white'];
  const backgrounds = ['plain', 'striped', 'dotted', 'noisy'];
  await engine.labels.edit(set.id, {
    kind: 'set-options',
    templates: ['a photo of a {}.', 'a picture of a {}.', 'an image of a {}.', 'a {}.'],
  });
  await engine.labels.edit(set.id, {
    kind: 'add-labels',
    labels: [
      ...colours.map((c) => ({ path: `Colour/${c}`, prompts: [`${c} shape`], threshold: null })),
      ...backgrounds.map((b) => ({
        path: `Background/${b}`,
        prompts: [`shape on a ${b} background`],
        threshold: null,
      })),
    ],
  });
  const tags = await allTags();
  const colour = recall(tags, set.id, (p) => `Colour/${p.colour}`);
  const background = recall(tags, set.id, (p) => `Background/${p.background}`);
  console.log(
    `multi: colour ${(colour * 100).toFixed(1)} %, background ${(background * 100).toFixed(1)} %`,
  );
  assert.ok(colour >= 0.95, `colour ${colour}`);
  assert.ok(background >= 0.95, `background ${background}`);

  // A threshold set by hand above every score leaves that label on no photo.
  const scores = await engine.labels.scores(set.id, 'Colour/red');
  assert.equal(scores.derived, true);
  assert.ok(scores.above > 0 && scores.above < scores.photos);
  assert.equal(
    scores.histogram.counts.reduce((a, b) => a + b, 0),
    scores.photos,
  );
  assert.ok((scores.best[0]?.score ?? 0) >= scores.threshold);
  await engine.labels.edit(set.id, {
    kind: 'set-threshold',
    path: 'Colour/red',
    threshold: (scores.best[0]?.score ?? 0) + 0.001,
  });
  const raised = await engine.labels.scores(set.id, 'Colour/red');
  assert.equal(raised.above, 0);
  assert.equal(raised.derived, false);
  await engine.labels.delete(set.id);
});

test('decisions follow renames, come back on undo, and survive re-indexing, a model change and a restart', async () => {
  const set = await engine.labels.import('shapes.json', await readFile(SHAPES_SET, 'utf8'));
  const circles = (await engine.labels.scores(set.id, 'circle')).best.slice(0, 3).map((p) => p.id);
  const aSquare = (await engine.labels.scores(set.id, 'square')).best[0]?.id as number;
  assert.equal(
    await engine.tags.decide({
      fileIds: circles,
      labelSetId: set.id,
      label: 'circle',
      state: 'confirmed',
    }),
    3,
  );
  assert.equal(
    await engine.tags.decide({
      fileIds: [aSquare],
      labelSetId: set.id,
      label: 'square',
      state: 'rejected',
    }),
    1,
  );
  const stateOf = async (id: number, label: string) =>
    (await engine.tags.ofPhotos([id]))[id]?.find(
      (t) => t.labelSetId === set.id && t.label === label,
    )?.state;
  assert.equal(await stateOf(circles[0] as number, 'circle'), 'confirmed');
  assert.equal(await stateOf(aSquare, 'square'), 'rejected');

  // Moving the label under a new parent takes its decisions along; the parent is confirmed too.
  await engine.labels.edit(set.id, { kind: 'rename-label', from: 'circle', to: 'Round/circle' });
  assert.equal(await stateOf(circles[0] as number, 'Round/circle'), 'confirmed');
  assert.equal(await stateOf(circles[0] as number, 'Round'), 'confirmed');
  // Deleting hides them; the undo (adding the label back) brings them back.
  const removed = (await engine.labels.get(set.id)).labels.filter((l) =>
    l.path.startsWith('Round'),
  );
  await engine.labels.edit(set.id, { kind: 'delete-label', path: 'Round' });
  assert.equal(await stateOf(circles[0] as number, 'Round/circle'), undefined);
  await engine.labels.edit(set.id, { kind: 'add-labels', labels: removed });
  assert.equal(await stateOf(circles[0] as number, 'Round/circle'), 'confirmed');

  // Re-indexing, then another model (a copy of the demo model under another name), then a restart.
  await engine.library.index([SHAPES], { device: 'cpu' });
  const other = join(work, 'other-model');
  await cp(builtInModelDir(), other, { recursive: true });
  await engine.library.index([SHAPES], { device: 'cpu', modelDir: other });
  await engine.close();
  engine = await open();
  assert.equal(await stateOf(circles[0] as number, 'Round/circle'), 'confirmed');
  assert.equal(await stateOf(aSquare, 'square'), 'rejected');
  const status = await engine.library.summary();
  assert.ok((status.embedded['other-model'] ?? 0) > 0, 'the other model embedded the photos');

  // Undeciding returns the photo to a plain suggestion (or nothing).
  await engine.tags.decide({
    fileIds: [aSquare],
    labelSetId: set.id,
    label: 'square',
    state: 'suggested',
  });
  assert.notEqual(await stateOf(aSquare, 'square'), 'rejected');

  // All photos above a score at once.
  const triangles = await engine.labels.scores(set.id, 'triangle');
  const halfOrMore = triangles.histogram.counts.slice(20).reduce((a, b) => a + b, 0);
  assert.ok(halfOrMore > 0);
  const changed = await engine.labels.decideAbove(set.id, 'triangle', 0.5, 'confirmed');
  assert.equal(changed, halfOrMore, 'every photo at least half sure is confirmed');
  const best = triangles.best[0]?.id as number;
  assert.equal(await stateOf(best, 'triangle'), 'confirmed');
  await engine.labels.delete(set.id);
});

test('the page cannot send the engine a malformed edit or decision', async () => {
  const set = await engine.labels.create('Checked', 'multi');
  const refused = [
    ['labels:edit', [set.id, { kind: 'set-threshold', path: 'a', threshold: 3 }]],
    ['labels:edit', [set.id, { kind: 'drop-table' }]],
    [
      'labels:edit',
      [set.id, { kind: 'add-labels', labels: [{ path: '', prompts: null, threshold: null }] }],
    ],
    ['labels:create', ['', 'multi']],
    ['labels:create', ['Fine', 'sometimes']],
    ['labels:addBuiltIn', ['../../etc/passwd']],
    ['tags:decide', [{ fileIds: [], labelSetId: set.id, label: 'a', state: 'confirmed' }]],
    ['tags:decide', [{ fileIds: [1.5], labelSetId: set.id, label: 'a', state: 'confirmed' }]],
    ['labels:decideAbove', [set.id, 'a', 0.5, 'maybe']],
  ] as const;
  for (const [channel, args] of refused)
    await assert.rejects(
      invokeEngine(engine, channel, args),
      /Invalid call/,
      `${channel} ${JSON.stringify(args)}`,
    );
  // A well-formed call goes through, and the engine's own check names the problem.
  await assert.rejects(
    invokeEngine(engine, 'labels:edit', [
      set.id,
      { kind: 'set-options', templates: ['no placeholder'] },
    ]),
    /needs \{\} where the label's words go/,
  );
  const detail = await invokeEngine(engine, 'labels:edit', [
    set.id,
    { kind: 'add-labels', labels: [{ path: 'Sky / Sunset', prompts: null, threshold: null }] },
  ]);
  assert.deepEqual(
    detail.labels.map((label) => label.path),
    ['Sky', 'Sky/Sunset'],
  );
  await engine.labels.delete(set.id);
});
