// The two score histograms, read and used as a photographer would: the search cut-off in Photos
// and "How sure must Facet be?" in a multi-label set. Each has a score axis with ticks, tells the
// range and count of the bar under the pointer, and its line is dragged on the bars themselves
// (or moved with the keys); no raw or negative score shows anywhere.
import type { Locator, Page } from '@playwright/test';
import type { FacetApi } from '../../preload/contract';
import { expect, test, type FacetApp } from '../harness/app';
import { screenshotsAtSizes } from '../harness/screenshots';
import { SHAPES, photosIn } from './fixture-paths';

interface PageScope {
  readonly facet: FacetApi;
}

async function addSamples(app: FacetApp): Promise<number> {
  await app.waitForEvent('app-loaded');
  await app.chooseFolders([SHAPES]);
  const mark = await app.eventMark();
  await app.page.getByRole('button', { name: 'Add folder…' }).first().click();
  await app.waitForEvent('library-changed', { after: mark });
  // Every readable photo gets its embedding (a few of the samples are broken on purpose).
  return app.waitUntilEmbedded(Math.floor(photosIn(SHAPES).length * 0.9), { timeout: 120_000 });
}

/** Presses on the line and drags it to `fraction` of the bars' width. */
async function dragLine(page: Page, histogram: Locator, fraction: number): Promise<void> {
  const plot = await histogram.getByTestId('histogram').boundingBox();
  const line = await histogram.locator('.score-histogram-line').boundingBox();
  if (plot === null || line === null) throw new Error('the histogram is not on screen');
  const y = plot.y + plot.height / 2;
  await page.mouse.move(line.x + line.width / 2, y);
  await page.mouse.down();
  await page.mouse.move(plot.x + plot.width * fraction, y, { steps: 8 });
  await page.mouse.up();
}

/** The axis reads as round, non-negative numbers, at least three of them, left to right. */
async function expectAxis(histogram: Locator, unit: RegExp): Promise<void> {
  const ticks = histogram.getByTestId('histogram-tick');
  await expect(ticks.first()).toBeVisible();
  const texts = await ticks.allTextContents();
  expect(texts.length).toBeGreaterThanOrEqual(3);
  for (const text of texts) expect(text).toMatch(unit);
  const values = texts.map((text) => Number.parseFloat(text));
  expect(values).toEqual([...values].sort((a, b) => a - b));
}

/** Hovering the tallest bar says its score range and how many photos it holds. */
async function expectHoverCount(page: Page, histogram: Locator): Promise<void> {
  const plot = histogram.getByTestId('histogram');
  const box = await plot.boundingBox();
  if (box === null) throw new Error('the histogram is not on screen');
  const heights = await histogram
    .locator('.score-histogram-bar')
    .evaluateAll((bars) => bars.map((bar) => bar.getBoundingClientRect().height));
  const tallest = heights.indexOf(Math.max(...heights));
  const bar = await histogram.locator('.score-histogram-bar').nth(tallest).boundingBox();
  if (bar === null) throw new Error('the tallest bar is not on screen');
  await page.mouse.move(bar.x + bar.width / 2, box.y + box.height - 4);
  const tip = histogram.getByTestId('histogram-tip');
  await expect(tip).toBeVisible();
  await expect(tip).toHaveText(/^[\d.]+( %)?–[\d.]+( %)?: \d+ photos?$/);
  expect(Number(/: (\d+)/.exec((await tip.textContent()) ?? '')?.[1])).toBeGreaterThan(0);
}

const shownCount = async (page: Page) =>
  Number(
    /(\d+) (shown|nearest)/.exec((await page.getByTestId('search-count').textContent()) ?? '')?.[1],
  );

