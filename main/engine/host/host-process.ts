// Starts the engine host as a Node child process: for the CLI, the browser-mode server and the
// tests. (The desktop app starts the same host.ts as an Electron utilityProcess instead.)
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Device } from '../engine-api';
import { EngineClient, type HostConnection } from './engine-client';
import { forwardLines } from './output-lines';
import { isHostMessage, type HostMessage } from './protocol';
import { terminate } from './shutdown-grace';

export interface EngineHostOptions {
  readonly libraryDir: string;
  readonly modelDir?: string;
  readonly device?: Device;
  readonly log?: (line: string) => void;
  /** Respawn the host after a crash (default true). */
  readonly restart?: boolean;
  /** A module exporting `createEngine` to host instead of the real engine (tests). */
  readonly engineModule?: string;
  /** Repair the library before opening it (EngineClient.repairLibrary sets it). */
  readonly repair?: boolean;
}

interface HostEntry {
  readonly file: string;
  readonly execArgv: readonly string[];
}

/** host.ts through tsx when running from source; the built engine-host.js otherwise. */
export function hostEntry(): HostEntry {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) {
    const tsx = pathToFileURL(createRequire(here).resolve('tsx')).href;
    return { file: join(dirname(here), 'host.ts'), execArgv: ['--import', tsx] };
  }
  // Bundled code may sit in out/main or in a chunk folder below it.
  for (const dir of [dirname(here), dirname(dirname(here))]) {
    const file = join(dir, 'engine-host.js');
    if (existsSync(file)) return { file, execArgv: [] };
  }
  throw new Error(`The engine host (engine-host.js) was not found next to ${here}.`);
}

export function hostArguments(options: EngineHostOptions): string[] {
  return [
    '--library',
    options.libraryDir,
    ...(options.modelDir !== undefined ? ['--model', options.modelDir] : []),
    ...(options.device !== undefined ? ['--device', options.device] : []),
    ...(options.engineModule !== undefined ? ['--engine-module', options.engineModule] : []),
    ...(options.repair === true ? ['--repair'] : []),
  ];
}

function exitReason(code: number | null, signal: NodeJS.Signals | null): string {
  if (signal !== null) return `killed by ${signal}`;
  return `exit code ${code ?? 'unknown'}`;
}

function childConnection(child: ChildProcess): HostConnection {
  return {
    send: (message) => {
      // A closed channel is reported by the exit that follows; don't throw on top of it.
      if (child.connected) child.send(message, (error) => error && undefined);
    },
    onMessage: (listener: (message: HostMessage) => void) =>
      child.on('message', (message) => {
        if (isHostMessage(message)) listener(message);
      }),
    onExit: (listener) =>
      child.on('exit', (code, signal) => listener(code, exitReason(code, signal))),
    kill: () => terminate(child),
  };
}

export function spawnHostConnection(
  options: EngineHostOptions,
  log: (line: string) => void,
): HostConnection {
  const entry = hostEntry();
  const child = fork(entry.file, hostArguments(options), {
    execArgv: [...entry.execArgv],
    serialization: 'advanced', // structured clone, as Electron's utilityProcess uses
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'], // host output never reaches the parent's stdout
  });
  child.on('error', (error) => log(`engine host: ${error.message}`));
  forwardLines(child.stdout, log);
  forwardLines(child.stderr, log);
  return childConnection(child);
}

export function startEngineHost(options: EngineHostOptions): EngineClient {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  return new EngineClient((spawn) => spawnHostConnection({ ...options, ...spawn }, log), {
    log,
    restart: options.restart ?? true,
  });
}
