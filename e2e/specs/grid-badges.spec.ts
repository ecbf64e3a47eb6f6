// The grid shows each photo's tag state: badges after tagging, the tag-state filters, arrow keys,
// sort by score only with a label, and the grid kept on screen while a new order loads.
import type { Page, Route } from '@playwright/test';
import type { FacetApi } from '../../preload/contract';
import type { PhotoRow } from '../../preload/contract/browse';
import { expect, test, type FacetApp } from '../harness/app';
import { screenshotsAtSizes } from '../harness/screenshots';
import { CAMERA, photosIn } from './fixture-paths';

const cells = (page: Page) => page.getByTestId('photo-cell');

async function addCameraWithShapes(app: FacetApp): Promise<number> {
  const { page } = app;
  const total = photosIn(CAMERA).length;
  await app.addFolders([CAMERA], total);
  await page.getByRole('button', { name: 'Photos' }).first().click();
  await expect(cells(page).first()).toBeVisible();
  return total;
}

/** Every row of the grid's query as the engine answers it (ids and tag counts). */
const engineRows = (page: Page, filter: object) =>
  page.evaluate(async (f) => {
    const out = await (globalThis as unknown as { facet: FacetApi }).facet.invoke(
      'browse:photos',
      { filter: f, sort: { key: 'folder', descending: false } },
      0,
      2000,
    );
    if (!out.ok) throw new Error(out.error.message);
    return out.result.rows as PhotoRow[];
  }, filter);

const shownIds = (page: Page) =>
  cells(page).evaluateAll((list) => list.map((c) => Number(c.getAttribute('data-photo-id'))));

async function applyStates(page: Page, names: readonly string[], shot?: FacetApp) {
  await page.getByRole('button', { name: /Filter…|Change filter…/ }).click();
  for (const name of ['Needs review', 'Confirmed', 'Rejected']) {
    const box = page.getByRole('checkbox', { name, exact: true });
    if (names.includes(name)) await box.check();
    else await box.uncheck();
  }
  await shot?.screenshot('grid-tag-state-filter');
  await page.getByRole('button', { name: 'Apply' }).click();
}

