import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PhotoTag } from '../../../preload/contract/labels';
import { queryPhotos, type PhotoRecord } from './photo-query';

const photo = (id: number, path: string, taken: number | null = null): PhotoRecord => ({
  id,
  path,
  folder: path.slice(0, path.lastIndexOf('/')),
  name: path.slice(path.lastIndexOf('/') + 1),
  taken,
});
const tag = (
  label: string,
  score: number | null,
  state: PhotoTag['state'] = 'suggested',
  labelSetId = 1,
): PhotoTag => ({
  label,
  labelSetId,
  labelSetName: labelSetId === 1 ? 'Shapes' : 'Colours',
  score,
  state,
});

const photos = [
  photo(1, '/p/trip/IMG_10.jpg', 300),
  photo(2, '/p/trip/img_2.jpg', 100),
  photo(3, '/p/home/a.png', null),
  photo(4, '/p/home/sub/b.webp', 200),
];
const tags = new Map<number, PhotoTag[]>([
  [1, [tag('Animals/Bird/Heron', 0.31), tag('red', 0.28, 'confirmed', 2)]],
  [2, [tag('Animals/Dog', 0.27, 'confirmed')]],
  [3, [tag('Animals/Bird/Heron', 0.25, 'rejected')]],
  [4, [tag('Animals/Dog', 0.22), tag('red', 0.3, 'suggested', 2)]],
]);
const ids = (rows: readonly { id: number }[]) => rows.map((row) => row.id);
const byScore = { key: 'score', descending: true } as const;

test('any of / all of / none of the chosen labels, a parent matching its children', () => {
  const heron = { labelSetId: 1, label: 'Animals/Bird' };
  const dog = { labelSetId: 1, label: 'Animals/Dog' };
  const red = { labelSetId: 2, label: 'red' };
  assert.deepEqual(ids(queryPhotos(photos, tags, { labels: [heron, dog] }, byScore)), [1, 2, 4]);
  assert.deepEqual(
    ids(queryPhotos(photos, tags, { labels: [dog, red], labelMode: 'all' }, byScore)),
    [4],
  );
  // Photo 3's heron was rejected: it does not count, so the photo has none of them.
  assert.deepEqual(
    ids(
      queryPhotos(
        photos,
        tags,
        { labels: [heron], labelMode: 'none' },
        { key: 'name', descending: false },
      ),
    ),
    [3, 4, 2],
  );
  const rows = queryPhotos(
    photos,
    tags,
    { labels: [{ labelSetId: 1, label: 'Animals' }] },
    byScore,
  );
  assert.deepEqual(
    rows.map((row) => [row.id, row.label, row.score]),
    [
      [1, 'Animals/Bird/Heron', 0.31],
      [2, 'Animals/Dog', 0.27],
      [4, 'Animals/Dog', 0.22],
    ],
  );
});

test('states, score range, label set and folder narrow the grid', () => {
  assert.deepEqual(ids(queryPhotos(photos, tags, { states: ['confirmed'] }, byScore)), [1, 2]);
  assert.deepEqual(ids(queryPhotos(photos, tags, { states: ['rejected'] }, byScore)), [3]);
  assert.deepEqual(
    ids(queryPhotos(photos, tags, { minScore: 0.26, maxScore: 0.3 }, byScore)),
    [4, 1, 2],
  );
  assert.deepEqual(ids(queryPhotos(photos, tags, { labelSetId: 2 }, byScore)), [4, 1]);
  assert.deepEqual(
    ids(queryPhotos(photos, tags, { folder: '/p/home' }, { key: 'name', descending: false })),
    [3, 4],
  );
  assert.deepEqual(ids(queryPhotos(photos, tags, { folder: '/p/ho' }, byScore)), []);
});

test('sorts by date taken, name and folder; unknown dates go last either way', () => {
  const all = {};
  assert.deepEqual(
    ids(queryPhotos(photos, tags, all, { key: 'date', descending: false })),
    [2, 4, 1, 3],
  );
  assert.deepEqual(
    ids(queryPhotos(photos, tags, all, { key: 'date', descending: true })),
    [1, 4, 2, 3],
  );
  assert.deepEqual(
    ids(queryPhotos(photos, tags, all, { key: 'name', descending: false })),
    [3, 4, 1, 2],
  );
  assert.deepEqual(
    ids(queryPhotos(photos, tags, all, { key: 'folder', descending: false })),
    [3, 4, 1, 2],
  );
  assert.deepEqual(
    ids(queryPhotos(photos, tags, all, { key: 'folder', descending: true })),
    [2, 1, 4, 3],
  );
});

test('100,000 photos are filtered and sorted by name in well under a second', () => {
  const many = Array.from({ length: 100_000 }, (_, i) =>
    photo(i + 1, `/lib/${String(i % 250).padStart(3, '0')}/IMG_${(i * 7919) % 100_000}.jpg`, i),
  );
  const manyTags = new Map(
    many.map((p) => [p.id, [tag(p.id % 3 === 0 ? 'cat' : 'dog', (p.id % 100) / 100)]]),
  );
  const start = performance.now();
  const rows = queryPhotos(
    many,
    manyTags,
    { labels: [{ labelSetId: 1, label: 'cat' }] },
    { key: 'name', descending: false },
  );
  const ms = performance.now() - start;
  assert.equal(rows.length, 33_333);
  assert.ok(
    rows.every(
      (row, i) =>
        i === 0 ||
        (rows[i - 1] as { path: string }).path.split('/').pop()!.toLowerCase() <=
          row.path.split('/').pop()!.toLowerCase(),
    ),
  );
  assert.ok(ms < 1000, `${ms.toFixed(0)} ms`);
});
