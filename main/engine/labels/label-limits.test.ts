// Label sets stay usable whatever a file or a person types: a tree 1,000 deep is read in linear
// time, names over the limits or with control characters are refused with a clear message, the
// same from a label file, the editor and the command line.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createEngine, type Engine } from '../engine';
import { runFacet } from '../../cli/run-facet.fixture';
import { EXIT } from '../../cli/exit-codes';
import { MAX_LABEL_LEVEL, MAX_LABELS, parseLabelDocument } from './label-set';

let dir: string;
let engine: Engine;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'facet-label-limits-'));
  engine = await createEngine({ libraryDir: join(dir, 'library'), indexAfterAdd: false });
});
after(async () => {
  await engine.close();
  await rm(dir, { recursive: true, force: true });
});

/** A plain-text label file `depth` levels deep, each level indented one more space. */
const deepFile = (depth: number) =>
  Array.from({ length: depth }, (_, i) => `${' '.repeat(i)}L${i}`).join('\n');

async function importSeconds(depth: number): Promise<number> {
  const started = performance.now();
  const set = await engine.labels.import(`deep-${depth}.txt`, deepFile(depth));
  const seconds = (performance.now() - started) / 1000;
  assert.equal(set.labels.length, depth);
  const deepest = set.labels.at(-1)?.path ?? '';
  assert.equal(deepest.split('/').length, depth, 'the deepest label has every level');
  return seconds;
}

test('a plain-text label file 1,000 deep is imported in linear time', async () => {
  const small = await importSeconds(250);
  const large = await importSeconds(1000);
  console.log(`label file 250 deep: ${small.toFixed(3)} s; 1,000 deep: ${large.toFixed(3)} s`);
  assert.ok(large < 5, `1,000 deep took ${large.toFixed(1)} s`);
});

test('names too long, with control characters, or too many labels are refused from a file', () => {
  const refuse = (name: string, text: string, problem: RegExp) =>
    assert.throws(
      () => parseLabelDocument(name, text),
      (error: Error) => {
        assert.ok(error.message.startsWith(`Label set ${name}: `), error.message);
        assert.match(error.message, problem);
        return true;
      },
    );
  refuse('long.txt', 'x'.repeat(5 * 1024 * 1024), /too long \(5,242,880 characters, at most 256\)/);
  refuse(
    'escape.txt',
    'Cats\n\u001b[31mRed\u001b[0m',
    /"\\x1b\[31mRed\\x1b\[0m" holds a control character/,
  );
  refuse(
    'escape.json',
    JSON.stringify({ name: 'Bell\u0007', labels: ['a'] }),
    /"name".*control character/,
  );
  refuse(
    'many.json',
    JSON.stringify({ labels: Array.from({ length: MAX_LABELS + 1 }, (_, i) => `label ${i}`) }),
    /more than 100,000 labels/,
  );
  parseLabelDocument('at-limit.txt', 'y'.repeat(MAX_LABEL_LEVEL));
});

test('mixed tab and space indentation is refused with the line number', () => {
  assert.throws(
    () => parseLabelDocument('mixed.txt', 'Animals\n  Dog\n\tCat\n'),
    /mixed\.txt: line 3 is indented with tabs but line 2 with spaces/,
  );
  assert.throws(
    () => parseLabelDocument('both.txt', 'Animals\n \tDog\n'),
    /line 2 is indented with both tabs and spaces/,
  );
  assert.throws(
    () => parseLabelDocument('between.txt', 'Animals\n    Dog\n  Cat\n'),
    /line 3 is indented 2 but no label above it is/,
  );
  const tabs = parseLabelDocument('tabs.txt', 'Animals\n\tDog\n\t\tPuppy\n\tCat\nPlants\n');
  assert.deepEqual(
    tabs.nodes.map((node) => node.name),
    ['Animals', 'Animals/Dog', 'Animals/Dog/Puppy', 'Animals/Cat', 'Plants'],
  );
});

test('the editor refuses the same names, with the same words', async () => {
  const set = await engine.labels.create('Editor', 'multi');
  const add = (path: string) =>
    engine.labels.edit(set.id, {
      kind: 'add-labels',
      labels: [{ path, prompts: null, threshold: null }],
    });
  await assert.rejects(add('a\u001b]0;owned\u0007'), /control character/);
  await assert.rejects(add('z'.repeat(300)), /too long \(300 characters, at most 256\)/);
  await assert.rejects(
    engine.labels.edit(set.id, { kind: 'rename-label', from: 'x', to: 'y\u0000' }),
    /control character/,
  );
  await assert.rejects(engine.labels.create('Bad\u009bname', 'multi'), /control character/);
  assert.deepEqual((await engine.labels.get(set.id)).labels, []);
});

test('facet labels import refuses a bad label file with exit code 2 and names it', async () => {
  const file = join(dir, 'escape.txt');
  await writeFile(file, 'Fine\n\u001b[2JCleared\n');
  const run = await runFacet(['labels', 'import', file, '--library', join(dir, 'cli-library')]);
  assert.equal(run.code, EXIT.usage, run.stderr);
  assert.ok(run.stderr.includes(file), run.stderr);
  assert.ok(!run.stderr.includes('\u001b'), 'the escape is not printed raw');
});
