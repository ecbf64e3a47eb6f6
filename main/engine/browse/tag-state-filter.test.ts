// The grid's tag-state filters and badges on the sample photos: "Needs review", "Confirmed" and
// "Rejected" pick the photos whose tags say so, page by page, and each row counts its own tags.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { PhotoFilter, PhotoRow } from '../../../preload/contract/browse';
import { createEngine, type Engine } from '../engine';

const CAMERA = join(import.meta.dirname, '../../../e2e/fixtures/shapes/camera');

let dir: string;
let engine: Engine;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'facet-tag-state-'));
  engine = await createEngine({ libraryDir: join(dir, 'library'), indexAfterAdd: false });
  await engine.library.index([CAMERA], {});
});
after(async () => {
  await engine.close();
  await rm(dir, { recursive: true, force: true });
});

/** Every row of a query, read in pages of `size` as the grid scrolls through them. */
async function rowsOf(filter: PhotoFilter, size = 7): Promise<PhotoRow[]> {
  const rows: PhotoRow[] = [];
  for (let offset = 0; ; offset += size) {
    const page = await engine.browse.photos(
      { filter, sort: { key: 'name', descending: false } },
      offset,
      size,
    );
    rows.push(...page.rows);
    if (offset + size >= page.total) {
      assert.equal(rows.length, page.total, 'the pages add up to the total');
      return rows;
    }
  }
}
const idsOf = (rows: readonly PhotoRow[]) => rows.map((row) => row.id).sort((a, b) => a - b);

test('needs review, confirmed and rejected filter by tag state, and the badges agree', async () => {
  const set = await engine.labels.addBuiltIn('shapes');
  const all = await rowsOf({});
  assert.ok(all.length >= 10);
  // Before any decision every photo the set suggests something for needs review.
  const waitingBefore = all.filter((row) => row.tags.waiting > 0);
  assert.ok(waitingBefore.length > 0);
  assert.ok(all.every((row) => row.tags.confirmed === 0 && row.tags.rejected === 0));
  assert.deepEqual(idsOf(await rowsOf({ states: ['suggested'] })), idsOf(waitingBefore));

  // Confirm what Facet suggests on three photos, reject it on two others.
  const [a, b, c, d, e] = waitingBefore as [PhotoRow, PhotoRow, PhotoRow, PhotoRow, PhotoRow];
  const suggested = (row: PhotoRow) => row.tags.top[0]?.label as string;
  for (const row of [a, b, c])
    await engine.tags.decide({
      fileIds: [row.id],
      labelSetId: set.id,
      label: suggested(row),
      state: 'confirmed',
    });
  for (const row of [d, e])
    await engine.tags.decide({
      fileIds: [row.id],
      labelSetId: set.id,
      label: suggested(row),
      state: 'rejected',
    });

  const after = await rowsOf({});
  const byId = new Map(after.map((row) => [row.id, row]));
  assert.deepEqual(idsOf(await rowsOf({ states: ['confirmed'] })), idsOf([a, b, c]));
  assert.deepEqual(idsOf(await rowsOf({ states: ['rejected'] })), idsOf([d, e]));
  const needsReview = await rowsOf({ states: ['suggested'] });
  assert.deepEqual(idsOf(needsReview), idsOf(after.filter((row) => row.tags.waiting > 0)));
  for (const row of [a, b, c]) {
    const now = byId.get(row.id) as PhotoRow;
    assert.equal(now.tags.confirmed, 1);
    assert.deepEqual(now.tags.top[0], { label: suggested(row), state: 'confirmed' });
  }
  for (const row of [d, e]) {
    const now = byId.get(row.id) as PhotoRow;
    assert.equal(now.tags.rejected, 1);
    // A rejected suggestion is never named nor counted as waiting.
    assert.ok(now.tags.top.every((tag) => tag.label !== suggested(row)));
  }
  // One label's review queue: photos where that label waits, none where it was decided.
  const label = suggested(a);
  const queue = await rowsOf({
    labelSetId: set.id,
    labels: [{ labelSetId: set.id, label }],
    states: ['suggested'],
  });
  assert.ok(!queue.some((row) => row.id === a.id));
  assert.ok(queue.every((row) => row.tags.waiting > 0));
});
