// Editing one label re-scores the library by recomputing that label's column only, and gives
// exactly what scoring the edited set from scratch gives.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LabelSet } from './label-set';
import { LabelScorer, suggestedColumns } from './label-scores';
import { photoMatrix } from './photo-matrix';

const DIM = 32;

/** A deterministic unit vector per text: along the axis of its "wN" word, else a bit of every axis. */
function vectorOf(text: string): Float32Array {
  const vector = new Float32Array(DIM);
  let seed = 7;
  for (const ch of text) seed = (seed * 31 + ch.charCodeAt(0)) >>> 0;
  for (let i = 0; i < DIM; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    vector[i] = (seed / 2 ** 32 - 0.5) * 0.2;
  }
  const word = /\bw(\d+)/.exec(text);
  const bump = (axis: number, by: number) => (vector[axis] = (vector[axis] as number) + by);
  if (word !== null) bump(Number(word[1]) % DIM, 1);
  else for (let i = 0; i < 5; i++) bump(i, 0.45); // a generic photo: a bit of everything
  const norm = Math.hypot(...vector);
  return vector.map((x) => x / norm);
}

function library(rows: number) {
  const ids = new Int32Array(rows).map((_, i) => i + 1);
  const vectors = new Float32Array(rows * DIM);
  for (let r = 0; r < rows; r++) vectors.set(vectorOf(`photo ${r} w${r % 5}`), r * DIM);
  return photoMatrix(
    'm',
    ids,
    [...ids].map((id) => `/p/${id}.jpg`),
    DIM,
    vectors,
  );
}

function set(mode: 'exclusive' | 'multi', prompts: readonly string[][]): LabelSet {
  return {
    name: 'S',
    mode,
    templates: ['a photo of {}.', 'a {}.'],
    labels: prompts.map((p, i) => ({ name: `L${i}`, prompts: p, threshold: null })),
    file: 'S',
  };
}

for (const mode of ['exclusive', 'multi'] as const) {
  test(`${mode}: an edited label costs one column and scores as a fresh start would`, async () => {
    const matrix = library(400);
    const asked: string[][] = [];
    const embed = async (texts: readonly string[]) => {
      asked.push([...texts]);
      return texts.map(vectorOf);
    };
    const scorer = new LabelScorer(matrix, embed, 50);
    const before = set(mode, [['w0'], ['w1'], ['w2'], ['w3']]);
    await scorer.score(before);
    assert.equal(scorer.columnsComputed, 4);

    asked.length = 0;
    const edited = set(mode, [['w0'], ['w1'], ['w4', 'w2'], ['w3']]);
    const scores = await scorer.score(edited);
    assert.equal(scorer.columnsComputed, 5, 'one column recomputed');
    assert.deepEqual(asked, [['a photo of w4.', 'a w4.', 'a photo of w2.', 'a w2.']]);

    const fresh = await new LabelScorer(matrix, embed, 50).score(edited);
    assert.deepEqual(scores.scores, fresh.scores);
    assert.deepEqual(scores.thresholds, fresh.thresholds);
    // The edited label now also claims the photos its new word describes.
    const claimed = (word: number) =>
      [...matrix.ids.keys()].filter(
        (row) => row % 5 === word && suggestedColumns(scores, row).includes(2),
      ).length;
    assert.ok(claimed(4) > 40, `${claimed(4)} photos of w4 go to the edited label`);

    // A renamed label keeps its column.
    const renamed = {
      ...edited,
      labels: edited.labels.map((l, i) => (i === 0 ? { ...l, name: 'X' } : l)),
    };
    await scorer.score(renamed);
    assert.equal(scorer.columnsComputed, 5);
  });
}

test('exclusive mode always has "none of these": photos of something else get no label', async () => {
  const matrix = library(200);
  const scorer = new LabelScorer(matrix, async (texts) => texts.map(vectorOf), 50);
  const scores = await scorer.score(set('exclusive', [['w0'], ['w1']]));
  const rows = [...matrix.ids.keys()];
  const untagged = rows.filter((row) => suggestedColumns(scores, row).length === 0);
  assert.deepEqual(
    untagged,
    rows.filter((row) => row % 5 >= 2),
    'photos of w2..w4 get none, photos of the labels keep theirs',
  );
});

for (const mode of ['exclusive', 'multi'] as const)
  test(`${mode}: a label for something no photo shows tags nothing, alone or beside others`, async () => {
    const matrix = library(200);
    const scorer = new LabelScorer(matrix, async (texts) => texts.map(vectorOf), 50);
    const rows = [...matrix.ids.keys()];
    for (const prompts of [[['w9']], [['w0'], ['w9']], [['w9'], ['w1'], ['w2']]]) {
      const scores = await scorer.score(set(mode, prompts));
      const absent = prompts.findIndex((p) => p[0] === 'w9');
      const tagged = rows.filter((row) => suggestedColumns(scores, row).includes(absent));
      assert.deepEqual(tagged, [], `${JSON.stringify(prompts)}: w9 is suggested on no photo`);
      for (const [j, [word]] of prompts.entries()) {
        if (word === 'w9') continue;
        const n = Number(word?.slice(1));
        const recall = rows.filter(
          (row) => row % 5 === n && suggestedColumns(scores, row).includes(j),
        ).length;
        assert.equal(recall, 40, `${word} keeps its 40 photos`);
      }
      for (const column of scores.scores)
        for (const p of column) assert.ok(p >= 0 && p <= 1, 'scores are probabilities');
    }
  });
