// A SigLIP model (config.json "logit_bias") scores labels with its own sigmoid on top of the
// comparison with "none of these": a tag needs both to be more sure than not.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sigmoidScore } from '../clip/score-rule';
import type { LabelSet } from './label-set';
import { LabelScorer, suggestedColumns } from './label-scores';
import { photoMatrix } from './photo-matrix';

const DIM = 16;
const SCALE = 50;

/** A deterministic unit vector per text, along the axis of its "wN" word when it has one. */
function vectorOf(text: string): Float32Array {
  const vector = new Float32Array(DIM);
  let seed = 11;
  for (const ch of text) seed = (seed * 31 + ch.charCodeAt(0)) >>> 0;
  for (let i = 0; i < DIM; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    vector[i] = (seed / 2 ** 32 - 0.5) * 0.2;
  }
  const word = /\bw(\d+)/.exec(text);
  if (word !== null) vector[Number(word[1]) % DIM]! += 1;
  const norm = Math.hypot(...vector);
  return vector.map((x) => x / norm);
}

const rows = 60;
const ids = new Int32Array(rows).map((_, i) => i + 1);
const vectors = new Float32Array(rows * DIM);
for (let r = 0; r < rows; r++) vectors.set(vectorOf(`photo ${r} w${r % 3}`), r * DIM);
const matrix = photoMatrix('m', ids, [...ids].map(String), DIM, vectors);
const embed = async (texts: readonly string[]) => texts.map(vectorOf);

const labelSet = (mode: 'exclusive' | 'multi'): LabelSet => ({
  name: 'S',
  mode,
  templates: ['a photo of {}.'],
  labels: [
    { name: 'L0', prompts: ['w0'], threshold: null },
    { name: 'L1', prompts: ['w1'], threshold: null },
  ],
  file: 'S',
});

for (const mode of ['exclusive', 'multi'] as const) {
  test(`${mode}: the score is the lower of the background comparison and SigLIP's sigmoid`, async () => {
    const softmax = await new LabelScorer(matrix, embed, SCALE).score(labelSet(mode));
    const tagged = (scores: typeof softmax) =>
      [...ids.keys()].filter((row) => suggestedColumns(scores, row).length > 0).length;
    assert.ok(tagged(softmax) >= 30, `${tagged(softmax)} photos tagged by the softmax rule`);

    for (const bias of [-10, -60]) {
      const sigmoid = await new LabelScorer(matrix, embed, SCALE, bias).score(labelSet(mode));
      const rule = { scale: SCALE, bias };
      sigmoid.labels.forEach((label, j) => {
        const text = vectorOf(`a photo of ${label.prompts[0]}.`);
        for (let row = 0; row < rows; row++) {
          let cosine = 0;
          for (let i = 0; i < DIM; i++) cosine += vectors[row * DIM + i]! * text[i]!;
          const expected = Math.min(softmax.scores[j]![row]!, sigmoidScore(rule, cosine));
          assert.ok(Math.abs(sigmoid.scores[j]![row]! - expected) < 1e-5);
        }
      });
      // With bias -10 SigLIP agrees on the clear photos; at -60 (sigmoid below 0.5 for any cosine) it doubts every one of them.
      if (bias === -10) assert.equal(tagged(sigmoid), tagged(softmax));
      else assert.equal(tagged(sigmoid), 0);
    }
  });
}