test('the search cut-off is a histogram with an axis, hover counts and a line dragged on it', async ({
  app,
}) => {
  test.setTimeout(240_000);
  const { page } = app;
  await addSamples(app);
  await page.getByRole('button', { name: 'Photos' }).first().click();
  const mark = await app.eventMark();
  await page.getByLabel('Search photos').fill('a red circle');
  await page.getByLabel('Search photos').press('Enter');
  await app.waitForEvent('search-done', { after: mark });
  const histogram = page.locator('.search-cutoff');
  await expectAxis(histogram, /^\d+(\.\d+)?$/);
  await expectHoverCount(page, histogram);

  // The line is the slider: it sits over the bars, as wide as they are.
  const slider = page.getByRole('slider', { name: 'Relevance cut-off' });
  const plotBox = await histogram.getByTestId('histogram').boundingBox();
  const sliderBox = await slider.boundingBox();
  expect(Math.abs((sliderBox?.width ?? 0) - (plotBox?.width ?? 0))).toBeLessThanOrEqual(20);
  const before = await shownCount(page);
  const said = await slider.getAttribute('aria-valuetext');
  await dragLine(page, histogram, 0.3);
  await expect.poll(() => shownCount(page)).toBeGreaterThan(before);
  expect(await slider.getAttribute('aria-valuetext')).not.toBe(said);
  await dragLine(page, histogram, 1);
  await expect.poll(() => shownCount(page)).toBe(1);
  await expect(page.getByTestId('photo-cell')).toHaveCount(1);

  // And from the keyboard: Home keeps every hit, arrow keys step the line.
  await slider.focus();
  await page.keyboard.press('Home');
  const all = await shownCount(page);
  expect(all).toBeGreaterThan(before);
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => shownCount(page)).toBeLessThan(all);
  await slider.focus();
  await page.keyboard.press('Home');
  await dragLine(page, histogram, 0.55);
  await expectHoverCount(page, histogram);
  await screenshotsAtSizes(app, 'histogram-search');
});

test('"How sure must Facet be?" on a multi-label set reads in % sure, dragged on its bars', async ({
  app,
}) => {
  test.setTimeout(240_000);
  const { page } = app;
  await addSamples(app);
  const setId = await page.evaluate(async () => {
    const { facet } = globalThis as unknown as PageScope;
    const made = await facet.invoke('labels:create', 'Shapes, any number', 'multi');
    if (!made.ok) throw new Error(made.error.message);
    const edited = await facet.invoke('labels:edit', made.result.id, {
      kind: 'add-labels',
      labels: ['circle', 'square', 'triangle', 'star'].map((path) => ({
        path,
        prompts: null,
        threshold: null,
      })),
    });
    if (!edited.ok) throw new Error(edited.error.message);
    return made.result.id;
  });
  let mark = await app.eventMark();
  await page.getByTestId('view-labels').click();
  await app.waitForEvent('labels-loaded', { after: mark });
  mark = await app.eventMark();
  await page.getByTestId('set-picker').selectOption(String(setId));
  await app.waitForEvent('labels-set-opened', { after: mark });
  mark = await app.eventMark();
  await page.getByTestId('label-tree').getByText('circle', { exact: true }).click();
  await app.waitForEvent('labels-scores', { after: mark });

  const histogram = page.getByTestId('threshold');
  await expectAxis(histogram, /^\d+(\.\d+)? %$/);
  await expectHoverCount(page, histogram);
  const slider = page.getByRole('slider', { name: 'How sure must Facet be?' });
  await expect(slider).toHaveAttribute('aria-valuetext', /^\d+ % sure$/);
  const summary = page.getByTestId('threshold-summary');
  const before = Number(await summary.locator('strong').textContent());

  // Dragging the line towards "less sure" gives the label to more photos.
  mark = await app.eventMark();
  await dragLine(page, histogram, 0.05);
  await app.waitForEvent('labels-edited', { after: mark });
  await app.waitForEvent('labels-scores', { after: mark });
  await expect
    .poll(async () => Number(await summary.locator('strong').textContent()))
    .toBeGreaterThan(before);
  await expect(page.getByRole('button', { name: 'Let Facet choose' })).toBeVisible();

  // Typing a new label shows its preview: still no raw similarity anywhere.
  await page.getByTestId('new-label-input').fill('hexagon');
  await expect(page.getByTestId('label-preview')).toBeVisible();
  const text = await page.locator('body').innerText();
  expect(text).not.toMatch(/match\s*[-−]?\d/i);
  expect(text).not.toMatch(/(^|\s)[-−]\d/m);
  const titles = await page
    .locator('[title]')
    .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('title') ?? ''));
  expect(titles.filter((title) => /match\s*[-−]?\d|(^|\s)[-−]\d/.test(title))).toEqual([]);
  await page.getByTestId('new-label-input').fill('');
  await expectHoverCount(page, histogram);
  await screenshotsAtSizes(app, 'histogram-labels');
});
