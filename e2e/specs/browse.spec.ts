// The Photos view on the sample photos: filter, search, more like this (from a photo and from a
// file dropped from outside), the photo view, bulk confirm, and a 100,000-row scroll.
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import type { Page } from '@playwright/test';
import type { FacetApi } from '../../preload/contract';
import { openDatabase } from '../../native/sqlite';
import { expect, launchApp, test, type FacetApp } from '../harness/app';
import { SCREENSHOT_DIR } from '../harness/modes';
import { CAMERA, SHAPES, photosIn } from './fixture-paths';

/** The page globals the specs touch (this file is checked without the DOM library). */
interface PageScope {
  readonly facet: FacetApi;
  readonly document: {
    querySelector(selector: string): {
      scrollTop: number;
      readonly scrollHeight: number;
      readonly clientHeight: number;
    } | null;
  };
  readonly DataTransfer: new () => { readonly items: { add(file: unknown): void } };
  readonly File: new (parts: unknown[], name: string, options: { type: string }) => unknown;
  readonly PerformanceObserver: new (
    callback: (list: { getEntries(): { duration: number }[] }) => void,
  ) => { observe(options: object): void; disconnect(): void };
  requestAnimationFrame(callback: () => void): number;
  atob(text: string): string;
}

type Truth = { shape: string; colour: string; background: string };
const truth = JSON.parse(readFileSync(join(SHAPES, 'labels.json'), 'utf8')) as Record<
  string,
  Truth
>;
const truthOf = (path: string) => truth[relative(SHAPES, path).split(sep).join('/')] as Truth;

/** Adds the camera folder through the UI and waits until every photo is indexed. */
async function addCameraFolder(app: FacetApp): Promise<void> {
  await app.addFolders([CAMERA], photosIn(CAMERA).length);
  await showPhotos(app.page);
}

async function showPhotos(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Photos' }).first().click();
  await expect(page.getByTestId('photo-cell').first()).toBeVisible();
}

/** The built-in Shapes label set, added as a user would from the Labels view. */
async function addShapesLabelSet(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const added = await (globalThis as unknown as PageScope).facet.invoke(
      'labels:addBuiltIn',
      'shapes',
    );
    if (!added.ok) throw new Error(added.error.message);
    return added.result.id;
  });
}

const cellPaths = (page: Page) =>
  page.getByTestId('photo-cell').evaluateAll((cells) => cells.map((c) => c.getAttribute('title')));

test('select photos, confirm a tag on all of them, and filter by it across a restart', async ({
  app,
}) => {
  const { page } = app;
  await addCameraFolder(app);
  await addShapesLabelSet(page);
  await page.reload();
  await app.waitForEvent('photos-loaded');
  await expect(page.getByTestId('photos-count')).toHaveText(`${photosIn(CAMERA).length} photos`);

  // Click the first, shift-click the third, ctrl-click the fifth: four photos, not five.
  const cells = page.getByTestId('photo-cell');
  await cells.nth(0).click();
  await cells.nth(2).click({ modifiers: ['Shift'] });
  await cells.nth(4).click({ modifiers: ['Control'] });
  await expect(page.getByTestId('selection-count')).toHaveText('4 selected');
  const chosen = (await cellPaths(page)).filter((_, i) => [0, 1, 2, 4].includes(i));
  await page.getByRole('combobox', { name: 'Keyword to tag' }).fill('circ');
  await page.getByRole('option', { name: 'circle (Shapes)' }).click();
  await app.screenshot('browse-bulk-selection');
  await page.getByRole('button', { name: 'Confirm on all' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Confirmed' })).toHaveText(
    'Confirmed “circle” (Shapes) on 4 photos.',
  );

  await page.getByRole('button', { name: 'Filter…' }).click();
  await page.getByRole('checkbox', { name: 'circle' }).check();
  await page.getByRole('checkbox', { name: 'Confirmed', exact: true }).check();
  await app.screenshot('browse-filter-panel');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByTestId('photo-cell')).toHaveCount(4);
  expect((await cellPaths(page)).sort()).toEqual([...chosen].sort());
  await expect(page.getByTestId('filter-chip')).toHaveText(['circle', 'Confirmed']);
  await app.screenshot('browse-filtered');

  // The filter survives a restart of the window.
  await page.reload();
  await app.waitForEvent('photos-loaded');
  await expect(page.getByTestId('filter-chip')).toHaveCount(2);
  await expect(page.getByTestId('photo-cell')).toHaveCount(4);
  await page.getByRole('button', { name: 'Remove filter circle' }).click();
  await page.getByRole('button', { name: 'Remove filter Confirmed' }).click();
  await expect(page.getByTestId('photo-cell')).toHaveCount(photosIn(CAMERA).length);

  // A rubber band dragged from the grid's margin over the first two photos selects them.
  await page.keyboard.press('Escape');
  const grid = await page.getByTestId('photo-grid').boundingBox();
  const second = await page.getByTestId('photo-cell').nth(1).boundingBox();
  if (grid === null || second === null) throw new Error('the grid is not on screen');
  await page.mouse.move(grid.x + 3, grid.y + 3);
  await page.mouse.down();
  await page.mouse.move(second.x + second.width / 2, second.y + second.height / 2, { steps: 6 });
  await expect(page.getByTestId('rubber-band')).toBeVisible();
  await page.mouse.up();
  await expect(page.getByTestId('selection-count')).toHaveText('2 selected');
  await expect(page.getByTestId('photo-cell').nth(0)).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('photo-cell').nth(1)).toHaveAttribute('aria-selected', 'true');

  // The zoom slider makes thumbnails larger, fewer to a row.
  await page.getByLabel('Thumbnail size').fill('320');
  await expect
    .poll(async () => (await page.getByTestId('photo-cell').nth(0).boundingBox())?.width ?? 0)
    .toBeGreaterThan(second.width * 1.4);
  expect(app.pageErrors.filter((e) => !e.includes('404'))).toEqual([]);
});

