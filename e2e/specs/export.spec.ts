import { copyFile, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exiftoolCli, list, readBack, sha256 } from '../../main/engine/export/exiftool-cli.fixture';
import { expect, launchApp, test } from '../harness/app';
import { SHAPES } from './fixture-paths';

test('the Export dialog imports keywords, previews the sidecar changes, writes them with progress and a CSV', async () => {
  test.setTimeout(120_000);
  const work = await mkdtemp(join(tmpdir(), 'facet-e2e-export-'));
  const photos = join(work, 'Trip');
  const tables = join(work, 'tables');
  await mkdir(photos);
  await mkdir(tables);
  const heron = join(photos, 'heron.jpg');
  const harbour = join(photos, 'harbour.jpg');
  await copyFile(join(SHAPES, 'albums/2021/summer/DSC0240039.jpg'), heron);
  await copyFile(join(SHAPES, 'albums/2023/Trip to the coast/IMG_0240069.jpg'), harbour);
  await copyFile(join(SHAPES, 'albums/2021/summer/IMG_0240117.png'), join(photos, 'chart.png'));
  // Another app's work: an Adobe sidecar with a keyword path, and a digiKam sidecar with a
  // title, a rating and a keyword of the user's.
  await exiftoolCli([
    '-o',
    join(photos, 'heron.xmp'),
    '-XMP-lr:HierarchicalSubject=Animals|Bird|Heron',
    heron,
  ]);
  await exiftoolCli([
    '-o',
    `${harbour}.xmp`,
    '-XMP-dc:Title=Harbour at dawn',
    '-XMP-xmp:Rating=3',
    '-XMP-dc:Subject=Holiday',
    harbour,
  ]);
  const hashes = [await sha256(heron), await sha256(harbour)];

  const app = await launchApp();
  try {
    const { page } = app;
    await app.waitForEvent('app-loaded');
    await app.chooseFolders([photos]);
    let mark = await app.eventMark();
    await page.getByRole('button', { name: 'Add folder…' }).click();
    await app.waitForEvent('library-changed', { after: mark });

    mark = await app.eventMark();
    await page.getByTestId('view-export').click();
    await app.waitForEvent('export-loaded', { after: mark });
    await expect(page.getByTestId('export-summary')).toHaveText(
      '0 of 3 photos have tags to export (0 tags)',
    );

    // Import: a preview first, then the keywords become confirmed tags.
    await page.getByRole('button', { name: 'Import keywords…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import keywords' });
    mark = await app.eventMark();
    await dialog.getByRole('button', { name: 'Preview' }).click();
    await app.waitForEvent('import-preview-done', { after: mark });
    const found = dialog.getByTestId('import-file');
    await expect(found).toHaveCount(2);
    await expect(found.nth(0)).toContainText('harbour.jpg');
    await expect(found.nth(0)).toContainText('Holiday (new)');
    await expect(found.nth(1)).toContainText('Animals/Bird/Heron (new)');
    mark = await app.eventMark();
    await dialog.getByRole('button', { name: 'Import keywords' }).click();
    await app.waitForEvent('import-done', { after: mark });
    await expect(dialog.getByTestId('import-results')).toContainText(
      '2 tags confirmed on 2 photos; 2 new labels added to “Imported”',
    );
    await app.screenshot('export-import-done');
    await dialog.getByRole('button', { name: 'Close' }).first().click();
    await expect(page.getByTestId('export-summary')).toHaveText(
      '2 of 3 photos have tags to export (2 tags)',
    );

    // Export: the preview lists the changes and writes nothing.
    await page.getByRole('button', { name: 'Export tags…' }).click();
    const exportDialog = page.getByRole('dialog', { name: 'Export tags' });
    await expect(exportDialog.getByTestId('export-scope')).toHaveText(
      'The whole library: 2 photos with 2 tags to export (of 3 photos)',
    );
    await app.screenshot('export-dialog');
    mark = await app.eventMark();
    await exportDialog.getByRole('button', { name: 'Preview changes' }).click();
    await app.waitForEvent('export-dry-run-done', { after: mark });
    const planned = exportDialog.getByTestId('export-file');
    await expect(planned).toHaveCount(2);
    await expect(planned.nth(0)).toContainText('Will update');
    await expect(planned.nth(0)).toContainText('harbour.jpg.xmp');
    await expect(planned.nth(1)).toContainText('Will create');
    await expect(planned.nth(1)).toContainText('heron.jpg.xmp');
    await expect(planned.nth(1)).toContainText('+ Animals/Bird/Heron');
    await app.screenshot('export-preview');
    expect(await readdir(photos)).not.toContain('heron.jpg.xmp');

    // The real export: progress events, then the report; the files say what the report says.
    mark = await app.eventMark();
    await exportDialog.getByRole('button', { name: 'Write sidecars' }).click();
    await app.waitForEvent('export-done', { after: mark });
    await app.waitForEvent('export-progress', { after: mark });
    await expect(exportDialog.getByTestId('export-results')).toContainText(
      '1 sidecar created, 1 file updated, 0 already up to date.',
    );
    await app.screenshot('export-done');
    const written = await readBack(`${heron}.xmp`);
    expect(list(written, 'XMP-dc:Subject')).toEqual(['Animals', 'Bird', 'Heron']);
    expect(list(written, 'XMP-lr:HierarchicalSubject')).toEqual(['Animals|Bird|Heron']);
    expect(list(written, 'XMP-digiKam:TagsList')).toEqual(['Animals/Bird/Heron']);
    const merged = await readBack(`${harbour}.xmp`);
    expect(merged['XMP-dc:Title']).toBe('Harbour at dawn');
    expect(merged['XMP-xmp:Rating']).toBe(3);
    expect(list(merged, 'XMP-dc:Subject')).toEqual(['Holiday']);
    expect(list(merged, 'XMP-digiKam:TagsList')).toEqual(['Holiday']);
    expect([await sha256(heron), await sha256(harbour)]).toEqual(hashes);

    // Exporting again changes nothing.
    mark = await app.eventMark();
    await exportDialog.getByRole('button', { name: 'Write sidecars' }).click();
    await app.waitForEvent('export-done', { after: mark });
    await expect(exportDialog.getByTestId('export-results')).toContainText(
      '0 sidecars created, 0 files updated, 2 already up to date.',
    );

    // Writing into the originals is opt-in and says what it does first.
    await exportDialog
      .getByLabel('Also write keywords into the JPEG and TIFF files themselves')
      .check();
    await expect(exportDialog.getByTestId('embed-warning')).toContainText(
      'This changes your photo files.',
    );
    await expect(
      exportDialog.getByLabel('Keep a copy of each original first (photo.jpg_original)'),
    ).toBeChecked();
    await expect(
      exportDialog.getByRole('button', { name: 'Write sidecars and photos' }),
    ).toBeVisible();
    await app.screenshot('export-embed-warning');
    await page.emulateMedia({ colorScheme: 'dark' });
    await app.screenshot('export-embed-warning-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await exportDialog
      .getByLabel('Also write keywords into the JPEG and TIFF files themselves')
      .uncheck();

    // CSV into a chosen folder.
    await exportDialog.getByText('CSV', { exact: true }).click();
    await app.chooseFolders([tables]);
    await exportDialog.getByRole('button', { name: 'Choose folder…' }).click();
    await expect(exportDialog.getByTestId('export-folder')).toHaveText(tables);
    mark = await app.eventMark();
    await exportDialog.getByRole('button', { name: 'Export', exact: true }).click();
    await app.waitForEvent('export-done', { after: mark });
    await expect(exportDialog.getByTestId('export-results')).toContainText('facet-tags.csv');
    const csv = await readFile(join(tables, 'facet-tags.csv'), 'utf8');
    expect(csv).toContain(`${heron},Animals/Bird/Heron,Imported,confirmed,`);
    expect(csv).toContain(`${harbour},Holiday,Imported,confirmed,`);

    expect(app.pageErrors, 'the page logged errors').toEqual([]);
  } finally {
    await app.close();
    await rm(work, { recursive: true, force: true });
  }
});
