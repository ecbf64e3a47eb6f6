// The library from the user's side: indexing progress in the status bar with pause, resume and
// cancel, the folders with their photos, the Problems panel, watching, and removing a folder.
import { existsSync } from 'node:fs';
import { copyFile, cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type FacetApp } from '../harness/app';
import { CAMERA, SHAPES, photosIn } from './fixture-paths';

let work: string;

test.beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'facet-library-spec-'));
});
test.afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** A folder big enough to watch an index run: the sample photos with their bad files, and copies. */
async function manyPhotos(name: string, copies: number): Promise<string> {
  const folder = join(work, name);
  await cp(SHAPES, join(folder, 'a-samples'), { recursive: true });
  for (let i = 0; i < copies; i++)
    await cp(SHAPES, join(folder, `copy-${i}`), {
      recursive: true,
      filter: (source) => !source.includes('/bad'),
    });
  return folder;
}

/** Adds a folder with the picker, then opens the Folders view (the app opens on Photos). */
async function addFolder(app: FacetApp, folder: string): Promise<void> {
  await app.chooseFolders([folder]);
  await app.page.getByRole('button', { name: 'Add folder…' }).click();
  await app.page.getByTestId('view-folders').click();
}

test('indexing shows progress in the status bar, pauses and resumes, then shows the photos', async ({
  app,
}) => {
  const { page } = app;
  const folder = await manyPhotos('pause', 6);
  const total = photosIn(folder).length;
  await app.waitForEvent('app-loaded');
  const mark = await app.eventMark();
  await addFolder(app, folder);
  await app.waitForEvent('index-running', { after: mark });

  const bar = page.getByRole('contentinfo');
  await bar.getByRole('button', { name: 'Pause indexing' }).click();
  await app.waitForEvent('index-paused', { after: mark });
  await expect(bar.getByTestId('status-engine')).toContainText('Indexing paused');
  await expect(bar.getByRole('progressbar', { name: 'Indexing' })).toBeVisible();
  await expect(bar.getByTestId('status-progress')).toContainText(`/ ${total.toLocaleString()}`);
  await app.screenshot('library-indexing-paused');

  await bar.getByRole('button', { name: 'Resume indexing' }).click();
  await app.waitForEvent('index-idle', { after: mark });
  await expect(bar.getByRole('progressbar')).toBeHidden();
  await expect(bar.getByTestId('status-engine')).toContainText('Ready');

  // Every readable photo is searchable; the unreadable ones are listed with their reasons.
  const row = page.getByTestId('folder-row');
  await expect(row.getByTestId('folder-counts')).toHaveText(
    `${total.toLocaleString()} photos · ${(total - 3).toLocaleString()} searchable · 3 unreadable`,
  );
  const thumbs = row.getByTestId('folder-preview').getByRole('img');
  await expect(thumbs).toHaveCount(6);
  await expect
    .poll(() =>
      thumbs.evaluateAll((images) =>
        images.every((image) => (image as { naturalWidth: number }).naturalWidth > 0),
      ),
    )
    .toBe(true);

  const problems = page.getByTestId('problems-panel');
  await expect(problems).toContainText('3 photos could not be read');
  // The sidebar says so from any view.
  await expect(page.getByTestId('folders-problem-count')).toHaveAttribute(
    'title',
    '3 photos could not be read',
  );
  await problems.locator('summary').click();
  const rows = problems.getByTestId('problem-row');
  await expect(rows).toHaveCount(3);
  await expect(rows.filter({ hasText: 'truncated.jpg' })).toContainText(
    'The file ends early: it may still be copying',
  );
  await app.screenshot('library-indexed');

  // The folder is watched: a photo copied in shows up in the counts within seconds.
  await copyFile(photosIn(CAMERA)[0] as string, join(folder, 'arrived-later.jpg'));
  await expect(row.getByTestId('folder-counts')).toContainText(
    `${(total + 1).toLocaleString()} photos · ${(total - 2).toLocaleString()} searchable`,
    { timeout: 10_000 },
  );
  expect(app.pageErrors).toEqual([]);
});

test('a cancelled run keeps what it indexed and says how much is left', async ({ app }) => {
  const { page } = app;
  const folder = await manyPhotos('cancel', 6);
  await app.waitForEvent('app-loaded');
  const mark = await app.eventMark();
  await addFolder(app, folder);
  await app.waitForEvent('index-running', { after: mark });
  await page.getByRole('button', { name: 'Cancel indexing' }).click();
  await app.waitForEvent('index-idle', { after: mark });
  await expect(page.getByRole('contentinfo').getByRole('progressbar')).toBeHidden();
  await expect(page.getByTestId('index-progress')).toContainText(/are searchable|waiting/);
  await expect(page.getByTestId('index-progress')).not.toContainText('All ');
});

test('removing a folder asks first; its photos leave the library, the files stay', async ({
  app,
}) => {
  const { page } = app;
  await app.waitForEvent('app-loaded');
  const mark = await app.eventMark();
  await addFolder(app, CAMERA);
  await app.waitForEvent('index-idle', { after: mark });
  const row = page.getByTestId('folder-row');
  await expect(row).toHaveCount(1);

  await row.getByRole('button', { name: 'Remove camera from the library' }).click();
  const confirm = row.getByRole('group', { name: 'Remove camera?' });
  await expect(confirm).toContainText('The files stay on disk.');
  await app.screenshot('library-remove-confirm');
  await confirm.getByRole('button', { name: 'Keep' }).click();
  await expect(row).toHaveCount(1);

  await row.getByRole('button', { name: 'Remove camera from the library' }).click();
  await row.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Drop photo folders here' })).toBeVisible();
  await expect(page.getByTestId('status-library')).toContainText('0 photos');
  expect(photosIn(CAMERA).every((path) => existsSync(path))).toBe(true);
});