test('free-text search ranks what the words describe; the cut-off is the user’s', async ({
  app,
}) => {
  const { page } = app;
  await addCameraFolder(app);
  // The colour and shape the camera folder has most of, asked for in words.
  const counts = new Map<string, number>();
  for (const path of photosIn(CAMERA)) {
    const t = truthOf(path);
    counts.set(`${t.colour} ${t.shape}`, (counts.get(`${t.colour} ${t.shape}`) ?? 0) + 1);
  }
  const [wanted, howMany] = [...counts].sort((a, b) => b[1] - a[1])[0] as [string, number];
  await page.getByLabel('Search photos').fill(`a ${wanted}`);
  const mark = await app.eventMark();
  await page.getByLabel('Search photos').press('Enter');
  await app.waitForEvent('search-done', { after: mark });
  await expect(page.getByRole('heading', { name: `Results for “a ${wanted}”` })).toBeVisible();
  // The first cut-off shows the matches and nothing else.
  // Near-duplicates fold into the first of them: count each cell with what it holds.
  const cells = await page
    .getByTestId('photo-cell')
    .evaluateAll((list) =>
      list.map(
        (c) => [c.getAttribute('title'), Number(c.getAttribute('data-duplicates'))] as const,
      ),
    );
  let covered = 0;
  const top: string[] = [];
  for (const [path, folded] of cells) {
    const t = truthOf(path as string);
    top.push(`${t.colour} ${t.shape}`);
    covered += 1 + folded;
  }
  expect(covered).toBe(howMany);
  expect(top).toEqual(new Array(top.length).fill(wanted));
  await app.screenshot('browse-search');

  // All the way left shows every photo; all the way right only the best one.
  const slider = page.getByLabel('Relevance cut-off');
  await slider.fill(await slider.getAttribute('min').then(String));
  await expect(page.getByTestId('search-count')).toContainText(
    `of ${photosIn(CAMERA).length} photos`,
  );
  const all = await page.getByTestId('photo-cell').count();
  await slider.fill(await slider.getAttribute('max').then(String));
  await expect(page.getByTestId('photo-cell')).toHaveCount(1);
  expect(all).toBeGreaterThan(howMany);
  await page.getByRole('button', { name: 'Back to all photos' }).click();
  await expect(page.getByTestId('photos-count')).toBeVisible();
});

