// `facet tag`, `facet search` and `facet similar` on the 200 sample photos, through the real
// command line and engine host. The library is indexed once and shared by every test here.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { IndexReport, SearchResult, TagReport } from '../engine/engine-api';
import {
  COLOURS_SET,
  facetJson,
  fixtureLabels,
  runFacet,
  SHAPES,
  SHAPES_SET,
  type FixtureLabels,
} from './run-facet.fixture';

let work: string;
let library: string;
let labels: FixtureLabels;

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'facet-tag-'));
  library = join(work, 'library');
  labels = await fixtureLabels();
  await facetJson<IndexReport>(['index', SHAPES, '--library', library, '--device', 'cpu']);
});
after(() => rm(work, { recursive: true, force: true }));

/** `facet tag` over the sample photos with a label set file. */
function tagSamples(labelSet: string): Promise<TagReport> {
  return facetJson<TagReport>(['tag', SHAPES, '--labels', labelSet, '--library', library]);
}

function labelOf(path: string) {
  return labels.photos.get(path) ?? labels.bad.get(path);
}

/** Share of labelled photos whose best tag (ancestors set aside) is their `key` label. */
function topOneAccuracy(report: TagReport, key: 'shape' | 'colour', leaf = (l: string) => l) {
  let right = 0;
  let total = 0;
  for (const file of report.files) {
    const expected = labelOf(file.path)?.[key];
    if (expected === undefined || file.error !== null) continue;
    total++;
    const depth = Math.max(...file.tags.map((tag) => tag.label.split('/').length));
    const best = file.tags.find((tag) => tag.label.split('/').length === depth);
    if (best !== undefined && leaf(best.label) === expected) right++;
  }
  return { right, total, accuracy: right / total };
}

test('tag lists every photo once, gets shape and colour right and reports unreadable files', async () => {
  const run = await runFacet([
    'tag',
    SHAPES,
    '--labels',
    SHAPES_SET,
    '--library',
    library,
    '--json',
  ]);
  assert.equal(run.code, 0, run.stderr);
  const report = JSON.parse(run.stdout) as TagReport;

  const paths = report.files.map((file) => file.path);
  assert.equal(new Set(paths).size, paths.length, 'no photo is listed twice');
  assert.deepEqual(
    [...paths].sort(),
    [...labels.photos.keys(), ...labels.bad.keys()].sort(),
    'every photo of the folder is listed',
  );
  for (const [path, bad] of labels.bad) {
    const file = report.files.find((f) => f.path === path);
    if (bad.expected === 'error') {
      assert.ok(file?.error, `${path} is reported as unreadable`);
      assert.deepEqual(file?.tags, []);
    } else assert.equal(file?.error, null, `${path} is read`);
  }
  for (const file of report.files.filter((f) => f.error === null)) {
    assert.equal(file.candidates.length, 5, 'the 5 best candidates are listed by default');
    assert.ok(file.tags.length <= 1, 'an exclusive set suggests one label at most');
    for (const list of [file.tags, file.candidates]) {
      const scores = list.map((tag) => tag.score);
      assert.deepEqual(
        scores,
        [...scores].sort((a, b) => b - a),
        'best first',
      );
    }
    if (file.tags[0] !== undefined) assert.deepEqual(file.candidates[0], file.tags[0]);
  }
  assert.equal(report.summary.mode, 'exclusive');
  assert.equal(report.summary.labelSet, 'Shapes');
  assert.equal(report.summary.model, 'tiny-clip-shapes');
  assert.equal(report.summary.errors, 3);

  const shapes = topOneAccuracy(report, 'shape');
  const colours = topOneAccuracy(await tagSamples(COLOURS_SET), 'colour');
  console.log(
    `tag: shape ${shapes.right}/${shapes.total} (${(shapes.accuracy * 100).toFixed(1)}%), ` +
      `colour ${colours.right}/${colours.total} (${(colours.accuracy * 100).toFixed(1)}%)`,
  );
  assert.ok(shapes.accuracy >= 0.95, `shape accuracy ${shapes.accuracy}`);
  assert.ok(colours.accuracy >= 0.95, `colour accuracy ${colours.accuracy}`);
});

