import { expect, test } from '../harness/app';
import { CAMERA, MISC, PHONE, photosIn } from './fixture-paths';

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

test('dropping two folders and a single photo on the window adds all three', async ({ app }) => {
  test.skip(app.mode === 'electron', 'Electron cannot be sent a drop of real files from a spec');
  const { page } = app;
  await app.waitForEvent('app-loaded');
  const single = photosIn(MISC)[0] as string;
  const dropped = [CAMERA, PHONE, single];
  const dataTransfer = await page.evaluateHandle((paths) => {
    const scope = globalThis as unknown as {
      DataTransfer: new () => { items: { add(file: unknown): void } };
      File: new (parts: string[], name: string) => unknown;
      __facetDropPaths: Record<string, string>;
    };
    scope.__facetDropPaths = {};
    const transfer = new scope.DataTransfer();
    for (const path of paths) {
      const name = path.split(/[\\/]/).pop() as string;
      scope.__facetDropPaths[name] = path;
      transfer.items.add(new scope.File([''], name));
    }
    return transfer;
  }, dropped);

  const mark = await app.eventMark();
  await page.dispatchEvent('body', 'dragenter', { dataTransfer });
  await page.dispatchEvent('body', 'drop', { dataTransfer });
  await app.waitForEvent('library-changed', { after: mark });
  await page.getByTestId('view-folders').click();

  const rows = page.getByTestId('folder-row');
  await expect(rows).toHaveCount(3);
  for (const path of dropped) await expect(rows.filter({ hasText: path })).toHaveCount(1);
  const photos = photosIn(CAMERA).length + photosIn(PHONE).length + 1;
  await expect(page.getByTestId('status-library')).toContainText(`${photos} photos`);
});

test('a refused call shows the user words for its code, not the plumbing’s', async ({ app }) => {
  const { page } = app;
  await app.waitForEvent('app-loaded');
  // A picker that answers a relative path: main refuses the library:add call it leads to.
  await app.chooseFolders(['holiday/2024']);

  const mark = await app.eventMark();
  await page.getByRole('button', { name: 'Add folder…' }).click();
  await app.waitForEvent('library-add-failed', { after: mark });

  const notice = page.getByRole('alert');
  await expect(notice).toHaveText(
    'Facet sent a request that its engine does not accept. This is a bug in Facet.',
  );
  await expect(notice).not.toContainText('library:add');
  await expect(notice).not.toContainText('Error');
  await expect(page.getByTestId('folder-row')).toHaveCount(0);
});
