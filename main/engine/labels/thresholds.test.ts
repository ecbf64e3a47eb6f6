import assert from 'node:assert/strict';
import { test } from 'node:test';
import { labelThresholds } from './thresholds';

/** Deterministic normal samples (mulberry32 + Box-Muller), so failures can be replayed. */
function normals(seed: number) {
  let state = seed >>> 0;
  const uniform = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return (mean: number, sd: number) =>
    mean + sd * Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

/** `n` photos of which `matches` score around `hit`, the rest around `miss`. */
function label(
  draw: ReturnType<typeof normals>,
  n: number,
  matches: number,
  hit: [number, number],
  miss: [number, number],
) {
  return Array.from({ length: n }, (_, i) => (i < matches ? draw(...hit) : draw(...miss)));
}

function errors(scores: number[], matches: number, threshold: number): number {
  return scores.filter((score, i) => score >= threshold !== i < matches).length;
}

test('compressed cosines (the tiny model): matches at 0.27 are told from a wide spread below', () => {
  const draw = normals(1);
  // Misses spread widely but stay below 0.22, as the tiny model's do.
  const miss = (): number => {
    const x = draw(0.02, 0.07);
    return x < 0.22 ? x : miss();
  };
  const labels = [10, 25, 60, 110].map((matches) =>
    Array.from({ length: 200 }, (_, i) => (i < matches ? draw(0.274, 0.001) : miss())),
  );
  const thresholds = labelThresholds(
    labels,
    labels.map(() => null),
  );
  labels.forEach((scores, j) => {
    const matches = [10, 25, 60, 110][j] as number;
    assert.equal(
      errors(scores, matches, thresholds[j] as number),
      0,
      `label ${j}: ${thresholds[j]}`,
    );
  });
});

test('another scale (real CLIP-like): thresholds move with the scores', () => {
  const draw = normals(2);
  const labels = [15, 40].map((matches) => label(draw, 300, matches, [0.31, 0.012], [0.19, 0.02]));
  const thresholds = labelThresholds(labels, [null, null]);
  for (const threshold of thresholds)
    assert.ok(threshold > 0.22 && threshold < 0.29, `${threshold}`);
  assert.ok(errors(labels[0] as number[], 15, thresholds[0] as number) <= 3);
  assert.ok(errors(labels[1] as number[], 40, thresholds[1] as number) <= 6);
});

test('a label nothing matches tags nothing, even when its near-misses form a group', () => {
  const draw = normals(3);
  const matched = label(draw, 200, 30, [0.274, 0.001], [0.0, 0.06]);
  // Three photos resemble the label more than the rest, but far less than real matches do.
  const unmatched = label(draw, 200, 3, [0.17, 0.002], [0.0, 0.05]);
  const [, threshold] = labelThresholds([matched, unmatched], [null, null]);
  assert.equal(unmatched.filter((score) => score >= (threshold as number)).length, 0);
});

test('a threshold the label set gives is used as is', () => {
  const draw = normals(4);
  const scores = label(draw, 50, 5, [0.3, 0.01], [0.1, 0.05]);
  assert.deepEqual(labelThresholds([scores], [0.123]), [0.123]);
});