test('--top lists that many candidates', async () => {
  const report = await facetJson<TagReport>([
    'tag',
    join(SHAPES, 'camera'),
    '--labels',
    SHAPES_SET,
    '--top',
    '2',
    '--library',
    library,
  ]);
  assert.ok(report.files.length > 0);
  for (const file of report.files) assert.equal(file.candidates.length, 2);
});

test('a hierarchical set, JSON or indented plain text, also tags the ancestors', async () => {
  const json = join(work, 'hierarchy.json');
  await writeFile(
    json,
    JSON.stringify({
      name: 'Outlines',
      labels: [
        { name: 'Shapes/Round/circle', prompts: ['circle', 'round shape'] },
        { name: 'Shapes/Angular/square' },
        { name: 'Shapes/Angular/triangle' },
        { name: 'Shapes/Angular/hexagon' },
        { name: 'Shapes/Pointed/star' },
        { name: 'Shapes/Pointed/cross' },
      ],
    }),
  );
  const text = join(work, 'hierarchy.txt');
  await writeFile(
    text,
    'Shapes\n  Round\n    circle\n  Angular\n    square\n    triangle\n    hexagon\n' +
      '  Pointed\n    star\n    cross\n',
  );
  for (const file of [json, text]) {
    const report = await tagSamples(file);
    const leaf = (label: string) => label.split('/').pop() as string;
    const accuracy = topOneAccuracy(report, 'shape', leaf);
    console.log(
      `${file.endsWith('.txt') ? 'plain text' : 'JSON'} hierarchy: shape ${(accuracy.accuracy * 100).toFixed(1)}%`,
    );
    assert.ok(accuracy.accuracy >= 0.95, `shape accuracy ${accuracy.accuracy}`);
    const circle = report.files.find(
      (f) =>
        f.error === null &&
        labelOf(f.path)?.shape === 'circle' &&
        f.tags[0]?.label.endsWith('circle'),
    );
    assert.ok(circle, 'a circle is tagged Shapes/Round/circle');
    const tags = new Map(circle.tags.map((tag) => [tag.label, tag.score]));
    assert.equal(circle.tags[0]?.label, 'Shapes/Round/circle');
    assert.equal(
      tags.get('Shapes/Round'),
      tags.get('Shapes/Round/circle'),
      'parent scores as its best child',
    );
    assert.equal(tags.get('Shapes'), tags.get('Shapes/Round/circle'));
  }
});

test('multi mode tags background and colour independently, thresholds from the scores', async () => {
  const file = join(work, 'looks.json');
  const colours = ['red', 'orange', 'yellow', 'green', 'blue', 'purple', 'black', 'white'];
  const backgrounds = ['plain', 'striped', 'dotted', 'noisy'];
  await writeFile(
    file,
    JSON.stringify({
      name: 'Looks',
      mode: 'multi',
      templates: ['a photo of a {}.', 'a picture of a {}.', 'an image of a {}.', 'a {}.'],
      labels: [
        ...colours.map((c) => ({ name: `Colour/${c}`, prompts: [`${c} shape`] })),
        ...backgrounds.map((b) => ({
          name: `Background/${b}`,
          prompts: [`shape on a ${b} background`],
        })),
      ],
    }),
  );
  const report = await tagSamples(file);
  let colourRight = 0;
  let backgroundRight = 0;
  let wrongTags = 0;
  let photos = 0;
  for (const entry of report.files) {
    const expected = labels.photos.get(entry.path);
    if (expected === undefined) continue;
    photos++;
    const leaves = entry.tags.map((tag) => tag.label).filter((label) => label.includes('/'));
    const colour = leaves.filter((label) => label.startsWith('Colour/'));
    const background = leaves.filter((label) => label.startsWith('Background/'));
    if (colour.includes(`Colour/${expected.colour}`)) colourRight++;
    if (background.includes(`Background/${expected.background}`)) backgroundRight++;
    wrongTags +=
      leaves.length -
      (colour.includes(`Colour/${expected.colour}`) ? 1 : 0) -
      (background.includes(`Background/${expected.background}`) ? 1 : 0);
  }
  console.log(
    `multi mode: colour ${colourRight}/${photos}, background ${backgroundRight}/${photos}, wrong tags ${wrongTags}`,
  );
  assert.ok(colourRight / photos >= 0.95, `colour recall ${colourRight / photos}`);
  assert.ok(backgroundRight / photos >= 0.95, `background recall ${backgroundRight / photos}`);
  assert.ok(wrongTags <= photos * 0.05, `${wrongTags} wrong tags`);
  assert.equal(report.summary.mode, 'multi');
});