test('more like this from a photo, and from a photo dropped on the search box', async ({ app }) => {
  const { page } = app;
  await addCameraFolder(app);
  const source = (await cellPaths(page))[3] as string;
  await page.getByTestId('photo-cell').nth(3).dblclick();
  await expect(page.getByTestId('photo-view')).toBeVisible();
  let mark = await app.eventMark();
  await page.getByRole('button', { name: 'More like this' }).click();
  await app.waitForEvent('search-done', { after: mark });
  const name = source.split(sep).pop() as string;
  await expect(
    page.getByRole('heading', { name: `Results for photos like ${name}` }),
  ).toBeVisible();
  await page.getByLabel('Relevance cut-off').fill('-1');
  const [first, ...like] = (await cellPaths(page)) as string[];
  expect(first, 'more like this starts from the photo').toBe(source);
  expect(like).not.toContain(source);
  const shared = (path: string) => {
    const a = truthOf(path);
    const b = truthOf(source);
    return +(a.shape === b.shape) + +(a.colour === b.colour) + +(a.background === b.background);
  };
  const mean = (list: number[]) => list.reduce((x, y) => x + y, 0) / list.length;
  expect(mean(like.slice(0, 3).map(shared))).toBeGreaterThan(mean(like.map(shared)));
  await app.screenshot('browse-more-like-this');

  // A file from outside the library: its bytes are searched with, and it is not added.
  const small = photosIn(CAMERA).find((path) => readFileSync(path).length < 300_000) as string;
  const transfer = await page.evaluateHandle(
    ([base64, fileName]) => {
      const scope = globalThis as unknown as PageScope;
      const bytes = Uint8Array.from(scope.atob(base64 as string), (c) => c.charCodeAt(0));
      const data = new scope.DataTransfer();
      data.items.add(new scope.File([bytes], fileName as string, { type: 'image/jpeg' }));
      return data;
    },
    [readFileSync(small).toString('base64'), 'holiday.jpg'],
  );
  mark = await app.eventMark();
  await page.dispatchEvent('form[role="search"]', 'dragover', { dataTransfer: transfer });
  await page.dispatchEvent('form[role="search"]', 'drop', { dataTransfer: transfer });
  await app.waitForEvent('search-done', { after: mark });
  await expect(
    page.getByRole('heading', { name: 'photos like holiday.jpg (dropped, not added)' }),
  ).toBeVisible();
  expect((await cellPaths(page))[0]).toBe(small);
  await expect(page.getByRole('heading', { name: 'Drop photo folders here' })).toBeHidden();
  const status = await page.evaluate(async () => {
    const outcome = await (globalThis as unknown as PageScope).facet.invoke('engine:status');
    if (!outcome.ok) throw new Error(outcome.error.message);
    return outcome.result;
  });
  expect(status.library.files).toBe(photosIn(CAMERA).length);
  await app.screenshot('browse-dropped-photo');
});

test('the photo view: tags with scores, decisions by key, arrows, details, file actions', async ({
  app,
}) => {
  const { page } = app;
  await addCameraFolder(app);
  await addShapesLabelSet(page);
  await page.reload();
  await app.waitForEvent('photos-loaded');
  const paths = (await cellPaths(page)) as string[];
  await page.getByTestId('photo-cell').nth(0).click();
  await page.keyboard.press('Enter');
  const view = page.getByTestId('photo-view');
  await expect(view.getByRole('heading', { level: 2 })).toHaveText(
    paths[0]?.split(sep).pop() ?? '',
  );
  await expect(view.getByTestId('viewer-tag').first()).toBeVisible();
  await expect(view.getByText('Size', { exact: true })).toBeVisible();
  await app.screenshot('browse-photo-view');

  await page.keyboard.press('c');
  await expect(view.getByTestId('viewer-tag').first()).toContainText('confirmed');
  await page.keyboard.press('u');
  await expect(view.getByTestId('viewer-tag').first()).toContainText('suggested');
  await page.keyboard.press('ArrowRight');
  await expect(view.getByRole('heading', { level: 2 })).toHaveText(
    paths[1]?.split(sep).pop() ?? '',
  );
  await page.keyboard.press('ArrowLeft');
  await expect(view.getByRole('heading', { level: 2 })).toHaveText(
    paths[0]?.split(sep).pop() ?? '',
  );

  const beforeShell = await app.eventMark();
  await view.getByRole('button', { name: 'Show in folder' }).click();
  await app.waitForEvent('photo-shown-in-folder', { after: beforeShell });
  await view.getByRole('button', { name: 'Open with default app' }).click();
  await app.waitForEvent('photo-opened-outside', { after: beforeShell });
  const asked = await app.shellRequests();
  if (asked !== null)
    expect(asked).toEqual([
      { channel: 'shell:showInFolder', path: paths[0] },
      { channel: 'shell:openPath', path: paths[0] },
    ]);
  await page.keyboard.press('Escape');
  await expect(view).toBeHidden();
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await app.screenshot('browse-help');
});

