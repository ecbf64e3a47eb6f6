// The Clusters view on the sample photos plus planted copies: clusters (renamed, turned into a
// label), near-duplicate groups with "keep the best, mark the rest", and the map (hover, zoom,
// lasso, tag). Screenshots go to e2e/results/screenshots/clusters-*.png.
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { FacetApi } from '../../preload/contract';
import { writeResizedCopy } from '../../native/sharpness';
import { expect, test } from '../harness/app';
import { placement } from '../harness/map-placement';
import { PHONE, SHAPES, photosIn } from './fixture-paths';

interface PageScope {
  readonly facet: FacetApi;
}

/** Three originals with one or two re-encoded, smaller copies each, beside the camera photos. */
async function plantCopies(dir: string): Promise<number> {
  const sizes = JSON.parse(readFileSync(join(SHAPES, 'labels.json'), 'utf8')) as Record<
    string,
    { width?: number; height?: number }
  >;
  // Originals large enough that a smaller copy is still a photo, not a few pixels.
  const originals = photosIn(PHONE)
    .filter((path) => {
      const size = sizes[relative(SHAPES, path).split(sep).join('/')];
      return Math.min(size?.width ?? 0, size?.height ?? 0) >= 150;
    })
    .slice(0, 3);
  let copies = 0;
  for (const [i, original] of originals.entries()) {
    const folder = join(dir, `trip-${i + 1}`);
    await mkdir(folder, { recursive: true });
    await cp(
      original,
      join(folder, `original-${i + 1}${original.slice(original.lastIndexOf('.'))}`),
    );
    await writeResizedCopy(original, join(folder, `shared-${i + 1}.jpg`), {
      scale: 0.6,
      quality: 70,
    });
    copies++;
    if (i === 0) {
      await writeResizedCopy(original, join(folder, `edited-${i + 1}.jpg`), {
        scale: 1,
        quality: 80,
      });
      copies++;
    }
  }
  return copies;
}

