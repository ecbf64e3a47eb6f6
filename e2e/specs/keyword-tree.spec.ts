// The Photos filter's keyword tree and the selection's keyword box, on the sample photos with a
// taxonomy of the user's own: counts per node, a box that narrows the tree, a node that filters
// the grid to as many photos as it counts, and tags typed onto the selection updating the counts.
import type { Locator, Page } from '@playwright/test';
import type { FacetApi } from '../../preload/contract';
import { expect, test } from '../harness/app';
import { screenshotsAtSizes } from '../harness/screenshots';
import { CAMERA, photosIn } from './fixture-paths';

interface PageScope {
  readonly facet: FacetApi;
}

const LABELS = [
  'Shapes/Round/circle',
  'Shapes/Angular/triangle',
  'Shapes/Angular/square',
  'Shapes/Angular/star',
  'Colours/red',
  'Colours/blue',
  'Colours/green',
];

/** A keyword taxonomy of several levels, made as the Labels view would make it. */
async function addTaxonomy(page: Page): Promise<void> {
  await page.evaluate(async (labels) => {
    const { facet } = globalThis as unknown as PageScope;
    const made = await facet.invoke('labels:create', 'My taxonomy', 'multi');
    if (!made.ok) throw new Error(made.error.message);
    const edited = await facet.invoke('labels:edit', made.result.id, {
      kind: 'add-labels',
      labels: labels.map((path) => ({ path, prompts: null, threshold: null })),
    });
    if (!edited.ok) throw new Error(edited.error.message);
  }, LABELS);
}

const row = (page: Page, name: string): Locator =>
  page
    .getByTestId('keyword-row')
    .filter({ has: page.getByRole('checkbox', { name, exact: true }) });

/** A row's counts as numbers: "12 · 30 suggested" is 12 confirmed and 30 waiting. */
async function countsOf(page: Page, name: string) {
  const text = (await row(page, name).getByTestId('keyword-count').textContent()) ?? '';
  const confirmed = /^(\d+)(?: ·|$)/.exec(text)?.[1];
  const suggested = /(\d+) suggested/.exec(text)?.[1];
  return { text, confirmed: Number(confirmed ?? 0), suggested: Number(suggested ?? 0) };
}

test('the keyword tree counts, narrows and filters; typed keywords tag the selection', async ({
  app,
}) => {
  test.setTimeout(180_000);
  const { page } = app;
  await app.addFolders([CAMERA], photosIn(CAMERA).length);
  await addTaxonomy(page);
  await page.getByRole('button', { name: 'Photos' }).first().click();
  await expect(page.getByTestId('photo-cell').first()).toBeVisible();
  const all = photosIn(CAMERA).length;
  await expect(page.getByTestId('photos-count')).toHaveText(`${all} photos`);

  // The tree: the set, its levels (Shapes › Round › circle), each with its counts.
  await page.getByRole('button', { name: 'Filter…' }).click();
  const panel = page.getByRole('dialog', { name: 'Filter photos' });
  await expect(panel.getByRole('button', { name: 'My taxonomy' })).toBeVisible();
  const tree = panel.getByRole('tree', { name: 'My taxonomy' });
  for (const level of ['Shapes', 'Round', 'circle', 'Angular', 'triangle', 'Colours', 'red'])
    await expect(tree.getByRole('checkbox', { name: level, exact: true })).toBeVisible();
  await expect(tree.getByRole('checkbox', { name: 'Shapes/Round/circle' })).toHaveCount(0);
  const shapes = await countsOf(page, 'Shapes');
  const circle = await countsOf(page, 'circle');
  expect(shapes.suggested, 'the model suggests shapes on the sample photos').toBeGreaterThan(0);
  expect(shapes.suggested).toBeGreaterThanOrEqual(circle.suggested);
  await screenshotsAtSizes(app, 'keyword-tree');

  // A level folds away and opens again.
  await tree.getByRole('button', { name: 'Collapse Angular' }).click();
  await expect(tree.getByRole('checkbox', { name: 'triangle', exact: true })).toHaveCount(0);
  await tree.getByRole('button', { name: 'Expand Angular' }).click();

  // The filter box narrows the tree to "tri": triangle and the levels above it.
  await panel.getByRole('searchbox', { name: 'Find a keyword' }).fill('tri');
  await expect(tree.getByRole('checkbox')).toHaveCount(3);
  await expect(tree.getByRole('checkbox', { name: 'triangle', exact: true })).toBeVisible();
  await expect(tree.getByRole('checkbox', { name: 'circle', exact: true })).toHaveCount(0);
  await expect(panel.getByRole('tree', { name: 'Colours' })).toHaveCount(0);
  await panel.getByRole('searchbox', { name: 'Find a keyword' }).fill('');

  // Checking a node filters the grid to the photos it counts.
  await tree.getByRole('checkbox', { name: 'Shapes', exact: true }).check();
  await panel.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByTestId('photos-count')).toHaveText(
    `${shapes.confirmed + shapes.suggested} photo${shapes.confirmed + shapes.suggested === 1 ? '' : 's'}`,
  );
  await expect(page.getByTestId('filter-chip')).toHaveText(['Shapes']);
  await page.getByRole('button', { name: 'Remove filter Shapes' }).click();
  await expect(page.getByTestId('photos-count')).toHaveText(`${all} photos`);

  // Three photos, "circ" typed in the keyword box: circle under Shapes › Round, its set named.
  const cells = page.getByTestId('photo-cell');
  await cells.nth(0).click();
  await cells.nth(2).click({ modifiers: ['Shift'] });
  await expect(page.getByTestId('selection-count')).toHaveText('3 selected');
  const box = page.getByRole('combobox', { name: 'Keyword to tag' });
  await box.fill('circ');
  const option = page.getByRole('option', { name: 'circle — Shapes › Round (My taxonomy)' });
  await expect(option).toBeVisible();
  await expect(option).toContainText('circle — Shapes › Round');
  await expect(option).toContainText('My taxonomy');
  await app.screenshot('keyword-box');
  const mark = await app.eventMark();
  await box.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Confirmed' })).toHaveText(
    'Confirmed “circle” (My taxonomy) on 3 photos.',
  );

  // The counts follow: three more confirmed under circle, its levels and the set's top.
  await app.waitForEvent('keywords-loaded', { after: mark });
  await page.getByRole('button', { name: 'Filter…' }).click();
  await expect
    .poll(async () => (await countsOf(page, 'circle')).confirmed)
    .toBe(circle.confirmed + 3);
  expect((await countsOf(page, 'Round')).confirmed).toBe(circle.confirmed + 3);
  expect((await countsOf(page, 'Shapes')).confirmed).toBe(shapes.confirmed + 3);
  await tree.getByRole('checkbox', { name: 'circle', exact: true }).check();
  await panel.getByRole('checkbox', { name: 'Confirmed', exact: true }).check();
  await panel.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByTestId('photos-count')).toHaveText(`${circle.confirmed + 3} photos`);
});
