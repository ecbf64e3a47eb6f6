// The nearest-neighbour-chain average linkage gives the same merge heights as the textbook
// algorithm, and cutting the tree separates groups that are apart.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { averageLinkage, cutTree } from './linkage';
import { seededRandom } from './reduce';

function unitRows(count: number, dim: number, random: () => number): Float32Array {
  const rows = new Float32Array(count * dim).map(() => random() - 0.5);
  for (let r = 0; r < count; r++) {
    const row = rows.subarray(r * dim, r * dim + dim);
    const norm = Math.hypot(...row);
    row.forEach((v, i) => (row[i] = v / norm));
  }
  return rows;
}

/** Textbook average linkage: merge the closest pair of clusters, recompute, repeat. */
function naiveHeights(rows: Float32Array, count: number, dim: number): number[] {
  const sim = (a: number, b: number) => {
    let dot = 0;
    for (let i = 0; i < dim; i++)
      dot += (rows[a * dim + i] as number) * (rows[b * dim + i] as number);
    return dot;
  };
  let clusters = Array.from({ length: count }, (_, i) => [i]);
  const heights: number[] = [];
  while (clusters.length > 1) {
    let best = [0, 1, -Infinity] as [number, number, number];
    for (let a = 0; a < clusters.length; a++)
      for (let b = a + 1; b < clusters.length; b++) {
        let total = 0;
        for (const x of clusters[a] as number[])
          for (const y of clusters[b] as number[]) total += sim(x, y);
        const mean = total / ((clusters[a] as number[]).length * (clusters[b] as number[]).length);
        if (mean > best[2]) best = [a, b, mean];
      }
    heights.push(1 - best[2]);
    const merged = [...(clusters[best[0]] as number[]), ...(clusters[best[1]] as number[])];
    clusters = clusters.filter((_, i) => i !== best[0] && i !== best[1]).concat([merged]);
  }
  return heights.sort((a, b) => a - b);
}

test('merge heights equal those of the textbook algorithm', () => {
  const random = seededRandom(42);
  const count = 40;
  const dim = 6;
  const rows = unitRows(count, dim, random);
  const merges = averageLinkage(rows, new Array<number>(count).fill(1), dim);
  const heights = merges.map((m) => m.distance).sort((a, b) => a - b);
  const expected = naiveHeights(rows, count, dim);
  assert.equal(heights.length, count - 1);
  heights.forEach((h, i) => assert.ok(Math.abs(h - (expected[i] as number)) < 1e-5, `merge ${i}`));
});

test('cutting the tree separates two far-apart groups and keeps each whole', () => {
  const dim = 3;
  const near = (x: number, y: number, z: number) => {
    const n = Math.hypot(x, y, z);
    return [x / n, y / n, z / n];
  };
  const rows = Float32Array.from([
    ...near(1, 0.05, 0),
    ...near(1, -0.05, 0),
    ...near(1, 0, 0.05),
    ...near(0, 1, 0.05),
    ...near(0, 1, -0.05),
  ]);
  const merges = averageLinkage(rows, [1, 1, 1, 1, 1], dim);
  const clusters = Array.from(cutTree(5, merges, 0.3));
  assert.equal(clusters[0], clusters[1]);
  assert.equal(clusters[1], clusters[2]);
  assert.equal(clusters[3], clusters[4]);
  assert.notEqual(clusters[0], clusters[3]);
  assert.equal(new Set(cutTree(5, merges, 2)).size, 1, 'a cut above every merge joins all');
});
