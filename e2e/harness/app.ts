// One API for the specs, whichever mode runs them: launchApp() or the `app` fixture.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import type { FacetApi } from '../../preload/contract';
import { launchBrowserSession, type BrowserSession } from './browser-mode';
import { launchElectronSession, type ElectronSession } from './electron-mode';
import { SCREENSHOT_DIR, defaultMode, findElectron, type AppMode } from './modes';

export type { AppMode } from './modes';

export interface FacetApp {
  /** The open window; a new one after restart(), so read it again rather than keep it. */
  readonly page: Page;
  readonly mode: AppMode;
  /** The bridge server's address in browser mode; null in Electron mode. */
  readonly url: string | null;
  /**
   * Closes the app, engine included, and opens it again on the same library, in the same mode;
   * `whileClosed` gets the library folder between the two (to change its files as a crash would).
   */
  restart(whileClosed?: (libraryDir: string) => Promise<void>): Promise<void>;
  /** Sets what the folder picker answers the next time the app opens it. */
  chooseFolders(paths: readonly string[]): Promise<void>;
  /**
   * Once the app has loaded, adds `folders` as a user does (the picker, then Add folder…) and
   * waits until their `photos` are all embedded.
   */
  addFolders(
    folders: readonly string[],
    photos: number,
    options?: { readonly timeout?: number },
  ): Promise<void>;
  /**
   * What the desktop was asked to show or open ({channel, path}, in order) in browser mode, where
   * the bridge records it; null in Electron mode, where the real shell answers.
   */
  shellRequests(): Promise<unknown[] | null>;
  /** How many UI events were recorded so far: pass it as `after` to wait for a newer one. */
  eventMark(): Promise<number>;
  /** Waits until the renderer records `name` (at or after the mark, when given). */
  waitForEvent(name: string, options?: { readonly after?: number }): Promise<void>;
  /** Waits until the engine is idle with at least `count` photos embedded; returns how many are. */
  waitUntilEmbedded(count: number, options?: { readonly timeout?: number }): Promise<number>;
  /** Saves e2e/screenshots/<name>.png and returns its path. */
  screenshot(name: string): Promise<string>;
  /** Errors the page logged (CSP violations, uncaught exceptions). */
  readonly pageErrors: readonly string[];
  close(): Promise<void>;
}

interface EventLog {
  __facetEvents?: string[];
}

/** Opens one session on `userDataDir` (its library lives there) and loads the app in it. */
async function openSession(
  mode: AppMode,
  userDataDir: string,
  pageErrors: string[],
): Promise<BrowserSession | ElectronSession> {
  let session: BrowserSession | ElectronSession;
  if (mode === 'electron') {
    const electron = findElectron();
    if (!electron.available) throw new Error(`Electron mode cannot run: ${electron.reason}`);
    session = await launchElectronSession(electron.binary, userDataDir);
  } else {
    session = await launchBrowserSession(userDataDir);
  }
  const { page } = session;
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  if (session.url !== null) await page.goto(session.url);
  return session;
}

export async function launchApp(options: { readonly mode?: AppMode } = {}): Promise<FacetApp> {
  const mode = options.mode ?? defaultMode();
  const userDataDir = await mkdtemp(join(tmpdir(), 'facet-e2e-'));
  const pageErrors: string[] = [];
  // Null only between a restart's close and its next launch, or after close().
  let session: BrowserSession | ElectronSession | null = null;
  try {
    session = await openSession(mode, userDataDir, pageErrors);
  } catch (error) {
    await rm(userDataDir, { recursive: true, force: true });
    throw error;
  }
  const open = (): BrowserSession | ElectronSession => {
    if (session === null) throw new Error('The app is not open');
    return session;
  };

  const app: FacetApp = {
    get page() {
      return open().page;
    },
    mode,
    get url() {
      return open().url;
    },
    pageErrors,
    async restart(whileClosed) {
      const closing = open();
      session = null;
      await closing.close();
      await whileClosed?.(join(userDataDir, 'library'));
      session = await openSession(mode, userDataDir, pageErrors);
    },
    chooseFolders: (paths) => open().chooseFolders(paths),
    async addFolders(folders, photos, { timeout = 90_000 } = {}) {
      await app.waitForEvent('app-loaded');
      await app.chooseFolders(folders);
      const mark = await app.eventMark();
      await app.page.getByRole('button', { name: 'Add folder…' }).first().click();
      await app.waitForEvent('library-changed', { after: mark });
      expect(await app.waitUntilEmbedded(photos, { timeout })).toBe(photos);
    },
    shellRequests: () => open().shellRequests(),
    eventMark: () =>
      open().page.evaluate(() => (globalThis as EventLog).__facetEvents?.length ?? 0),
    async waitForEvent(name, { after = 0 } = {}) {
      await open().page.waitForFunction(
        ([wanted, from]) =>
          ((globalThis as EventLog).__facetEvents ?? []).indexOf(wanted, from) >= 0,
        [name, after] as const,
      );
    },
    async waitUntilEmbedded(count, { timeout = 120_000 } = {}) {
      const embedded = () =>
        open().page.evaluate(async () => {
          const facet = (globalThis as unknown as { facet: FacetApi }).facet;
          const outcome = await facet.invoke('engine:status');
          if (!outcome.ok) return -1; // the engine may be restarting
          const status = outcome.result;
          return status.state === 'ready' ? status.library.embedded : -1;
        });
      await expect.poll(embedded, { timeout }).toBeGreaterThanOrEqual(count);
      return embedded();
    },
    async screenshot(name) {
      await mkdir(SCREENSHOT_DIR, { recursive: true });
      const path = join(SCREENSHOT_DIR, `${name}.png`);
      await open().page.screenshot({ path, animations: 'disabled' });
      return path;
    },
    async close() {
      const closing = session;
      session = null;
      try {
        await closing?.close();
      } finally {
        await rm(userDataDir, { recursive: true, force: true });
      }
    },
  };
  return app;
}

/** `test` with an `app` fixture: a fresh app per test, closed afterwards even when it fails. */
export const test = base.extend<{ appMode: AppMode | undefined; app: FacetApp }>({
  appMode: [undefined, { option: true }],
  app: async ({ appMode }, use, testInfo) => {
    const app = await launchApp(appMode === undefined ? {} : { mode: appMode });
    try {
      await use(app);
      if (testInfo.status !== testInfo.expectedStatus) {
        await app.page.screenshot({ path: testInfo.outputPath('failure.png') }).catch(() => {});
      }
    } finally {
      await app.close();
    }
  },
});

export { expect } from '@playwright/test';