test('clusters, near-duplicates and the map of the library', async ({ app }) => {
  test.setTimeout(240_000);
  const page = app.page;
  const copiesDir = await mkdtemp(join(tmpdir(), 'facet-clusters-e2e-'));
  try {
    const copies = await plantCopies(copiesDir);
    // Every sample folder but the phone's (the copies' originals come from there) and bad/.
    const folders = ['albums', 'camera', 'downloads', 'misc', 'scans', 'screenshots'].map((name) =>
      join(SHAPES, name),
    );
    const photos = folders.reduce((n, folder) => n + photosIn(folder).length, 0);
    await app.addFolders([...folders, copiesDir], photos + 3 + copies);

    // Clusters: named groups, largest first, with a strip of photos each.
    let mark = await app.eventMark();
    await page.getByTestId('view-clusters').click();
    await app.waitForEvent('clusters-loaded', { after: mark });
    const cards = page.getByTestId('cluster-card');
    await expect(cards.first()).toBeVisible();
    expect(await cards.count()).toBeGreaterThanOrEqual(15);
    await expect(page.getByTestId('clusters-summary')).toContainText('clusters of');
    await expect(cards.first().locator('img').first()).toHaveJSProperty('complete', true);
    await app.screenshot('clusters-list');

    mark = await app.eventMark();
    await cards
      .first()
      .getByRole('button', { name: /^Rename/ })
      .click();
    await page.getByTestId('cluster-name-input').fill('Holiday shapes');
    await page.getByTestId('cluster-name-input').press('Enter');
    await app.waitForEvent('cluster-renamed', { after: mark });
    await expect(cards.first().getByTestId('cluster-name')).toHaveText('Holiday shapes');

    mark = await app.eventMark();
    await cards.first().getByRole('button', { name: 'Make a label' }).click();
    await app.waitForEvent('cluster-labelled', { after: mark });
    await expect(page.getByTestId('clusters-message')).toContainText(
      '“Holiday shapes” is now a label of Clusters',
    );
    await app.screenshot('clusters-renamed-and-labelled');

    // Near-duplicates: exactly the planted groups, then keep the best of each.
    mark = await app.eventMark();
    await page.getByTestId('clusters-tab-duplicates').click();
    await app.waitForEvent('duplicates-loaded', { after: mark });
    const groups = page.getByTestId('duplicate-group');
    await expect(groups).toHaveCount(3);
    await expect(page.getByTestId('duplicate-photo')).toHaveCount(3 + copies);
    await app.screenshot('clusters-duplicates');
    mark = await app.eventMark();
    await page.getByRole('button', { name: 'Keep the best of every group' }).click();
    await app.waitForEvent('duplicates-marked', { after: mark });
    await expect(page.locator('.duplicate-marked')).toHaveCount(copies);
    for (const group of await groups.all())
      await expect(group.getByTestId('duplicate-photo').first()).not.toHaveClass(
        /duplicate-marked/,
      );
    await app.screenshot('clusters-duplicates-marked');

    // The map: every photo a dot; hover shows the thumbnail; lasso selects and tags.
    mark = await app.eventMark();
    await page.getByTestId('clusters-tab-map').click();
    await app.waitForEvent('map-drawn', { after: mark });
    const canvas = page.getByTestId('library-map');
    const box = await canvas.boundingBox();
    if (box === null) throw new Error('the map is not on screen');
    const map = await page.evaluate(async () => {
      const outcome = await (globalThis as unknown as PageScope).facet.invoke('clusters:map');
      if (!outcome.ok) throw new Error(outcome.error.message);
      return outcome.result;
    });
    const place = placement(map, box.width, box.height);
    // The photo nearest the middle of the map.
    const middle = (p: { x: number; y: number }) => {
      const [x, y] = place(p);
      return (x - box.width / 2) ** 2 + (y - box.height / 2) ** 2;
    };
    const central = [...map.points].sort((a, b) => middle(a) - middle(b))[0];
    if (central === undefined) throw new Error('the map has no photos');
    const [hx, hy] = place(central);
    await page.mouse.move(box.x + hx, box.y + hy);
    await expect(page.getByTestId('map-hover').locator('img')).toHaveJSProperty('complete', true);
    await app.screenshot('clusters-map-hover');

    // Lasso the left half of the map.
    await page.getByRole('button', { name: 'Lasso' }).click();
    const corners: [number, number][] = [
      [4, 4],
      [box.width / 2, 4],
      [box.width / 2, box.height - 4],
      [4, box.height - 4],
      [4, 6],
    ];
    mark = await app.eventMark();
    await page.mouse.move(box.x + 4, box.y + 4);
    await page.mouse.down();
    for (const [x, y] of corners) await page.mouse.move(box.x + x, box.y + y, { steps: 4 });
    await page.mouse.up();
    await app.waitForEvent('map-selected', { after: mark });
    const expected = map.points.filter((p) => place(p)[0] < box.width / 2).length;
    await expect(page.getByTestId('map-selection')).toContainText(`Tag ${expected} photos`);
    await page.getByRole('combobox', { name: 'Label', exact: true }).fill('Left of the map');
    mark = await app.eventMark();
    await page.getByRole('button', { name: 'Tag', exact: true }).click();
    await app.waitForEvent('map-tagged', { after: mark });
    await expect(page.getByTestId('clusters-message')).toContainText(
      `Tagged ${expected} photos “Left of the map”`,
    );
    await app.screenshot('clusters-map-lasso');

    // Zoom in around the centre: the canvas is redrawn, nothing breaks.
    await page.getByRole('button', { name: 'Lasso' }).click();
    mark = await app.eventMark();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, -600);
    await app.waitForEvent('map-drawn', { after: mark });
    await app.screenshot('clusters-map-zoomed');
    expect(app.pageErrors).toEqual([]);
  } finally {
    await rm(copiesDir, { recursive: true, force: true });
  }
});
