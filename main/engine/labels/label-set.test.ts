import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  ancestorsOf,
  DEFAULT_TEMPLATES,
  LabelSetError,
  parentOf,
  parseLabelSet,
  readLabelSet,
} from './label-set';

test('the built-in shapes set is an exclusive set of the six shapes', async () => {
  const set = await readLabelSet(
    join(import.meta.dirname, '../../../assets/label-sets/shapes.json'),
  );
  assert.equal(set.mode, 'exclusive');
  assert.deepEqual(
    set.labels.map((label) => label.name),
    ['circle', 'square', 'triangle', 'star', 'cross', 'hexagon'],
  );
  assert.ok(set.templates.every((template) => template.includes('{}')));
});

test('plain text: indentation makes children and only the deepest labels are scored', () => {
  const set = parseLabelSet(
    '/sets/outlines.txt',
    '# shapes by outline\nShapes\n  Round\n    Circle\n\n  Angular\n    Square\n    Triangle\nStar\n',
  );
  assert.equal(set.name, 'outlines');
  assert.equal(set.mode, 'exclusive');
  assert.deepEqual(set.templates, DEFAULT_TEMPLATES);
  assert.deepEqual(
    set.labels.map((label) => [label.name, label.prompts]),
    [
      ['Shapes/Round/Circle', ['Circle']],
      ['Shapes/Angular/Square', ['Square']],
      ['Shapes/Angular/Triangle', ['Triangle']],
      ['Star', ['Star']],
    ],
  );
});

test('JSON: names with / make a hierarchy; prompts and thresholds are kept', () => {
  const set = parseLabelSet(
    '/sets/pets.json',
    JSON.stringify({
      name: 'Pets',
      mode: 'multi',
      labels: [
        { name: 'Animals / Dog', prompts: ['dog', 'puppy'], threshold: 0.25 },
        { name: 'Animals/Cat' },
        'Animals',
      ],
    }),
  );
  assert.equal(set.mode, 'multi');
  assert.deepEqual(set.labels, [
    { name: 'Animals/Dog', prompts: ['dog', 'puppy'], threshold: 0.25 },
    { name: 'Animals/Cat', prompts: ['Cat'], threshold: null },
  ]);
});

test('a broken label set names the file and what is wrong', () => {
  const cases: [string, RegExp][] = [
    ['{"labels": [', /is not valid JSON/],
    ['{"labels": []}', /"labels" must be a non-empty list/],
    ['{"mode": "all", "labels": ["a", "b"]}', /"mode" must be "exclusive" or "multi"/],
    ['{"templates": ["a photo"], "labels": ["a", "b"]}', /templates\[0\] must contain \{\}/],
    ['{"labels": ["a", {"name": "b", "threshold": 3}]}', /labels\[1\]\.threshold must be a number/],
    ['{"labels": ["a", {"name": "b", "prompts": []}]}', /labels\[1\]\.prompts must be a list/],
    ['{"labels": ["a", "a"]}', /label "a" is listed twice/],
    ['{"labels": ["a", "b//c"]}', /label "b\/\/c" has an empty level/],
  ];
  for (const [text, problem] of cases) {
    assert.throws(
      () => parseLabelSet('/sets/mine.json', text),
      (error: unknown) =>
        error instanceof LabelSetError &&
        error.message.startsWith('Label set /sets/mine.json: ') &&
        problem.test(error.message),
      text,
    );
  }
  assert.throws(
    () => parseLabelSet('/sets/mine.txt', '  A\n B\n'),
    /mine\.txt: line 2 is indented but has no label above it/,
  );
});

test('one label is a set: it is judged against "none of these" in either mode', () => {
  for (const mode of ['exclusive', 'multi']) {
    const set = parseLabelSet('/sets/one.json', JSON.stringify({ mode, labels: ['heron'] }));
    assert.deepEqual(
      set.labels.map((label) => label.name),
      ['heron'],
    );
  }
});

test('a missing file is a LabelSetError too', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'facet-labels-'));
  try {
    await assert.rejects(
      readLabelSet(join(dir, 'nope.json')),
      /nope\.json: cannot be read \(no such file\)/,
    );
    await writeFile(join(dir, 'ok.txt'), 'cat\ndog\n');
    assert.equal((await readLabelSet(join(dir, 'ok.txt'))).labels.length, 2);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('an escaped slash stays inside its level: "Bands/AC\\/DC" is AC/DC under Bands', () => {
  const set = parseLabelSet(
    '/sets/music.json',
    JSON.stringify({ name: 'Music', labels: [{ name: 'Bands/AC\\/DC' }, { name: 'Bands/Queen' }] }),
  );
  // One parent (Bands), never a bogus "Bands/AC\" level; the model reads the leaf as written.
  assert.deepEqual(
    set.labels.map((label) => [label.name, label.prompts]),
    [
      ['Bands/AC\\/DC', ['AC/DC']],
      ['Bands/Queen', ['Queen']],
    ],
  );
  assert.deepEqual(ancestorsOf('Bands/AC\\/DC/Live'), ['Bands', 'Bands/AC\\/DC']);
  assert.equal(parentOf('AC\\/DC'), null);
});
