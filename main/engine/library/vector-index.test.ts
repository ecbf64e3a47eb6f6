import assert from 'node:assert/strict';
import { test } from 'node:test';
import { VectorIndex } from './vector-index';

/** Unit vectors in clusters, like photo embeddings: near ties make a sloppy scan misrank. */
function clustered(n: number, dim: number, seed = 7): Float32Array {
  let s = seed;
  const random = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648 - 0.5;
  };
  const centres = Array.from({ length: 50 }, () => Float32Array.from({ length: dim }, random));
  const vectors = new Float32Array(n * dim);
  for (let r = 0; r < n; r++) {
    const centre = centres[r % centres.length] as Float32Array;
    let norm = 0;
    for (let i = 0; i < dim; i++) {
      const v = (centre[i] as number) + 0.15 * random();
      vectors[r * dim + i] = v;
      norm += v * v;
    }
    for (let i = 0; i < dim; i++)
      vectors[r * dim + i] = (vectors[r * dim + i] as number) / Math.sqrt(norm);
  }
  return vectors;
}

function exactRanking(vectors: Float32Array, dim: number, query: Float32Array): number[] {
  const n = vectors.length / dim;
  const scores = Array.from({ length: n }, (_, r) => {
    let dot = 0;
    for (let i = 0; i < dim; i++) dot += (vectors[r * dim + i] as number) * (query[i] as number);
    return dot;
  });
  return scores
    .map((score, r) => ({ r, score }))
    .sort((a, b) => b.score - a.score)
    .map((x) => x.r);
}

test('search ranks photos exactly as a full float scan does, with exact scores', () => {
  const dim = 512;
  const n = 20_000;
  const vectors = clustered(n, dim);
  const ids = Int32Array.from({ length: n }, (_, r) => 1000 + r);
  const index = new VectorIndex(ids, vectors, dim);
  for (const probe of [3, 4_321, 19_999]) {
    const query = vectors.slice(probe * dim, (probe + 1) * dim);
    // A text-like query: the photo's direction blurred with another cluster's.
    for (let i = 0; i < dim; i++)
      query[i] =
        (query[i] as number) * 0.6 + (vectors[((probe + 7) % n) * dim + i] as number) * 0.4;
    const expected = exactRanking(vectors, dim, query)
      .slice(0, 20)
      .map((r) => 1000 + r);
    const { hits } = index.search(query, { k: 20 });
    assert.deepEqual(
      hits.map((hit) => hit.id),
      expected,
    );
    const first = hits[0];
    assert.ok(first !== undefined);
    let dot = 0;
    for (let i = 0; i < dim; i++)
      dot += (vectors[(first.id - 1000) * dim + i] as number) * (query[i] as number);
    assert.ok(Math.abs(first.score - dot) < 1e-5, `score ${first.score} vs ${dot}`);
  }
});

test('more like this leaves the photo itself out, and the histogram counts every photo', () => {
  const dim = 64;
  const n = 3_000;
  const vectors = clustered(n, dim, 11);
  const ids = Int32Array.from({ length: n }, (_, r) => r + 1);
  const index = new VectorIndex(ids, vectors, dim);
  const self = index.vectorOf(42) as Float32Array;
  const plain = index.search(self, { k: 6 });
  assert.equal(plain.hits[0]?.id, 42);
  const others = index.search(self, { k: 5, exclude: new Set([42]), bins: 20 });
  assert.equal(others.hits.length, 5);
  assert.ok(others.hits.every((hit) => hit.id !== 42));
  assert.deepEqual(
    others.hits.map((h) => h.id),
    plain.hits.slice(1).map((h) => h.id),
  );
  const distribution = others.distribution;
  assert.ok(distribution !== null);
  assert.equal(
    distribution.bins.reduce((a, b) => a + b, 0),
    n,
  );
  assert.ok(distribution.max > distribution.mean && distribution.mean > distribution.min);
});

test('a query over 100,000 stored 512-d embeddings answers in a few milliseconds', () => {
  const dim = 512;
  const n = 100_000;
  const vectors = clustered(n, dim, 3);
  const index = new VectorIndex(
    Int32Array.from({ length: n }, (_, r) => r),
    vectors,
    dim,
  );
  const query = vectors.slice(0, dim);
  index.search(query, { k: 50 }); // warm: pages of the int8 copy are touched once
  const times: number[] = [];
  for (let i = 0; i < 9; i++) {
    const start = performance.now();
    index.search(query, { k: 50, bins: 40 });
    times.push(performance.now() - start);
  }
  const median = times.sort((a, b) => a - b)[4] as number;
  // 1,000,000 embeddings take ten times this (npm run bench:search); the issue asks < 50 ms.
  assert.ok(median < 20, `median ${median.toFixed(1)} ms`);
});

test('an empty library or a query of the wrong size is answered plainly', () => {
  const empty = new VectorIndex(new Int32Array(0), new Float32Array(0), 64);
  assert.deepEqual(empty.search(new Float32Array(64), { k: 10 }).hits, []);
  const index = new VectorIndex(Int32Array.of(1), new Float32Array(64).fill(0.125), 64);
  assert.throws(() => index.search(new Float32Array(32), { k: 1 }), /32 dimensions.*64/);
});
