import { expect, test } from '../harness/app';

test('a fresh install opens on an empty library that invites a drop', async ({ app }) => {
  const { page } = app;
  await app.waitForEvent('app-loaded');

  await expect(page.getByRole('heading', { name: 'Drop photo folders here' })).toBeVisible();
  await expect(
    page.getByText('Facet tags and searches your photos on this computer. Nothing leaves it.'),
  ).toBeVisible();
  const addFolder = page.getByRole('button', { name: 'Add folder…' });
  await expect(addFolder).toBeVisible();
  await expect(addFolder).toBeEnabled();

  const engine = page.getByTestId('status-engine');
  await expect(engine).toHaveAttribute('data-state', /^(starting|ready|indexing)$/);
  await expect(engine).toHaveText(/Starting engine…|Ready|Indexing/);
  await expect(page.getByTestId('status-model')).toContainText('Model');
  await expect(page.getByTestId('status-library')).toHaveText(/0 photos · 0 embedded/);
  await app.screenshot('first-screen');

  await page.emulateMedia({ colorScheme: 'dark' });
  await app.screenshot('first-screen-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  // Keyboard users reach the picker first.
  await page.keyboard.press('Tab');
  await expect(addFolder).toBeFocused();

  // A model can be chosen before any photo is added.
  await page.getByRole('button', { name: 'Choose a model for real photos…' }).click();
  await expect(page.getByTestId('model-welcome')).toBeVisible();
  await page.getByTestId('view-photos').click();
  await expect(page.getByRole('heading', { name: 'Drop photo folders here' })).toBeVisible();

  expect(app.pageErrors, 'the page logged errors (CSP violations?)').toEqual([]);
});
