// Where the app's own page comes from: the built renderer file, or electron-vite's dev server.
// Every privileged entry point (IPC, CSP) asks isAppPage() before trusting a frame.
import { app } from 'electron';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The dev server, honoured only when running unpackaged (`electron-vite dev`). */
export function devServerUrl(): URL | null {
  const url = process.env['ELECTRON_RENDERER_URL'];
  if (app.isPackaged || url === undefined || url === '') return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * The build's out/ folder, found from this bundle's own location (out/main/index.js, or a chunk
 * below it), so it holds however Electron was started (`electron .`, `electron out/main/index.js`).
 */
export function outDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  if (basename(dir) === 'chunks') dir = dirname(dir);
  return dirname(dir);
}

export function rendererFile(): string {
  return join(outDir(), 'renderer', 'index.html');
}

export function preloadFile(): string {
  return join(outDir(), 'preload', 'index.cjs');
}

/** True for the app's own page (ignoring query and hash), false for anything else. */
export function isAppPage(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const dev = devServerUrl();
  if (dev !== null) return parsed.origin === dev.origin;
  return parsed.protocol === 'file:' && parsed.pathname === pathToFileURL(rendererFile()).pathname;
}
