// The live preview: the best photos for the words typed so far, found in one pass; a burst of
// keystrokes embeds the first and the last words only, and older requests answer null (dropped).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LabelScorer } from './label-scores';
import { LabelPreview, topRows } from './label-preview';
import { photoMatrix } from './photo-matrix';

const DIM = 4;

/** Photos pointing along one axis each (rows 0-3), the rest in between. */
function library() {
  const rows = 40;
  const vectors = new Float32Array(rows * DIM);
  for (let row = 0; row < rows; row++) {
    const axis = row % DIM;
    const lean = row < DIM ? 1 : 0.5 + (row % 7) / 20;
    for (let i = 0; i < DIM; i++) vectors[row * DIM + i] = i === axis ? lean : (1 - lean) / 3;
  }
  const ids = Int32Array.from({ length: rows }, (_, i) => i + 1);
  return photoMatrix('m', ids, [...ids].map(String), DIM, vectors);
}

/** A text tower that knows four words (one axis each) and takes `delay` ms per call. */
function slowTower(delay: number, calls: string[][]) {
  const words = ['heron', 'beach', 'receipt', 'sunset'];
  return async (texts: readonly string[]) => {
    calls.push([...texts]);
    await new Promise((done) => setTimeout(done, delay));
    return texts.map((text) => {
      const v = new Float32Array(DIM);
      const axis = words.findIndex((w) => text.includes(w));
      v[axis < 0 ? 0 : axis] = 1;
      return v;
    });
  };
}

test('topRows finds the k best in order, as a full sort would', () => {
  const values = Float32Array.from(
    { length: 5000 },
    (_, i) => (Math.sin(i * 12.9898) * 43758.5453) % 1,
  );
  const sorted = Array.from(values.keys()).sort(
    (a, b) => (values[b] as number) - (values[a] as number),
  );
  assert.deepEqual(
    topRows(values, 24).map((r) => r.row),
    sorted.slice(0, 24),
  );
  assert.deepEqual(
    topRows(Float32Array.of(0.1, 0.3), 24).map((r) => r.row),
    [1, 0],
  );
});

test('a burst of keystrokes: older requests are dropped, the last one answers', async () => {
  const calls: string[][] = [];
  const scorer = new LabelScorer(library(), slowTower(30, calls), 100);
  const preview = new LabelPreview();
  const ask = (text: string) => preview.best(scorer, ['a photo of a {}.', 'a {}.'], [text], 3);
  const first = ask('r');
  await new Promise((done) => setTimeout(done, 5)); // 'r' is in the text tower now
  const answers = [first, ...['re', 'rec', 'rece', 'receipt'].map(ask)];
  await Promise.all(answers);
  // The first was already running; the three in between never reached the text tower.
  assert.deepEqual(await Promise.all(answers.slice(1, -1)), [null, null, null]);
  assert.equal(calls.length, 2, 'two text-tower runs for five keystrokes');
  // Both templates of the word go in one run.
  assert.deepEqual(calls[1], ['a photo of a receipt.', 'a receipt.']);
  assert.equal((await answers.at(-1))?.[0]?.row, 2, 'the receipt photo comes first');
  assert.equal(preview.superseded, 4, "'r' is dropped after its run, before the library pass");
  // The words seen lately are kept: going back to them runs no text tower.
  await preview.best(scorer, ['a photo of a {}.', 'a {}.'], ['receipt'], 3);
  assert.equal(calls.length, 2);
});
