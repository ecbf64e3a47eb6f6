// The Electron main process: one window, one engine host, the photo protocol and the IPC wiring.
// Heavy work never runs here; the engine lives in a utilityProcess.
import { app, BrowserWindow } from 'electron';
import type { EngineClient } from '../engine/host/engine-client';
import { startDesktopEngine } from './engine-process';
import { registerIpc } from './ipc';
import { installMenu } from './menu';
import { devServerUrl } from './pages';
import { cachedLibraryRoots, handlePhotoRequests, registerPhotoScheme } from './protocol';
import { hardenWebContents } from './security';
import { createMainWindow } from './window';
import { log } from './log';

/** The library folder: `--library=DIR`, else $FACET_HOME, else the app's user-data folder. */
function libraryDir(): string {
  const fromSwitch = app.commandLine.getSwitchValue('library');
  if (fromSwitch !== '') return fromSwitch;
  const fromEnv = process.env['FACET_HOME'];
  return fromEnv !== undefined && fromEnv !== '' ? fromEnv : app.getPath('userData');
}

let mainWindow: BrowserWindow | null = null;
let engine: EngineClient | null = null;

function openWindow(): void {
  mainWindow = createMainWindow();
  mainWindow.on('closed', () => (mainWindow = null));
}

async function start(): Promise<void> {
  await app.whenReady();
  hardenWebContents();
  engine = startDesktopEngine(libraryDir());
  const roots = cachedLibraryRoots(engine);
  handlePhotoRequests(roots);
  registerIpc(engine, roots, () => mainWindow);
  installMenu({ dev: devServerUrl() !== null });
  openWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerPhotoScheme();
  app.on('second-instance', () => {
    if (mainWindow === null) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  let closing = false;
  app.on('before-quit', (event) => {
    // Close the engine first, so the library database is closed cleanly.
    if (engine === null || closing) return;
    closing = true;
    event.preventDefault();
    void engine.close().finally(() => {
      engine = null;
      app.quit();
    });
  });
  start().catch((error: unknown) => {
    log(
      `could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    app.exit(1);
  });
}
