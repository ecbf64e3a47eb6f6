// The one app window: sandboxed, isolated, no Node in the page; shown once it has painted.
import { BrowserWindow } from 'electron';
import { devServerUrl, preloadFile, rendererFile } from './pages';

export function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 720,
    minHeight: 480,
    title: 'Facet',
    show: false,
    backgroundColor: '#1e1e1e',
    webPreferences: {
      preload: preloadFile(),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  const dev = devServerUrl();
  if (dev !== null) void window.loadURL(dev.href);
  else void window.loadFile(rendererFile());
  return window;
}
