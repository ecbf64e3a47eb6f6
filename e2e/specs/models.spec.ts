import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startModelServer } from '../../main/engine/models/model-server.fixture';
import { expect, launchApp, test } from '../harness/app';
import { REPO_ROOT } from '../harness/modes';
import { CAMERA, photosIn } from './fixture-paths';

const TINY = join(REPO_ROOT, 'assets', 'models', 'tiny-clip-shapes');

test('the Models screen installs a model with progress, switches to it and names a broken import', async () => {
  test.setTimeout(120_000);
  const work = await mkdtemp(join(tmpdir(), 'facet-e2e-models-'));
  const server = await startModelServer(TINY);
  const shipped = JSON.parse(
    await readFile(join(REPO_ROOT, 'assets', 'models', 'catalog.json'), 'utf8'),
  );
  const served = {
    ...server.catalogEntry('shapes-served'),
    title: 'Shapes model (from a local server)',
    description: 'The demo model again, downloaded over HTTP with resume and SHA-256 checks.',
  };
  await writeFile(
    join(work, 'catalog.json'),
    JSON.stringify({ ...shipped, models: [served, ...shipped.models] }),
  );
  const broken = join(work, 'broken-model');
  await cp(TINY, broken, { recursive: true });
  await rm(join(broken, 'textual', 'tokenizer.json'));
  // The engine host inherits the environment: it reads this catalog instead of the shipped one.
  process.env['FACET_MODEL_CATALOG'] = join(work, 'catalog.json');
  const app = await launchApp();
  try {
    const { page } = app;
    await app.waitForEvent('app-loaded');
    await app.chooseFolders([CAMERA]);
    let mark = await app.eventMark();
    await page.getByRole('button', { name: 'Add folder…' }).click();
    await app.waitForEvent('library-changed', { after: mark });

    // First run: only the demo model, a welcome with a suggestion for this computer.
    mark = await app.eventMark();
    await page.getByTestId('view-models').click();
    await app.waitForEvent('models-loaded', { after: mark });
    const welcome = page.getByTestId('model-welcome');
    await expect(welcome).toContainText('Choose the model that tags your photos');
    await expect(welcome).toContainText('Recommended for you');
    await expect(welcome.getByTestId('model-hardware')).toContainText('no usable GPU');
    await expect(page.getByTestId('installed-tiny-clip-shapes')).toContainText('Active');
    await app.screenshot('models-first-run');

    // A slow download shows bytes, speed and time left, and can be cancelled.
    server.throttle(1_500_000);
    mark = await app.eventMark();
    await page.getByTestId('install-shapes-served').click();
    await app.waitForEvent('models-download-downloading', { after: mark });
    const download = page.getByTestId('download-shapes-served');
    await expect(download).toContainText(/MB of 11 MB · [\d.]+ (MB|kB)\/s · about \d+ s left/);
    await expect(download.getByRole('progressbar')).toBeVisible();
    await download.scrollIntoViewIfNeeded();
    await app.screenshot('models-downloading');
    mark = await app.eventMark();
    await download.getByRole('button', { name: 'Cancel' }).click();
    await app.waitForEvent('models-download-cancelled', { after: mark });
    await expect(page.getByTestId('install-shapes-served')).toBeVisible();

    // Installed at full speed, then switched to.
    server.throttle(null);
    mark = await app.eventMark();
    await page.getByTestId('install-shapes-served').click();
    await app.waitForEvent('models-download-installed', { after: mark });
    await expect(page.getByTestId('installed-shapes-served')).toBeVisible();
    await expect(page.getByTestId('catalog-shapes-served')).toContainText('Installed');
    mark = await app.eventMark();
    await page.getByTestId('use-shapes-served').click();
    await app.waitForEvent('models-switched', { after: mark });
    await expect(page.getByTestId('installed-shapes-served')).toContainText('Active');
    await expect(page.getByTestId('models-summary')).toContainText('Using shapes-served');
    await expect(page.getByTestId('models-message')).toContainText(
      'your confirmed and rejected tags are kept',
    );
    await expect(page.getByTestId('model-welcome')).toBeHidden();
    // The photos the new model had not seen were queued and indexed with it.
    await expect(page.getByTestId('installed-shapes-served')).toContainText(
      `${photosIn(CAMERA).length} photos indexed with it`,
    );
    await page.getByRole('heading', { name: 'Models' }).scrollIntoViewIfNeeded();
    await app.screenshot('models-switched');

    // A broken folder is refused, naming the missing file.
    await app.chooseFolders([broken]);
    mark = await app.eventMark();
    await page.getByRole('button', { name: 'Import model folder…' }).click();
    await app.waitForEvent('models-error', { after: mark });
    await expect(page.getByTestId('models-message')).toContainText(
      'textual/tokenizer.json is missing',
    );
    await expect(page.getByTestId('installed-broken-model')).toHaveCount(0);
    await app.screenshot('models-import-refused');
    // The browser bridge answers a refused call (the cancelled install, the import) with a 400.
    const errors = app.pageErrors.filter((e) => !e.includes('status of 400 (Bad Request)'));
    expect(errors, 'the page logged errors (CSP violations?)').toEqual([]);
  } finally {
    await app.close();
    await server.close();
    delete process.env['FACET_MODEL_CATALOG'];
    await rm(work, { recursive: true, force: true });
  }
});
