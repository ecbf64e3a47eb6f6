import { expect, test } from '../harness/app';
import { CAMERA, photosIn } from './fixture-paths';

test('adding a folder lists it and the engine scans its photos', async ({ app }) => {
  const { page } = app;
  await app.waitForEvent('app-loaded');
  await app.chooseFolders([CAMERA]);

  const mark = await app.eventMark();
  await page.getByRole('button', { name: 'Add folder…' }).click();
  await app.waitForEvent('library-changed', { after: mark });
  await page.getByTestId('view-folders').click();

  const rows = page.getByTestId('folder-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('camera');
  await expect(rows.first()).toContainText(CAMERA);
  await expect(page.getByRole('heading', { name: 'Drop photo folders here' })).toBeHidden();

  // The engine really scanned the folder: the counts come from it, not from the picker.
  const photos = photosIn(CAMERA).length;
  await expect(page.getByTestId('library-summary')).toHaveText(`1 folder · ${photos} photos`);
  await expect(page.getByTestId('status-library')).toContainText(`${photos} photos`);
  await app.screenshot('add-folder');

  expect(app.pageErrors, 'the page logged errors (CSP violations?)').toEqual([]);
});

test('a drop the app cannot locate on disk says what to do instead', async ({ app }) => {
  const { page } = app;
  await app.waitForEvent('app-loaded');
  // A file made in the page has no path on disk, in either mode (webUtils answers '').
  const dataTransfer = await page.evaluateHandle(() => {
    const scope = globalThis as unknown as {
      DataTransfer: new () => { items: { add(file: unknown): void } };
      File: new (parts: string[], name: string, options: { type: string }) => unknown;
    };
    const transfer = new scope.DataTransfer();
    transfer.items.add(new scope.File(['not a photo'], 'note.jpg', { type: 'image/jpeg' }));
    return transfer;
  });

  await page.dispatchEvent('body', 'dragenter', { dataTransfer });
  await expect(page.getByRole('heading', { name: 'Release to add these folders' })).toBeVisible();
  await page.dispatchEvent('body', 'drop', { dataTransfer });

  await expect(page.getByRole('status').filter({ hasText: 'could not read where' })).toContainText(
    'Use “Add folder…” instead.',
  );
  await expect(page.getByRole('heading', { name: 'Drop photo folders here' })).toBeVisible();
  await expect(page.getByTestId('folder-row')).toHaveCount(0);
});
