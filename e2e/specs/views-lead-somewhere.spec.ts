// Views that lead somewhere, as a photographer uses them: more like this starts from the photo,
// a copy folded under it unfolds, words that match nothing say so, an opened cluster is selected
// and tagged, map dots open photos, a lasso shows what it caught beside the map with the tag form,
// "?" helps in every view, the model's start-up is said, and a narrow window keeps its room.
// Screenshots at 1440x900 and 1024x700, light and dark: e2e/screenshots/views-*.png.
import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import type { Page } from '@playwright/test';
import type { FacetApi } from '../../preload/contract';
import { writeResizedCopy } from '../../native/sharpness';
import { expect, test, type FacetApp } from '../harness/app';
import { placement } from '../harness/map-placement';
import { SCREENSHOT_SIZES, screenshotsAtSizes } from '../harness/screenshots';
import { CAMERA, MISC, PHONE, SHAPES, photosIn } from './fixture-paths';

interface PageScope {
  readonly facet: FacetApi;
}

/** The grid draws only the rows on screen: scroll it until the photo's cell is drawn. */
async function revealCell(page: Page, path: string) {
  const cell = page.locator(`[data-testid="photo-cell"][title="${path}"]`);
  const grid = page.getByTestId('photo-grid');
  await expect
    .poll(
      async () => {
        if ((await cell.count()) > 0) return true;
        await grid.evaluate((element) => element.scrollBy(0, element.clientHeight / 2));
        return false;
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  await cell.scrollIntoViewIfNeeded();
  return cell;
}

async function addFolders(app: FacetApp, folders: readonly string[], photos: number) {
  await app.waitForEvent('app-loaded');
  const mark = await app.eventMark();
  await app.chooseFolders(folders);
  await app.page.getByRole('button', { name: 'Add folder…' }).first().click();
  // The status bar says the model is loading rather than "Ready".
  await app.waitForEvent('model-loading-shown', { after: mark });
  expect(await app.waitUntilEmbedded(photos, { timeout: 90_000 })).toBe(photos);
  await expect(app.page.getByTestId('status-engine')).not.toContainText('Loading the model');
}

/** Colour+shape pairs that no photo of these folders shows. */
function absentPairs(folders: readonly string[]): string[] {
  const truth = JSON.parse(readFileSync(join(SHAPES, 'labels.json'), 'utf8')) as Record<
    string,
    { shape: string; colour: string }
  >;
  const inside = Object.entries(truth).filter(([path]) =>
    folders.some((f) => join(SHAPES, path).startsWith(f + sep)),
  );
  const present = new Set(inside.map(([, t]) => `${t.colour} ${t.shape}`));
  const colours = [...new Set(inside.map(([, t]) => t.colour))];
  const shapes = [...new Set(inside.map(([, t]) => t.shape))];
  return colours.flatMap((c) => shapes.map((s) => `${c} ${s}`)).filter((w) => !present.has(w));
}

const cells = (page: Page) => page.getByTestId('photo-cell');

interface StyledElement {
  readonly ownerDocument: {
    readonly defaultView: { getComputedStyle(e: unknown): { backgroundColor: string } } | null;
  };
}
/** A swatch's colour as the browser paints it (rgb), whatever notation the style used. */
const swatchColour = (e: unknown) =>
  (e as StyledElement).ownerDocument.defaultView?.getComputedStyle(e).backgroundColor ?? '';

test('more like this starts from the photo, copies unfold, weak words say so, help and narrow windows', async ({
  app,
}) => {
  test.setTimeout(240_000);
  const page = app.page;
  await page.setViewportSize(SCREENSHOT_SIZES[0]);
  const dir = await mkdtemp(join(tmpdir(), 'facet-views-e2e-'));
  try {
    // A photo with the camera's date in EXIF, and a smaller re-encoded copy of it.
    const folder = join(dir, 'holiday');
    await mkdir(folder);
    // From a folder the library does not hold, so the copy below is its only copy.
    const source = photosIn(MISC).find((p) => /\.jpe?g$/i.test(p)) as string;
    const original = join(folder, 'a-original.jpg');
    await copyFile(source, original);
    execFileSync('exiftool', [
      '-q',
      '-overwrite_original',
      '-DateTimeOriginal=2019:05:01 08:30:00',
      original,
    ]);
    const copy = join(folder, 'b-shared.jpg');
    await writeResizedCopy(original, copy, { scale: 0.6, quality: 70 });
    const photos = photosIn(CAMERA).length + photosIn(PHONE).length + 2;
    await addFolders(app, [folder, CAMERA, PHONE], photos);

    await page.getByTestId('view-photos').click();
    // Sorted by folder, the new folder may come after the fixtures, below the rows drawn.
    const cell = await revealCell(page, original);
    await cell.dblclick();
    const view = page.getByTestId('photo-view');
    await expect(view).toBeVisible();
    // "Taken" is the camera's clock as written in EXIF, whatever this computer's zone.
    const taken = await page.evaluate(() =>
      new Date(Date.UTC(2019, 4, 1, 8, 30)).toLocaleString(undefined, {
        dateStyle: 'medium',
        timeStyle: 'short',
        timeZone: 'UTC',
      }),
    );
    await expect(view).toContainText(taken);
    await expect(view).not.toContainText('(file date)');

    // More like this: the photo itself first, marked, then at least its 20 nearest.
    let mark = await app.eventMark();
    await page.keyboard.press('m');
    await app.waitForEvent('search-done', { after: mark });
    await expect(cells(page).first()).toHaveAttribute('title', original);
    await expect(cells(page).first().getByTestId('start-photo')).toBeVisible();
    const count = page.getByTestId('search-count');
    await expect(count).toContainText(/The photo and its \d+ nearest/);
    const nearest = Number((await count.textContent())?.match(/its (\d+) nearest/)?.[1]);
    expect(nearest).toBeGreaterThanOrEqual(20);
    // Only the true copy is folded in (the Near-duplicates tab's rule), and it unfolds.
    await expect(count).toContainText('(+1 near-duplicates folded in)');
    const expand = cells(page).first().getByTestId('expand-copies');
    await expect(expand).toHaveText('+1');
    await expect(page.locator(`[data-testid="photo-cell"][title="${copy}"]`)).toHaveCount(0);
    await expand.click();
    await expect(cells(page).nth(1)).toHaveAttribute('title', copy);
    await expect(cells(page).nth(1)).toContainText('Copy');
    await screenshotsAtSizes(app, 'views-more-like-this');
    await expand.click();
    await expect(page.locator(`[data-testid="photo-cell"][title="${copy}"]`)).toHaveCount(0);

    // Words that match nothing well say so, and the closest photos are still shown.
    const absent = absentPairs([CAMERA, PHONE])[0] as string;
    mark = await app.eventMark();
    await page.getByRole('searchbox', { name: 'Search photos' }).fill(`a ${absent}`);
    await page.getByRole('searchbox', { name: 'Search photos' }).press('Enter');
    await app.waitForEvent('search-done', { after: mark });
    await expect(page.getByTestId('weak-match')).toContainText('Nothing in the library matches');
    expect(await cells(page).count()).toBeGreaterThanOrEqual(20);
    mark = await app.eventMark();
    await page.getByRole('searchbox', { name: 'Search photos' }).fill('a star');
    await page.getByRole('searchbox', { name: 'Search photos' }).press('Enter');
    await app.waitForEvent('search-done', { after: mark });
    await expect(page.getByTestId('weak-match')).toHaveCount(0);

    // "?" helps in every view.
    for (const [id, title] of [
      ['photos', 'Photos'],
      ['labels', 'Labels'],
      ['clusters', 'Clusters'],
      ['folders', 'Folders'],
      ['export', 'Export'],
      ['models', 'Models'],
    ] as const) {
      await page.getByTestId(`view-${id}`).click();
      await page.locator('body').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('?');
      const help = page.getByRole('dialog', { name: `${title}: help` });
      await expect(help).toBeVisible();
      await page.keyboard.press('Escape');
      await expect(help).toBeHidden();
    }
    await page.getByRole('button', { name: 'Help and keyboard shortcuts' }).click();
    await expect(page.getByTestId('help')).toContainText('Models');
    await page.keyboard.press('Escape');

    // Below about 900 px the sidebar is a column of icons and the toolbar stays one row.
    await page.getByTestId('view-photos').click();
    for (const width of [860, 640]) {
      await page.setViewportSize({ width, height: 700 });
      const sidebar = await page.locator('nav.sidebar').boundingBox();
      expect(sidebar?.width ?? 999).toBeLessThanOrEqual(60);
      await expect(page.getByRole('button', { name: 'Clusters' })).toBeVisible();
      const toolbar = await page.locator('.photos-toolbar').boundingBox();
      expect(toolbar?.height ?? 999).toBeLessThan(50);
      await app.screenshot(`views-narrow-${width}`);
    }
    await page.setViewportSize(SCREENSHOT_SIZES[0]);
    const wide = await page.locator('nav.sidebar').boundingBox();
    expect(wide?.width ?? 0).toBeGreaterThan(150);
    expect(app.pageErrors).toEqual([]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a cluster opens into its photos; map dots open photos; a lasso shows its photos beside the map', async ({
  app,
}) => {
  test.setTimeout(240_000);
  const page = app.page;
  await page.setViewportSize(SCREENSHOT_SIZES[0]);
  const folders = ['albums', 'camera', 'misc', 'phone'].map((name) => join(SHAPES, name));
  const photos = folders.reduce((n, folder) => n + photosIn(folder).length, 0);
  await addFolders(app, folders, photos);
  await page.evaluate(async () => {
    const outcome = await (globalThis as unknown as PageScope).facet.invoke(
      'labels:create',
      'Trips',
      'multi',
    );
    if (!outcome.ok) throw new Error(outcome.error.message);
  });

  let mark = await app.eventMark();
  await page.getByTestId('view-clusters').click();
  await app.waitForEvent('clusters-loaded', { after: mark });
  const card = page.getByTestId('cluster-card').first();
  const name = (await card.getByTestId('cluster-name').textContent()) as string;
  const size = Number((await card.locator('.cluster-count').textContent())?.match(/\d+/)?.[0]);
  const listColour = await card.locator('.cluster-swatch').evaluate(swatchColour);

  // Opened: every photo of the cluster, in the cluster's colour; select two, tag them.
  mark = await app.eventMark();
  await card.getByTestId('open-cluster').click();
  await app.waitForEvent('cluster-opened', { after: mark });
  const opened = page.getByTestId('cluster-open');
  await expect(opened.getByRole('heading', { name })).toBeVisible();
  await expect(opened.getByTestId('cluster-photo')).toHaveCount(size);
  expect(await opened.locator('.cluster-swatch').evaluate(swatchColour)).toBe(listColour);
  await opened.getByTestId('cluster-photo').nth(0).click();
  await opened
    .getByTestId('cluster-photo')
    .nth(1)
    .click({ modifiers: ['ControlOrMeta'] });
  await expect(page.getByTestId('cluster-selection')).toHaveText('2 photos selected');
  await expect(opened.getByTestId('cluster-photo').nth(1)).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('combobox', { name: 'Label', exact: true }).fill('Harbour walk');
  await screenshotsAtSizes(app, 'views-cluster-opened');
  mark = await app.eventMark();
  await page.getByRole('button', { name: 'Tag', exact: true }).click();
  await app.waitForEvent('map-tagged', { after: mark });
  await expect(page.getByTestId('clusters-message')).toContainText(
    'Tagged 2 photos “Harbour walk”',
  );

  // More like this from one photo of the cluster leads to the Photos view, that photo first.
  const first = (await opened.getByTestId('cluster-photo').nth(0).getAttribute('title')) as string;
  await opened.getByTestId('cluster-photo').nth(0).click();
  mark = await app.eventMark();
  await opened.getByRole('button', { name: 'More like this' }).click();
  await app.waitForEvent('search-done', { after: mark });
  await expect(cells(page).first()).toHaveAttribute('title', first);

  // The map: a legend in the list's colours; a lasso's photos beside it with the tag form.
  mark = await app.eventMark();
  await page.getByTestId('view-clusters').click();
  await page.getByRole('button', { name: '← All clusters' }).click();
  await page.getByTestId('clusters-tab-map').click();
  await app.waitForEvent('map-drawn', { after: mark });
  const legend = page.getByTestId('map-legend').locator('li', { hasText: name });
  expect(await legend.locator('.cluster-swatch').evaluate(swatchColour)).toBe(listColour);
  const canvas = page.getByTestId('library-map');
  const box = await canvas.boundingBox();
  if (box === null) throw new Error('the map is not on screen');
  const map = await page.evaluate(async () => {
    const outcome = await (globalThis as unknown as PageScope).facet.invoke('clusters:map');
    if (!outcome.ok) throw new Error(outcome.error.message);
    return outcome.result;
  });
  const place = placement(map, box.width, box.height);
  await page.getByRole('button', { name: 'Lasso' }).click();
  mark = await app.eventMark();
  await page.mouse.move(box.x + 4, box.y + 4);
  await page.mouse.down();
  for (const [x, y] of [
    [box.width / 2, 4],
    [box.width / 2, box.height - 4],
    [4, box.height - 4],
    [4, 6],
  ] as const)
    await page.mouse.move(box.x + x, box.y + y, { steps: 4 });
  await page.mouse.up();
  await app.waitForEvent('map-selected', { after: mark });
  const caught = map.points.filter((p) => place(p)[0] < box.width / 2);
  const lassoed = page.getByTestId('map-lassoed');
  await expect(lassoed.getByTestId('lassoed-photo')).toHaveCount(caught.length);
  await expect(lassoed.getByTestId('map-selection')).toContainText(`Tag ${caught.length} photos`);
  const side = await lassoed.boundingBox();
  const after = await canvas.boundingBox();
  expect((side?.x ?? 0) > (after?.x ?? 0) + (after?.width ?? 0) - 1, 'beside the map').toBe(true);
  await screenshotsAtSizes(app, 'views-lasso', () => app.waitForEvent('map-drawn'));

  // A click on a dot opens that photo.
  await page.getByRole('button', { name: 'Clear' }).click();
  await page.getByRole('button', { name: 'Lasso' }).click();
  await page.getByRole('button', { name: 'Fit' }).click();
  const stage = (await canvas.boundingBox()) as NonNullable<
    Awaited<ReturnType<typeof canvas.boundingBox>>
  >;
  const at = placement(map, stage.width, stage.height);
  const dot = map.points[0] as (typeof map.points)[number];
  const [dx, dy] = at(dot);
  mark = await app.eventMark();
  await page.mouse.click(stage.x + dx, stage.y + dy);
  await app.waitForEvent('photo-opened', { after: mark });
  await expect(page.getByTestId('photo-view')).toContainText(
    relative(join(dot.path, '..'), dot.path),
  );

  // The legend's names open their cluster.
  mark = await app.eventMark();
  await page.keyboard.press('Escape');
  await page.getByTestId('view-clusters').click();
  await page.getByTestId('map-legend').getByRole('button', { name }).click();
  await app.waitForEvent('cluster-opened', { after: mark });
  await expect(page.getByTestId('cluster-open').getByRole('heading', { name })).toBeVisible();
  expect(app.pageErrors).toEqual([]);
});
