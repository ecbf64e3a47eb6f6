import assert from 'node:assert/strict';
import { test } from 'node:test';
import { collapseNearDuplicates, suggestedCutoff } from './search-results';

// Photos 1, 2, 3 are one burst; 4 is another scene; 5 re-exports 4.
const alike = new Map([
  ['1-2', 0.99],
  ['1-3', 0.97],
  ['2-3', 0.98],
  ['4-5', 0.96],
]);
const similarity = (a: number, b: number) =>
  alike.get(`${Math.min(a, b)}-${Math.max(a, b)}`) ?? 0.5;
const hits = [
  { id: 2, score: 0.33 },
  { id: 4, score: 0.32 },
  { id: 1, score: 0.31 },
  { id: 5, score: 0.3 },
  { id: 3, score: 0.29 },
];

test('near-duplicates fold into the best-ranked photo of their group, with a count', () => {
  assert.deepEqual(collapseNearDuplicates(hits, similarity, 0.95), [
    { id: 2, score: 0.33, duplicates: [1, 3] },
    { id: 4, score: 0.32, duplicates: [5] },
  ]);
  // A stricter similarity keeps the re-export and the burst's odd frame apart.
  assert.deepEqual(
    collapseNearDuplicates(hits, similarity, 0.975).map((hit) => [hit.id, hit.duplicates]),
    [
      [2, [1, 3]],
      [4, []],
      [5, []],
    ],
  );
  assert.equal(collapseNearDuplicates(hits, similarity, 1).length, 5);
});

test('the first cut-off falls where the scores drop away, among those that stand out', () => {
  const distribution = { min: 0.1, max: 0.33, mean: 0.2, std: 0.03, bins: [1] };
  const scored = [0.33, 0.325, 0.32, 0.26, 0.255, 0.24, 0.21].map((score, id) => ({ id, score }));
  assert.equal(suggestedCutoff(distribution, scored), 0.32);
  // Nothing stands out (a wide spread): the best photo is still shown.
  assert.equal(suggestedCutoff({ ...distribution, std: 0.2 }, scored), 0.33);
  assert.equal(suggestedCutoff(null, scored), null);
  assert.equal(suggestedCutoff(distribution, []), null);
});
