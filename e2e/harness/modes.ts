// Which mode the specs run in: Electron where its binary is installed, the browser otherwise.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

export type AppMode = 'electron' | 'browser';

export const REPO_ROOT = resolve(__dirname, '..', '..');
export const RENDERER_DIR = join(REPO_ROOT, 'out', 'renderer');
export const ELECTRON_MAIN = join(REPO_ROOT, 'out', 'main', 'index.js');
// Outside Playwright's output folder, which each run empties: a run of one spec keeps the others' shots.
export const SCREENSHOT_DIR = join(REPO_ROOT, 'e2e', 'screenshots');

export type ElectronAvailability =
  | { readonly available: true; readonly binary: string }
  | { readonly available: false; readonly reason: string };

/** `require('electron')` is the binary's path when installed, and throws when it is not. */
export function findElectron(): ElectronAvailability {
  if (process.env.FACET_E2E_MODE === 'browser') {
    return { available: false, reason: 'browser mode was asked for' };
  }
  let binary: unknown;
  try {
    binary = createRequire(join(REPO_ROOT, 'package.json'))('electron');
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { available: false, reason: message.split('\n')[0] ?? message };
  }
  if (typeof binary !== 'string' || !existsSync(binary)) {
    return { available: false, reason: `electron resolves to ${String(binary)}, which is missing` };
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { available: false, reason: 'no display; run the tests under xvfb-run' };
  }
  return { available: true, binary };
}

export function defaultMode(): AppMode {
  if (process.env.FACET_E2E_MODE === 'electron') return 'electron';
  return findElectron().available ? 'electron' : 'browser';
}
