// The taxonomy editor as a new user finds it: a long label stays on one line with its whole name
// on hover, a pasted 600-character label is refused in words, a typed path previews its last
// level, one set leaves nothing behind in another, a deleted label comes back with Undo (and no
// stale message stays), and one label is "1 label". A set with several templates previews at
// every keystroke in its first, then in all of them once the typing pauses.
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { expect, test, type FacetApp } from '../harness/app';
import { screenshotsAtSizes } from '../harness/screenshots';
import { SHAPES } from './fixture-paths';

const LONG =
  'Harbour at dusk with fishing boats moored along the old stone quay, gulls on the mooring ' +
  'posts, lamps just lit, and the lighthouse beam sweeping over the water beyond the breakwater';

interface ImageLike {
  readonly complete: boolean;
  readonly naturalWidth: number;
}

async function addLabel(app: FacetApp, name: string): Promise<void> {
  const input = app.page.getByTestId('new-label-input');
  await input.fill(name);
  const from = await app.eventMark();
  await input.press('Enter');
  await app.waitForEvent('labels-edited', { after: from });
  await expect(input).toHaveValue('');
}

async function newSet(app: FacetApp, name: string): Promise<void> {
  const { page } = app;
  await page.getByRole('button', { name: 'New label set' }).click();
  // A keyword taxonomy lets a photo carry several: that is what a new set starts with.
  await expect(page.getByLabel('Labels per photo')).toHaveValue('multi');
  await page.getByTestId('new-set-name').fill(name);
  const from = await app.eventMark();
  await page.getByRole('button', { name: 'Create' }).click();
  await app.waitForEvent('labels-set-opened', { after: from });
}