test('badges after tagging, tag-state filters, arrow keys, sort by score, a steady grid', async ({
  app,
}) => {
  test.setTimeout(180_000);
  const { page } = app;
  const total = await addCameraWithShapes(app);
  // No label set yet: no photo carries a tag, so no badge.
  await expect(page.getByTestId('badge-waiting')).toHaveCount(0);
  await page.evaluate(async () => {
    const added = await (globalThis as unknown as { facet: FacetApi }).facet.invoke(
      'labels:addBuiltIn',
      'shapes',
    );
    if (!added.ok) throw new Error(added.error.message);
  });
  await page.reload();
  await app.waitForEvent('photos-loaded');
  // Every photo the set suggests something for shows the mark for suggestions waiting.
  const before = await engineRows(page, {});
  const waiting = before.filter((row) => row.tags.waiting > 0).length;
  expect(waiting).toBeGreaterThan(0);
  await expect(page.getByTestId('badge-waiting')).toHaveCount(
    await cells(page).evaluateAll(
      (list, ids) => list.filter((c) => ids.includes(Number(c.dataset.photoId))).length,
      before.filter((row) => row.tags.waiting > 0).map((row) => row.id),
    ),
  );

  // Confirm what Facet suggests on the first two photos and reject it on the third, as a user
  // would: select the photo, pick the tag, press the button.
  const suggestion = new Map(before.map((row) => [row.id, row.tags.top[0]?.label ?? null]));
  const decideOn = async (i: number, button: string) => {
    await cells(page).nth(i).click();
    const id = Number(await cells(page).nth(i).getAttribute('data-photo-id'));
    const label = suggestion.get(id);
    expect(label).toBeTruthy();
    await page.getByRole('combobox', { name: 'Keyword to tag' }).fill(label as string);
    await page.getByRole('option', { name: `${label} (Shapes)`, exact: true }).click();
    const mark = await app.eventMark();
    await page.getByRole('button', { name: button }).click();
    await app.waitForEvent('photos-loaded', { after: mark });
    return { id, label: label as string };
  };
  const first = await decideOn(0, 'Confirm on all');
  const second = await decideOn(1, 'Confirm on all');
  const third = await decideOn(2, 'Reject on all');
  const confirmedIds = [first.id, second.id];
  const rejectedId = third.id;
  for (const i of [0, 1])
    await expect(cells(page).nth(i).getByTestId('badge-confirmed')).toHaveText('✓ 1');
  await expect(page.getByTestId('badge-confirmed')).toHaveCount(2);
  // Decided photos wait for nothing more: their mark is gone.
  for (const i of [0, 1, 2])
    await expect(cells(page).nth(i).getByTestId('badge-waiting')).toHaveCount(0);

  // Captions name the top tags, and the choice is remembered.
  await page.getByRole('button', { name: 'Captions' }).click();
  await expect(cells(page).nth(0).getByTestId('cell-caption')).toContainText(first.label);
  await page.reload();
  await app.waitForEvent('photos-loaded');
  await expect(page.getByRole('button', { name: 'Captions' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(cells(page).first().getByTestId('cell-caption')).toBeVisible();
  await page.keyboard.press('Escape');
  await screenshotsAtSizes(app, 'grid-badges');

  // The tag-state filters give exactly the photos whose tags are in that state.
  await applyStates(page, ['Confirmed'], app);
  await expect(cells(page)).toHaveCount(2);
  expect((await shownIds(page)).sort()).toEqual([...confirmedIds].sort());
  await expect(page.getByTestId('filter-chip')).toHaveText(['Confirmed']);
  await applyStates(page, ['Rejected']);
  await expect(cells(page)).toHaveCount(1);
  expect(await shownIds(page)).toEqual([rejectedId]);
  await applyStates(page, ['Needs review']);
  const needing = (await engineRows(page, {})).filter((row) => row.tags.waiting > 0);
  await expect(page.getByTestId('photos-count')).toHaveText(`${needing.length} photos`);
  expect(needing.length).toBeLessThan(total);
  // Few enough to all be drawn: exactly those photos, each with its mark.
  await expect(cells(page)).toHaveCount(needing.length);
  expect((await shownIds(page)).sort()).toEqual(needing.map((row) => row.id).sort());
  await expect(page.getByTestId('badge-waiting')).toHaveCount(needing.length);
  await page.getByRole('button', { name: 'Remove filter Needs review' }).click();
  await expect(page.getByTestId('photos-count')).toHaveText(`${total} photos`);

  // Sort by score is there only once a label is chosen, and says why it is not before.
  const scoreOption = page.getByLabel('Sort by').locator('option[value="score"]');
  await expect(scoreOption).toBeDisabled();
  await expect(scoreOption).toHaveAttribute('title', /Choose a label/);
  await page.getByRole('button', { name: 'Filter…' }).click();
  await page.getByRole('checkbox', { name: 'circle' }).check();
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(scoreOption).toBeEnabled();
  await page.getByRole('button', { name: 'Remove filter circle' }).click();
  await expect(page.getByTestId('photos-count')).toHaveText(`${total} photos`);

  // Arrow keys move the selection by photos and rows; Shift extends; End reaches the last photo,
  // scrolled into view; Enter opens the photo.
  await page.getByLabel('Thumbnail size').fill('360');
  await cells(page).nth(0).click();
  const tops = await cells(page).evaluateAll((list) =>
    list.map((c) => c.getBoundingClientRect().top),
  );
  const columns = tops.filter((top) => top === tops[0]).length;
  expect(columns).toBeGreaterThan(1);
  const selected = () => page.locator('[data-testid="photo-cell"][aria-selected="true"]');
  await page.keyboard.press('ArrowRight');
  await expect(selected()).toHaveCount(1);
  await expect(cells(page).nth(1)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowDown');
  await expect(cells(page).nth(1 + columns)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Shift+ArrowRight');
  await expect(page.getByTestId('selection-count')).toHaveText('2 selected');
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('selection-count')).toHaveText('1 selected');
  await expect(cells(page).nth(1 + columns)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('End');
  const last = page.locator(`[data-testid="photo-cell"][aria-selected="true"]`);
  await expect(last).toBeInViewport();
  const sorted = await engineRows(page, {});
  await expect(last).toHaveAttribute('data-photo-id', String(sorted.at(-1)?.id));
  await page.keyboard.press('Home');
  await expect(page.locator(`[data-photo-id="${sorted[0]?.id}"]`)).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('photo-view')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('photo-view')).toBeHidden();

  // A sort change keeps the photos on screen (no spinner) until the new order arrives.
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  if (app.mode === 'browser')
    await page.route('**/facet/invoke/browse%3Aphotos', async (route: Route) => {
      await held;
      await route.continue();
    });
  const firstBefore = await cells(page).first().getAttribute('data-photo-id');
  const mark = await app.eventMark();
  await page.getByLabel('Sort by').selectOption('name');
  await expect(cells(page).first()).toBeVisible();
  await expect(page.locator('.photos-loading')).toHaveCount(0);
  if (app.mode === 'browser') {
    await expect(page.getByTestId('photo-grid')).toHaveAttribute('aria-busy', 'true');
    expect(await cells(page).first().getAttribute('data-photo-id')).toBe(firstBefore);
  }
  release();
  await app.waitForEvent('photos-loaded', { after: mark });
  await expect(page.getByTestId('photo-grid')).toHaveAttribute('aria-busy', 'false');
  await page.unroute('**/facet/invoke/browse%3Aphotos');
  expect(app.pageErrors.filter((e) => !e.includes('404'))).toEqual([]);
});
