// Problems as the user reads them: each unreadable photo says what happened in plain words (the
// decoder's text only on hover), can be shown in its folder, and leaves the list once it reads
// again; a refused folder's red notice stays in the view it was said in.
import { copyFile, cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '../harness/app';
import { screenshotsAtSizes } from '../harness/screenshots';
import { CAMERA, SHAPES, photosIn } from './fixture-paths';

let work: string;

test.beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'facet-problems-spec-'));
});
test.afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

test('Problems say what happened, show the file, and Retry takes a fixed one out', async ({
  app,
}) => {
  test.setTimeout(180_000);
  const { page } = app;
  const folder = join(work, 'card');
  await cp(CAMERA, folder, { recursive: true });
  const good = photosIn(CAMERA);
  const sample = await readFile(good.find((path) => /\.jpe?g$/i.test(path)) as string);
  await writeFile(join(folder, 'empty.jpg'), '');
  // Half a JPEG, as a card reader leaves it while the copy is still going.
  await writeFile(join(folder, 'copying.jpg'), sample.subarray(0, sample.length >> 1));
  await copyFile(join(SHAPES, 'bad', 'not-an-image.png'), join(folder, 'not-an-image.png'));

  await app.waitForEvent('app-loaded');
  await app.chooseFolders([folder]);
  await page.getByRole('button', { name: 'Add folder…' }).click();
  await app.waitUntilEmbedded(good.length);
  await page.getByTestId('view-folders').click();

  const panel = page.getByTestId('problems-panel');
  await expect(panel).toContainText('3 photos could not be read');
  await panel.locator('summary').click();
  const row = (name: string) => panel.getByTestId('problem-row').filter({ hasText: name });
  await expect(row('empty.jpg')).toContainText('The file is empty');
  await expect(row('copying.jpg')).toContainText('The file ends early: it may still be copying');
  await expect(row('not-an-image.png')).toContainText("Facet can't read this kind of file");
  // The decoder's words are kept for whoever wants them, on hover, not as the text (its wording
  // varies from run to run, "premature end" or "unknown error": the detail names the file).
  await expect(panel).not.toContainText(/vips|buffer|premature|could not be read as/i);
  await expect(row('copying.jpg').getByTestId('problem-reason')).toHaveAttribute(
    'title',
    /copying\.jpg/,
  );
  await screenshotsAtSizes(app, 'problems');

  // Show in folder asks the desktop to show that very file.
  let from = await app.eventMark();
  await row('empty.jpg').getByRole('button', { name: 'Show in folder' }).click();
  await app.waitForEvent('problem-shown-in-folder', { after: from });
  const asked = await app.shellRequests();
  if (asked !== null)
    expect(asked).toEqual([{ channel: 'shell:showInFolder', path: join(folder, 'empty.jpg') }]);

  // The copy finished: Retry reads it, and it leaves Problems.
  await writeFile(join(folder, 'copying.jpg'), sample);
  from = await app.eventMark();
  await row('copying.jpg').getByRole('button', { name: 'Retry' }).click();
  await app.waitForEvent('library-problem-retried', { after: from });
  await expect(row('copying.jpg')).toHaveCount(0);
  await expect(panel).toContainText('2 photos could not be read');
  // Still empty: Retry says so and the row stays.
  await row('empty.jpg').getByRole('button', { name: 'Retry' }).click();
  await expect(row('empty.jpg')).toContainText('still unreadable');
  // The grid asks for the unreadable photos' thumbnails too, and is told 415: nothing else fails.
  expect(app.pageErrors.filter((error) => !error.includes('status of 415'))).toEqual([]);
});

test('a refused folder is said in the view it was added from, not in every view after', async ({
  app,
}) => {
  const { page } = app;
  await app.waitForEvent('app-loaded');
  await app.chooseFolders([SHAPES, join(work, 'no-such-folder')]);
  await page.getByRole('button', { name: 'Add folder…' }).click();
  const notice = page.getByRole('alert').filter({ hasText: 'One item could not be added.' });
  await expect(notice).toBeVisible();
  await page.getByTestId('view-labels').click();
  await expect(notice).toHaveCount(0);
  await page.getByTestId('view-photos').click();
  await expect(notice).toHaveCount(0);
});
