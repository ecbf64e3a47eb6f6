// Review mode on one label: photos with the label waiting, decided from the keyboard, progress,
// undo, the end of the review, and the export afterwards: a rejected tag is never written.
import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { FacetApi } from '../../preload/contract';
import { list, readBack } from '../../main/engine/export/exiftool-cli.fixture';
import { expect, test } from '../harness/app';
import { screenshotsAtSizes } from '../harness/screenshots';
import { CAMERA, photosIn } from './fixture-paths';

/** Invokes an engine call from the page, as the app does, and unwraps its outcome. */
async function call<T>(page: Page, channel: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(
    async ([c, a]) => {
      const invoke = (globalThis as unknown as { facet: FacetApi }).facet.invoke as (
        ch: string,
        ...rest: unknown[]
      ) => Promise<{ ok: boolean; result?: unknown; error?: { message: string } }>;
      const out = await invoke(c as string, ...(a as unknown[]));
      if (!out.ok) throw new Error(out.error?.message);
      return out.result;
    },
    [channel, args] as const,
  ) as Promise<T>;
}

/** The keywords a sidecar holds, every field and level ("Shapes|circle" -> Shapes, circle). */
async function sidecarWords(photo: string): Promise<string[] | null> {
  const sidecar = `${photo}.xmp`;
  if (!existsSync(sidecar)) return null;
  const tags = await readBack(sidecar);
  return ['XMP-dc:Subject', 'XMP-lr:HierarchicalSubject', 'XMP-digiKam:TagsList'].flatMap((field) =>
    list(tags, field).flatMap((value) => value.split(/[|/]/)),
  );
}

test('review one label with the keys: progress, undo, the end, and no rejected tag written', async ({
  app,
}) => {
  test.setTimeout(240_000);
  const { page } = app;
  const dir = await mkdtemp(join(tmpdir(), 'facet-review-e2e-'));
  try {
    // A copy of the camera folder: the export writes sidecars beside the photos.
    const folder = join(dir, 'camera');
    await cp(CAMERA, folder, { recursive: true });
    const total = photosIn(folder).length;
    await app.addFolders([folder], total);
    const shapes = (await call<{ id: number }>(page, 'labels:addBuiltIn', 'shapes')).id;
    // A second set, so every photo has something to export besides the label reviewed.
    await call(page, 'labels:addBuiltIn', 'colours');
    await page.getByRole('button', { name: 'Photos' }).first().click();
    await app.waitForEvent('photos-loaded');

    // The shape with the most suggestions waiting is the one to review.
    const waitingOn = async (label: string) =>
      (
        await call<{ total: number }>(
          page,
          'browse:photos',
          {
            filter: {
              labelSetId: shapes,
              labels: [{ labelSetId: shapes, label }],
              states: ['suggested'],
            },
            sort: { key: 'score', descending: true },
          },
          0,
          1,
        )
      ).total;
    const candidates = ['circle', 'square', 'triangle', 'star', 'cross', 'hexagon'];
    const counts = await Promise.all(candidates.map(waitingOn));
    const n = Math.max(...counts);
    const label = candidates[counts.indexOf(n)] as string;
    expect(n).toBeGreaterThanOrEqual(3);

    await page.getByRole('button', { name: 'Review suggestions…' }).click();
    await page.getByLabel('What to review').selectOption({ label });
    const mark = await app.eventMark();
    await page.getByRole('button', { name: 'Start review' }).click();
    await app.waitForEvent('review-started', { after: mark });
    const review = page.getByTestId('review-mode');
    const progress = page.getByTestId('review-progress');
    const position = review.locator('.review-position');
    const photoName = async () =>
      (await review.locator('.review-photo-name').getAttribute('title')) as string;
    await expect(progress).toHaveText(`0 of ${n} reviewed`);
    await expect(position).toHaveText(`Photo 1 of ${n}`);
    // The suggested tag with how sure Facet is, never a raw score.
    const tag = review.getByTestId('review-tag').first();
    await expect(tag).toContainText(label);
    await expect(tag).toContainText(/\d+ % sure/);
    await screenshotsAtSizes(app, 'review-mode');

    // Y confirms and moves on; N rejects; U undoes and goes back to that photo.
    const confirmedPhoto = await photoName();
    await page.keyboard.press('y');
    await expect(progress).toHaveText(`1 of ${n} reviewed`);
    await expect(position).toHaveText(`Photo 2 of ${n}`);
    const rejectedPhoto = await photoName();
    await page.keyboard.press('n');
    await expect(progress).toHaveText(`2 of ${n} reviewed`);
    await page.keyboard.press('u');
    await expect(progress).toHaveText(`1 of ${n} reviewed`);
    await expect(position).toHaveText(`Photo 2 of ${n}`);
    await expect(tag).toHaveAttribute('data-state', 'suggested');
    await page.keyboard.press('n');
    await expect(progress).toHaveText(`2 of ${n} reviewed`);
    // ← shows the photo just decided, with its rejection; Space goes on.
    await page.keyboard.press('ArrowLeft');
    await expect(position).toHaveText(`Photo 2 of ${n}`);
    await expect(tag).toHaveAttribute('data-state', 'rejected');
    await page.keyboard.press(' ');
    await expect(position).toHaveText(`Photo 3 of ${n}`);
    // A accepts all on this photo; in the grid, Ctrl+Z takes it back.
    await page.keyboard.press('a');
    await expect(progress).toHaveText(`3 of ${n} reviewed`);
    await page.keyboard.press('g');
    await expect(review.getByTestId('review-grid-cell')).toHaveCount(n);
    await page.keyboard.press('Control+z');
    await expect(progress).toHaveText(`2 of ${n} reviewed`);
    await expect(position).toHaveText(`Photo 3 of ${n}`);
    await expect(review.getByTestId('review-grid-cell').nth(2)).toHaveAttribute(
      'aria-current',
      'true',
    );
    await screenshotsAtSizes(app, 'review-mode-grid');

    // Confirming the rest finishes the review, which says so and leads back.
    for (let done = 2; done < n; done++) {
      await page.keyboard.press('Enter');
      await expect(progress).toHaveText(`${done + 1} of ${n} reviewed`);
    }
    await expect(page.getByTestId('review-finished')).toContainText(`All ${n} photos reviewed`);
    await page.getByRole('button', { name: 'Back to photos' }).click();
    await expect(review).toBeHidden();
    await expect(page.getByTestId('photo-grid')).toBeVisible();

    // The export writes suggestions too here, yet the rejected tag is not in the sidecar.
    await call(page, 'export:xmp', {
      fileIds: null,
      includeSuggested: true,
      sidecars: true,
      naming: 'ext',
      embed: false,
      keepBackup: false,
      dryRun: false,
    });
    const photoPath = (name: string) => photosIn(folder).find((p) => p.endsWith(name)) as string;
    expect(await sidecarWords(photoPath(confirmedPhoto.split(/[\\/]/).pop() as string))).toContain(
      label,
    );
    const rejectedWords = await sidecarWords(
      photoPath(rejectedPhoto.split(/[\\/]/).pop() as string),
    );
    expect(rejectedWords).not.toBeNull();
    expect((rejectedWords as string[]).length).toBeGreaterThan(0);
    expect(rejectedWords).not.toContain(label);
    expect(app.pageErrors.filter((e) => !e.includes('404'))).toEqual([]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
