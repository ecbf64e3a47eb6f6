// The taxonomy editor end to end: a label set typed from scratch with a live preview, a threshold
// set on the histogram, tags confirmed on picked photos, and the decisions still there after the
// engine (and the whole app) restarts on the same library.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from '../harness/app';
import { SCREENSHOT_DIR } from '../harness/modes';
import { SHAPES } from './fixture-paths';

interface HTMLImageLike {
  readonly complete: boolean;
  readonly naturalWidth: number;
}

interface EventLog {
  __facetEvents?: string[];
}

const mark = (page: Page) =>
  page.evaluate(() => (globalThis as EventLog).__facetEvents?.length ?? 0);
async function waitFor(page: Page, name: string, after = 0): Promise<void> {
  try {
    await page.waitForFunction(
      ([wanted, from]) => ((globalThis as EventLog).__facetEvents ?? []).indexOf(wanted, from) >= 0,
      [name, after] as const,
      { timeout: 60_000 },
    );
  } catch (error) {
    throw new Error(`The app never recorded "${name}"`, { cause: error });
  }
}
async function shot(page: Page, name: string) {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  // Thumbnails are made on first request: wait until those on the page have arrived.
  await page.waitForFunction(() =>
    Array.from(
      (globalThis as unknown as { document: { images: ArrayLike<HTMLImageLike> } }).document.images,
    ).every((image) => image.complete && image.naturalWidth > 0),
  );
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), animations: 'disabled' });
}

/** Opens the Labels view and waits for its sets to load. */
async function showLabels(page: Page) {
  const from = await mark(page);
  await page.getByTestId('view-labels').click();
  await waitFor(page, 'labels-loaded', from);
}

async function addLabel(page: Page, name: string) {
  const input = page.getByTestId('new-label-input');
  const from = await mark(page);
  await input.fill(name);
  await waitFor(page, 'labels-preview', from);
  const edited = await mark(page);
  await input.press('Enter');
  await waitFor(page, 'labels-edited', edited);
  await expect(input).toHaveValue('');
}

test('a label set typed in the editor tags photos, and confirmed tags survive a restart', async ({
  app,
}) => {
  test.setTimeout(240_000);
  let page = app.page;
  await waitFor(page, 'app-loaded');
  await app.chooseFolders([SHAPES]);
  await page.getByRole('button', { name: 'Add folder…' }).click();
  // Indexing runs in the background: wait until every readable photo has its embedding.
  await app.waitUntilEmbedded(200);

  await showLabels(page);
  await page.getByRole('button', { name: 'New label set' }).click();
  await page.getByTestId('new-set-name').fill('Shapes I shoot');
  let from = await mark(page);
  await page.getByRole('button', { name: 'Create' }).click();
  await waitFor(page, 'labels-set-opened', from);

  // While typing, the best matches for the words show up, before the label exists.
  const input = page.getByTestId('new-label-input');
  from = await mark(page);
  await input.fill('circ');
  await input.fill('circle');
  await expect(page.getByTestId('label-preview')).toContainText(
    'Photos that look most like “circle”',
  );
  await waitFor(page, 'labels-preview', from);
  await expect(page.getByTestId('preview-photos').locator('img')).toHaveCount(12);
  await shot(page, 'labels-preview');
  from = await mark(page);
  await input.press('Enter');
  await waitFor(page, 'labels-edited', from);
  for (const name of ['square', 'triangle', 'star']) await addLabel(page, name);
  await expect(page.getByTestId('label-tree').getByRole('treeitem')).toHaveCount(4);

  // The circle label: its histogram, and the line photos must reach.
  from = await mark(page);
  await page.getByTestId('label-tree').getByText('circle', { exact: true }).click();
  await waitFor(page, 'labels-scores', from);
  const summary = page.getByTestId('threshold-summary');
  await expect(summary).toContainText('photos get “circle”');
  await expect(page.getByText('Facet chose this line')).toBeVisible();
  const before = Number((await summary.locator('strong').textContent()) ?? '0');
  expect(before).toBeGreaterThan(0);

  const histogram = page.getByTestId('histogram');
  const box = await histogram.boundingBox();
  if (box === null) throw new Error('the histogram is not on screen');
  from = await mark(page);
  await histogram.click({ position: { x: box.width * 0.97, y: box.height / 2 } });
  await waitFor(page, 'labels-edited', from);
  await waitFor(page, 'labels-scores', from);
  await expect(page.getByRole('button', { name: 'Let Facet choose' })).toBeVisible();
  const after = Number((await summary.locator('strong').textContent()) ?? '0');
  expect(after).toBeLessThan(before);
  await shot(page, 'labels-threshold');

  // Undo takes the line back to Facet's choice; the next click sets it again.
  from = await mark(page);
  await page.getByRole('button', { name: 'Undo: line of circle' }).click();
  await waitFor(page, 'labels-undone', from);
  await expect(page.getByText('Facet chose this line')).toBeVisible();
  await expect(summary.locator('strong')).toHaveText(String(before));

  // Confirm "circle" on three picked photos.
  const best = page.getByTestId('best-photos').locator('.label-photo-button');
  for (let i = 0; i < 3; i++) await best.nth(i).click();
  await expect(page.getByTestId('decide-bar')).toContainText('3 picked');
  const picked = await page
    .getByTestId('best-photos')
    .locator('.label-photo-button img')
    .evaluateAll((images) => images.slice(0, 3).map((img) => img.getAttribute('alt')));
  from = await mark(page);
  await page.getByRole('button', { name: 'Confirm “circle”' }).click();
  await waitFor(page, 'labels-decided', from);
  await expect(page.getByTestId('labels-message')).toContainText('Confirmed “circle” on 3 photos');
  const confirmed = page.getByTestId('best-photos').locator('[data-decision="confirmed"]');
  await expect(confirmed).toHaveCount(3);
  await page.getByTestId('decide-bar').scrollIntoViewIfNeeded();
  await shot(page, 'labels-confirmed');

  // Restart: the engine and the app stop; a new one opens the same library.
  await app.restart();
  page = app.page;
  await waitFor(page, 'app-loaded');
  await showLabels(page);
  await expect(page.getByTestId('set-picker')).toContainText('Shapes I shoot');
  from = await mark(page);
  await page.getByTestId('label-tree').getByText('circle', { exact: true }).click();
  await waitFor(page, 'labels-scores', from);
  const again = page.getByTestId('best-photos').locator('[data-decision="confirmed"] img');
  await expect(again).toHaveCount(3);
  expect(
    (await again.evaluateAll((images) => images.map((img) => img.getAttribute('alt')))).sort(),
  ).toEqual([...picked].sort());
  await shot(page, 'labels-after-restart');
});