test('the grid scrolls through 100,000 photos; frame times from the performance timeline', async () => {
  test.setTimeout(180_000);
  const before = new Set(readdirSync(tmpdir()));
  const app = await launchApp();
  try {
    const { page } = app;
    await app.waitForEvent('app-loaded');
    const made = readdirSync(tmpdir()).filter((d) => d.startsWith('facet-e2e-') && !before.has(d));
    expect(made).toHaveLength(1);
    const db = openDatabase(join(tmpdir(), made[0] as string, 'library', 'library.db'));
    try {
      db.transaction(() => {
        const root = db
          .prepare(`INSERT INTO roots (path, kind, added_at) VALUES ('/synthetic', 'folder', 0)`)
          .run().lastInsertRowid;
        const insert = db.prepare(
          `INSERT INTO files (root_id, path, size, mtime_ms, fingerprint, added_at)
           VALUES (?, ?, 1000, ?, ?, 0)`,
        );
        for (let i = 0; i < 100_000; i++) {
          const folder = `/synthetic/roll-${String(Math.floor(i / 1000)).padStart(3, '0')}`;
          insert.run(root, `${folder}/img-${String(i).padStart(6, '0')}.jpg`, i, `synthetic-${i}`);
        }
      })();
    } finally {
      db.close();
    }
    await page.reload();
    await app.waitForEvent('app-loaded');
    await showPhotos(page);
    await expect(page.getByTestId('photos-count')).toHaveText('100,000 photos');

    const frames = await page.evaluate(async () => {
      const scope = globalThis as unknown as PageScope;
      const grid = scope.document.querySelector('[data-testid="photo-grid"]');
      if (grid === null) throw new Error('no grid');
      const steps = 240;
      const end = grid.scrollHeight - grid.clientHeight;
      performance.clearMarks('facet-frame');
      const long: number[] = [];
      const observer = new scope.PerformanceObserver((list) =>
        list.getEntries().forEach((entry) => long.push(entry.duration)),
      );
      try {
        observer.observe({ type: 'long-animation-frame', buffered: false });
      } catch {
        // older engines have no long-animation-frame entries: frame marks still tell
      }
      await new Promise<void>((done) => {
        let step = 0;
        const frame = () => {
          performance.mark('facet-frame');
          if (step > steps) return done();
          grid.scrollTop = (end * step) / steps;
          step++;
          scope.requestAnimationFrame(frame);
        };
        scope.requestAnimationFrame(frame);
      });
      observer.disconnect();
      const marks = performance.getEntriesByName('facet-frame').map((m) => m.startTime);
      const gaps = marks.slice(1).map((t, i) => t - (marks[i] as number));
      return { gaps, long, scrolled: grid.scrollTop, end };
    });
    // The last rows are real rows of the library, fetched page by page on the way down.
    await expect(page.getByTestId('photo-cell').last()).toHaveAttribute(
      'title',
      '/synthetic/roll-099/img-099999.jpg',
    );
    const sorted = [...frames.gaps].sort((a, b) => a - b);
    const at = (p: number) =>
      sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
    const report = {
      rows: 100_000,
      frames: sorted.length,
      median_ms: Math.round(at(0.5) * 10) / 10,
      p95_ms: Math.round(at(0.95) * 10) / 10,
      max_ms: Math.round((sorted.at(-1) ?? 0) * 10) / 10,
      long_animation_frames: frames.long.length,
    };
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    writeFileSync(join(SCREENSHOT_DIR, 'scroll-frames.json'), JSON.stringify(report, null, 2));
    console.log(`scroll through 100,000 rows: ${JSON.stringify(report)}`);
    test.info().annotations.push({ type: 'frame times', description: JSON.stringify(report) });
    await app.screenshot('browse-scroll-100k');
    expect(frames.scrolled).toBeGreaterThanOrEqual(frames.end - 1);
    // Each frame jumps ~50 rows of fresh thumbnails; a frame over 100 ms is a visible stall.
    expect(report.median_ms).toBeLessThan(100);
  } finally {
    await app.close();
  }
});
