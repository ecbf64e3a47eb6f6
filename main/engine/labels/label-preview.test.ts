// The live preview: the best photos for the words typed so far, found in one pass; a burst of
// keystrokes embeds the first and the last words only, and older requests answer null (dropped).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cosineColumn, LabelScorer } from './label-scores';
import { LabelPreview, nearestRows } from './label-preview';
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

test('the preview finds the best photos a full float pass would, in order', () => {
  const dim = 32;
  const rows = 3000;
  let seed = 7;
  const next = () => (seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5;
  const vectors = new Float32Array(rows * dim).map(next);
  for (let r = 0; r < rows; r++) {
    const row = vectors.subarray(r * dim, (r + 1) * dim);
    const norm = Math.hypot(...row);
    row.forEach((x, i) => (row[i] = x / norm));
  }
  const ids = Int32Array.from({ length: rows }, (_, i) => i + 10);
  const matrix = photoMatrix('m', ids, [...ids].map(String), dim, vectors);
  const query = vectors.slice(5 * dim, 6 * dim);
  const cosines = cosineColumn(matrix, query);
  const sorted = Array.from(cosines.keys()).sort(
    (a, b) => (cosines[b] as number) - (cosines[a] as number),
  );
  const best = nearestRows(matrix, query, 24);
  assert.deepEqual(
    best.map((r) => r.row),
    sorted.slice(0, 24),
  );
  assert.ok(Math.abs((best[0]?.score ?? 0) - 1) < 1e-5, 'the photo itself first, exactly');
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
