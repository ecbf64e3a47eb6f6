// Hosts the engine in an Electron utilityProcess: crash-isolated from the main process, with its
// output logged and its crashes recovered by EngineClient.
import { app, utilityProcess, type UtilityProcess } from 'electron';
import { join } from 'node:path';
import { EngineClient, type HostConnection } from '../engine/host/engine-client';
import { forwardLines } from '../engine/host/output-lines';
import { isHostMessage, type HostMessage } from '../engine/host/protocol';
import { KILL_AFTER_MS } from '../engine/host/shutdown-grace';
import { log } from './log';
import { outDir } from './pages';

const SERVICE_NAME = 'Facet Engine';

function utilityConnection(child: UtilityProcess): HostConnection {
  let gone = false;
  child.once('exit', () => (gone = true));
  return {
    send: (message) => {
      if (!gone) child.postMessage(message);
    },
    onMessage: (listener: (message: HostMessage) => void) =>
      child.on('message', (message: unknown) => {
        if (isHostMessage(message)) listener(message);
      }),
    onExit: (listener) => child.on('exit', (code) => listener(code, `exit code ${code}`)),
    kill: () => {
      if (gone) return;
      child.kill();
      // A host stuck on an unanswering file ignores SIGTERM's exit: never let it outlive the app.
      const pid = child.pid;
      const timer = setTimeout(() => {
        if (!gone && pid !== undefined) process.kill(pid, 'SIGKILL');
      }, KILL_AFTER_MS);
      child.once('exit', () => clearTimeout(timer));
    },
  };
}

/** The built-in demo model: in <resources>/assets when packaged (electron-builder.yml), else the checkout's. */
function demoModelDir(): string {
  const assets = app.isPackaged
    ? join(process.resourcesPath, 'assets')
    : join(outDir(), '..', 'assets');
  return join(assets, 'models', 'tiny-clip-shapes');
}

export function startDesktopEngine(libraryDir: string): EngineClient {
  const entry = join(outDir(), 'main', 'engine-host.js');
  const args = ['--library', libraryDir, '--model', demoModelDir()];
  app.on('child-process-gone', (_event, details) => {
    if (details.type !== 'Utility' || details.name !== SERVICE_NAME) return;
    log(`engine host gone: ${details.reason} (exit code ${details.exitCode})`);
  });
  return new EngineClient(
    ({ repair }) => {
      const child = utilityProcess.fork(entry, repair ? [...args, '--repair'] : args, {
        serviceName: SERVICE_NAME,
        stdio: 'pipe',
        // NLLB models read label and search texts in the app's language (main/engine/clip/languages.ts).
        env: { ...process.env, FACET_LANGUAGE: process.env['FACET_LANGUAGE'] ?? app.getLocale() },
      });
      child.on('error', (type, location) => log(`engine host: ${type} at ${location}`));
      forwardLines(child.stdout, log);
      forwardLines(child.stderr, log);
      return utilityConnection(child);
    },
    { restart: true, log },
  );
}