test('search finds red circles first; similar finds the photo itself, then look-alikes', async () => {
  const redCircles = [...labels.photos]
    .filter(([, l]) => l.colour === 'red' && l.shape === 'circle')
    .map(([path]) => path);
  const search = await facetJson<SearchResult>([
    'search',
    'a red circle',
    '--library',
    library,
    '--k',
    '5',
  ]);
  assert.equal(search.results.length, 5);
  const top = search.results.map((r) => r.path);
  // The library holds only a few red circles: all of them come first, then red things or circles.
  assert.deepEqual(new Set(top.slice(0, redCircles.length)), new Set(redCircles));
  for (const path of top.slice(redCircles.length)) {
    const l = labelOf(path);
    assert.ok(l?.colour === 'red' || l?.shape === 'circle', `${path} is red or a circle`);
  }
  // A query with many matches: most of its top 5 match both words.
  const blueStars = await facetJson<SearchResult>([
    'search',
    'a blue star',
    '--library',
    library,
    '--k',
    '5',
  ]);
  const matching = blueStars.results.filter((r) => {
    const l = labelOf(r.path);
    return l?.colour === 'blue' && l.shape === 'star';
  }).length;
  console.log(
    `search: red circles ${redCircles.length} of ${redCircles.length} first, blue stars ${matching}/5`,
  );
  assert.ok(matching >= 3, `${matching} of the top 5 are blue stars`);

  const photo = [...labels.photos.keys()][7] as string;
  const similar = await facetJson<SearchResult>([
    'similar',
    photo,
    '--library',
    library,
    '--k',
    '4',
  ]);
  assert.equal(similar.results[0]?.path, photo, 'the photo itself comes first');
  assert.ok((similar.results[0]?.score ?? 0) > 0.999);
  const mine = labelOf(photo);
  for (const result of similar.results.slice(1)) {
    const theirs = labelOf(result.path);
    assert.ok(
      theirs?.shape === mine?.shape || theirs?.colour === mine?.colour,
      `${result.path} shares the shape or colour of ${photo}`,
    );
  }
});

test('exclusive mode with "none of these" leaves photos of other shapes untagged', async () => {
  const file = join(work, 'two-shapes.json');
  await writeFile(
    file,
    JSON.stringify({
      name: 'Two',
      mode: 'exclusive',
      background: true,
      templates: ['a photo of a {}.', 'a picture of a {}.', 'an image of a {}.', 'a {}.'],
      labels: [{ name: 'circle' }, { name: 'square' }],
    }),
  );
  const report = await tagSamples(file);
  let kept = 0;
  let left = 0;
  let ours = 0;
  let others = 0;
  for (const entry of report.files) {
    const shape = labels.photos.get(entry.path)?.shape;
    if (shape === undefined) continue;
    if (shape === 'circle' || shape === 'square') {
      ours++;
      if (entry.tags[0]?.label === shape) kept++;
    } else {
      others++;
      if (entry.tags.length === 0) left++;
    }
  }
  console.log(
    `none of these: ${kept}/${ours} circles and squares kept, ${left}/${others} others untagged`,
  );
  assert.ok(kept / ours >= 0.95, `${kept} of ${ours} circles and squares keep their label`);
  assert.ok(left / others >= 0.9, `${left} of ${others} other shapes get no label`);
});
