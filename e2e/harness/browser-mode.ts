// Browser mode: the built renderer in Debian's Chromium, the engine behind the bridge server, and
// the bridge preload injected before the renderer's scripts, as Electron injects the real one.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { TOKEN_COOKIE, TOKEN_HEADER } from './bridge-guard';
import { RENDERER_DIR, REPO_ROOT } from './modes';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

let preloadScript: Promise<string> | undefined;

/** The bridge preload as one classic script (built once per worker). */
function browserPreload(): Promise<string> {
  preloadScript ??= build({
    entryPoints: [join(__dirname, 'browser-preload.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    logLevel: 'silent',
  }).then((result) => {
    const file = result.outputFiles[0];
    if (file === undefined) throw new Error('esbuild produced no browser preload.');
    return file.text;
  });
  return preloadScript;
}

interface RunningBridge {
  readonly child: ChildProcess;
  readonly url: string;
  readonly token: string;
}

function startBridge(userDataDir: string): Promise<RunningBridge> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(__dirname, 'bridge-server.ts'),
      '--renderer',
      RENDERER_DIR,
      '--user-data',
      userDataDir,
    ],
    { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const onExit = (code: number | null): void =>
      reject(new Error(`The bridge server exited (code ${code}) before it was ready.`));
    child.once('exit', onExit);
    child.once('error', reject);
    lines.once('line', (line) => {
      child.off('exit', onExit);
      const { url, token } = JSON.parse(line) as { url: string; token: string };
      resolve({ child, url, token });
    });
  });
}

function stopBridge(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export interface BrowserSession {
  readonly page: Page;
  readonly url: string;
  chooseFolders(paths: readonly string[]): Promise<void>;
  /** What the desktop was asked to show or open, in order, as the bridge recorded it. */
  shellRequests(): Promise<unknown[]>;
  close(): Promise<void>;
}

export async function launchBrowserSession(userDataDir: string): Promise<BrowserSession> {
  const [script, bridge] = await Promise.all([browserPreload(), startBridge(userDataDir)]);
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({
      executablePath: process.env.FACET_CHROMIUM ?? '/usr/bin/chromium',
      headless: true,
      args: CHROMIUM_ARGS,
    });
    const context = await browser.newContext({ viewport: { width: 1180, height: 760 } });
    // The page proves itself with the run's token; SameSite=Strict keeps other sites from sending it.
    await context.addCookies([
      {
        name: TOKEN_COOKIE,
        value: bridge.token,
        url: bridge.url,
        sameSite: 'Strict',
        httpOnly: true,
      },
    ]);
    await context.addInitScript({ content: script });
    const page = await context.newPage();
    const opened = browser;
    return {
      page,
      url: bridge.url,
      async chooseFolders(paths) {
        const response = await fetch(new URL('facet/test/choose-folders', bridge.url), {
          method: 'POST',
          headers: { [TOKEN_HEADER]: bridge.token },
          body: JSON.stringify(paths),
        });
        if (!response.ok) throw new Error(`chooseFolders failed: HTTP ${response.status}`);
      },
      async shellRequests() {
        const response = await fetch(new URL('facet/test/shell-requests', bridge.url), {
          headers: { [TOKEN_HEADER]: bridge.token },
        });
        if (!response.ok) throw new Error(`shellRequests failed: HTTP ${response.status}`);
        return ((await response.json()) as { result: unknown[] }).result;
      },
      async close() {
        await opened.close();
        await stopBridge(bridge.child);
      },
    };
  } catch (error) {
    await browser?.close();
    await stopBridge(bridge.child);
    throw error;
  }
}