test('the labels editor: long names, the length limit, last-level preview, sets apart, undo', async ({
  app,
}) => {
  test.setTimeout(240_000);
  const { page } = app;
  await app.waitForEvent('app-loaded');
  await app.chooseFolders([SHAPES]);
  await page.getByRole('button', { name: 'Add folder…' }).click();
  await app.waitUntilEmbedded(200);
  let from = await app.eventMark();
  await page.getByTestId('view-labels').click();
  await app.waitForEvent('labels-loaded', { after: from });
  await newSet(app, 'Keywords');

  // A typed path previews what its last level finds: the words the label is matched by.
  const input = page.getByTestId('new-label-input');
  from = await app.eventMark();
  await input.fill('Shapes/Round/circle');
  await app.waitForEvent('labels-preview', { after: from });
  await expect(page.getByTestId('label-preview').getByRole('heading')).toHaveText(
    'Photos that look most like “circle”',
  );
  await addLabel(app, 'Shapes/Round/circle');
  // Two parents and a leaf: "3 labels"; a set of one says "1 label".
  await newSet(app, 'Trips');
  await addLabel(app, 'beach');
  await expect(page.getByTestId('set-picker').locator('option:checked')).toHaveText(
    'Trips (1 label)',
  );

  // 600 characters pasted: the editor says the limit in words, and nothing reaches the engine.
  await input.fill('x'.repeat(600));
  await expect(page.getByTestId('label-limit')).toContainText('Labels can be up to 200 characters');
  await expect(page.getByRole('button', { name: 'Add', exact: true })).toBeDisabled();
  await expect(page.getByTestId('labels-message')).toHaveCount(0);
  await expect(page.locator('body')).not.toContainText(/Invalid call|Too big|expected string/);
  await input.fill('');

  // A long label: one line in the tree, its whole name on hover, its buttons inside the row.
  await addLabel(app, LONG);
  const row = page.locator(`[role="treeitem"][data-path="${LONG}"]`);
  await row.locator('.label-text').click();
  await expect(row.locator('.label-name')).toHaveAttribute('title', LONG);
  const rowBox = await row.boundingBox();
  expect(rowBox?.height ?? 0).toBeLessThan(40);
  const text = row.locator('.label-text');
  expect(await text.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  for (const button of await row.getByRole('button').all()) {
    const box = await button.boundingBox();
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(
      (rowBox?.x ?? 0) + (rowBox?.width ?? 0) + 0.5,
    );
  }
  await screenshotsAtSizes(app, 'labels-long-label', () =>
    expect
      .poll(() =>
        page.evaluate(() =>
          Array.from(
            (globalThis as unknown as { document: { images: ArrayLike<ImageLike> } }).document
              .images,
          ).every((image) => image.complete && image.naturalWidth > 0),
        ),
      )
      .toBe(true),
  );

  // Delete, then Undo from the message: the label is back, and no message about it stays.
  const beach = page.locator('[role="treeitem"][data-path="beach"]');
  await beach.locator('.label-text').click();
  from = await app.eventMark();
  await beach.hover();
  await beach.getByRole('button', { name: 'Delete' }).click();
  await app.waitForEvent('labels-edited', { after: from });
  await expect(beach).toHaveCount(0);
  const message = page.getByTestId('labels-message');
  await expect(message).toContainText('Deleted “beach”.');
  from = await app.eventMark();
  await message.getByRole('button', { name: 'Undo' }).click();
  await app.waitForEvent('labels-undone', { after: from });
  await expect(beach).toHaveCount(1);
  await expect(message).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(0);

  // Choosing "under this label", typing, a message: switching sets leaves all of it behind.
  await beach.hover();
  await beach.getByRole('button', { name: '+' }).click();
  await expect(page.getByText('Add a label under “beach”')).toBeVisible();
  await input.fill('dunes');
  await beach.hover();
  await beach.getByRole('button', { name: 'Delete' }).click();
  await expect(message).toContainText('Deleted “beach”.');
  const keywords = await page
    .getByTestId('set-picker')
    .locator('option', { hasText: 'Keywords' })
    .getAttribute('value');
  from = await app.eventMark();
  await page.getByTestId('set-picker').selectOption(keywords ?? '');
  await app.waitForEvent('labels-set-opened', { after: from });
  await expect(page.getByText('Add a label', { exact: true })).toBeVisible();
  await expect(page.getByText(/Add a label under/)).toHaveCount(0);
  await expect(input).toHaveValue('');
  await expect(page.getByTestId('label-preview')).toHaveCount(0);
  await expect(message).toHaveCount(0);
  await expect(page.getByTestId('label-panel')).not.toContainText(/beach/);
  expect(app.pageErrors).toEqual([]);
});

test('a set with several templates previews in its first at every key, then in all of them', async ({
  app,
}) => {
  test.setTimeout(180_000);
  const { page } = app;
  type Truth = { readonly shape?: string; readonly expected?: 'ok' | 'error' };
  const { bad, ...photos } = JSON.parse(
    readFileSync(join(SHAPES, 'labels.json'), 'utf8'),
  ) as Record<string, Truth> & { bad: Record<string, Truth> };
  const all = [...Object.entries(photos), ...Object.entries(bad)];
  const shapeOf = new Map(all.map(([path, t]) => [basename(path), t.shape]));
  const readable = all.filter(([, t]) => t.expected !== 'error').length;
  await app.addFolders([SHAPES], readable);
  let from = await app.eventMark();
  await page.getByTestId('view-labels').click();
  await app.waitForEvent('labels-loaded', { after: from });
  from = await app.eventMark();
  await page.getByLabel('Start from a ready-made set').selectOption('shapes');
  await app.waitForEvent('labels-set-opened', { after: from });

  from = await app.eventMark();
  await page.getByTestId('new-label-input').pressSequentially('star', { delay: 40 });
  await app.waitForEvent('labels-preview', { after: from });
  await app.waitForEvent('labels-preview-all-templates', { after: from });
  const preview = page.getByTestId('label-preview');
  await expect(preview.getByRole('heading')).toHaveText('Photos that look most like “star”');
  // The answer left on screen is the one in all the set's templates: its best photos are stars.
  const names = await preview
    .locator('img')
    .evaluateAll((images) => images.map((image) => image.getAttribute('alt') ?? ''));
  expect(names).toHaveLength(12);
  const stars = names.filter((name) => shapeOf.get(name) === 'star');
  expect(stars.length, `stars among ${names.join(', ')}`).toBeGreaterThanOrEqual(11);
  expect(app.pageErrors).toEqual([]);
});
