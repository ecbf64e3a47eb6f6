// Locks down every web page the app creates: a strict CSP on its own pages, no navigation away,
// no new windows, no webviews, no permission prompts.
import { app, session, type Session } from 'electron';
import { devServerUrl, isAppPage } from './pages';
import { log } from './log';

/** The app page's Content-Security-Policy (the renderer's index.html carries the same as a <meta>). */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' facet-media: data: blob:",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

// Vite's dev server needs its inline React refresh preamble and its HMR websocket.
function devPolicy(dev: URL): string {
  const socket = `${dev.protocol === 'https:' ? 'wss' : 'ws'}://${dev.host}`;
  return CONTENT_SECURITY_POLICY.replace(
    "script-src 'self'",
    "script-src 'self' 'unsafe-inline'",
  ).replace("connect-src 'self'", `connect-src 'self' ${socket}`);
}

function applyContentSecurityPolicy(target: Session): void {
  const dev = devServerUrl();
  const policy = dev === null ? CONTENT_SECURITY_POLICY : devPolicy(dev);
  target.webRequest.onHeadersReceived((details, callback) => {
    if (!isAppPage(details.url) && !(dev !== null && details.url.startsWith(dev.origin))) {
      callback({});
      return;
    }
    const headers = { ...details.responseHeaders };
    for (const name of Object.keys(headers)) {
      if (name.toLowerCase() === 'content-security-policy') delete headers[name];
    }
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [policy] } });
  });
}

function denyPermissions(target: Session): void {
  target.setPermissionRequestHandler((_contents, permission, callback) => {
    log(`denied a permission request: ${permission}`);
    callback(false);
  });
  target.setPermissionCheckHandler(() => false);
  target.setDevicePermissionHandler(() => false);
}

/** Call before any window exists. */
export function hardenWebContents(): void {
  applyContentSecurityPolicy(session.defaultSession);
  denyPermissions(session.defaultSession);
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      event.preventDefault();
      log(`blocked navigation to ${url}`);
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppPage(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      log(`blocked a new window for ${url}`);
      return { action: 'deny' };
    });
  });
}
