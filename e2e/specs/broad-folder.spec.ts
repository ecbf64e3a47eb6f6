import { expect, test } from '../harness/app';

test('adding the whole disk asks first, saying how many photos it would index', async ({ app }) => {
  const { page } = app;
  await app.waitForEvent('app-loaded');
  await app.chooseFolders(['/']);

  const mark = await app.eventMark();
  await page.getByRole('button', { name: 'Add folder…' }).click();
  await app.waitForEvent('library-add-asks', { after: mark });
  const question = page.getByRole('status').filter({ hasText: 'Add this folder?' });
  await expect(question).toContainText(
    /\/ is the whole disk: Facet would index (at least )?[\d,]+ photos/,
  );
  await expect(question.getByRole('button', { name: 'Add anyway' })).toBeVisible();
  await app.screenshot('add-broad-folder');

  // Nothing was added while the question stands; dismissing it leaves the library empty.
  await question.getByRole('button', { name: 'Dismiss' }).click();
  await expect(question).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Drop photo folders here' })).toBeVisible();
  await expect(page.getByTestId('folder-row')).toHaveCount(0);
  expect(app.pageErrors, 'the page logged errors (CSP violations?)').toEqual([]);
});
