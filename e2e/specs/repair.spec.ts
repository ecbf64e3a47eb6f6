// A library file damaged while the app was closed: the app says so with a "Repair library"
// button, and after the repair the photos, the label set and the tag decisions are back.
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { CallOutcome, FacetApi } from '../../preload/contract';
import { openDatabase } from '../../native/sqlite';
import { expect, test } from '../harness/app';
import { CAMERA, photosIn } from './fixture-paths';

const PAGE = 4096;

/** 4 KB of garbage over a page of the embeddings table (never page 1, the header). */
function damageEmbeddings(libraryDir: string): void {
  const file = join(libraryDir, 'library.db');
  const db = openDatabase(file, { readonly: true });
  const pages = db
    .prepare("SELECT pageno FROM dbstat WHERE name = 'embeddings' AND pageno > 1 ORDER BY pageno")
    .pluck()
    .all() as number[];
  db.close();
  expect(pages.length).toBeGreaterThan(0);
  const garbage = Buffer.from(Array.from({ length: PAGE }, (_, i) => (i * 151 + 7) % 256));
  const fd = openSync(file, 'r+');
  writeSync(fd, garbage, 0, PAGE, (pages.at(-1)! - 1) * PAGE);
  closeSync(fd);
}

test('a damaged library is repaired from the app with its photos, label set and decisions', async ({
  app,
}) => {
  test.setTimeout(240_000);
  const photos = photosIn(CAMERA).length;
  await app.waitForEvent('app-loaded');
  await app.chooseFolders([CAMERA]);
  await app.page.getByRole('button', { name: 'Add folder…' }).click();
  await app.waitUntilEmbedded(photos);

  // A label set and decisions on every photo: what a repair must never lose.
  const decisions = await app.page.evaluate(async () => {
    const facet = (globalThis as unknown as { facet: FacetApi }).facet;
    const ok = <T>(outcome: CallOutcome<T>): T => {
      if (!outcome.ok) throw new Error(outcome.error.message);
      return outcome.result;
    };
    const set = ok(await facet.invoke('labels:create', 'Kept', 'multi'));
    await facet.invoke('labels:edit', set.id, {
      kind: 'add-labels',
      labels: ['circle', 'square'].map((path) => ({ path, prompts: null, threshold: null })),
    });
    const page = ok(
      await facet.invoke(
        'browse:photos',
        { filter: {}, sort: { key: 'name', descending: false } },
        0,
        1000,
      ),
    );
    const ids = page.rows.map((row) => row.id);
    const half = ids.slice(0, Math.ceil(ids.length / 2));
    await facet.invoke('tags:decide', {
      fileIds: half,
      labelSetId: set.id,
      label: 'circle',
      state: 'confirmed',
    });
    await facet.invoke('tags:decide', {
      fileIds: ids,
      labelSetId: set.id,
      label: 'square',
      state: 'rejected',
    });
    return half.length + ids.length;
  });

  await app.restart(async (libraryDir) => damageEmbeddings(libraryDir));
  const page = app.page;
  const panel = page.getByTestId('repair-library');
  await expect(panel).toContainText(/The library .*library\.db is damaged/, { timeout: 60_000 });
  await expect(panel).toContainText('keeps a copy of the damaged file');
  await app.screenshot('repair-damaged');

  await panel.getByRole('button', { name: 'Repair library' }).click();
  const result = page.getByTestId('repair-result');
  await expect(result).toContainText(
    `saved ${decisions} tag decisions, 1 label set, ${photos} photos`,
    { timeout: 60_000 },
  );
  await expect(result).toContainText(/kept as .*library\.db\.damaged-/);
  await expect(page.getByTestId('status-library')).toContainText(`${photos} photos`);
  await expect(page.getByTestId('repair-library')).toHaveCount(0);
  // The lost embeddings are made again by the engine on its own.
  await app.waitUntilEmbedded(photos);
  await app.screenshot('repair-done');

  await expect(page.getByText(/is damaged/)).toHaveCount(0);
  // The history came through too: the last decision can still be undone.
  await expect(page.getByRole('button', { name: /^Undo: reject .square. on/ })).toBeVisible();
  await page.getByRole('button', { name: 'Labels' }).click();
  await expect(page.getByRole('combobox', { name: 'Label set' })).toContainText('Kept (2 labels)');
});
