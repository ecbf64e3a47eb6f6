// Entry of the engine host process. The same file runs as an Electron utilityProcess
// (process.parentPort) and as a Node child process (process.send), for the app, the CLI and tests.
//
//   host --library DIR [--model DIR] [--device auto|cpu|...] [--engine-module FILE] [--repair]
//
// --repair repairs the library first (as `facet repair` does) and sends the report before the
// engine opens it: how the app repairs a damaged library.
// --engine-module loads the engine factory (`createEngine`) from another module instead of
// ./engine; the tests use it to run the host around a small fixture engine.
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { isEngineCall, type Device, type EngineApi, type EngineEvents } from '../engine-api';
import { callError, engineError, errorCode, isErrorCode } from '../engine-error';
import { libraryErrorInWords } from '../library/integrity';
import { LIBRARY_FILE } from '../library/library';
import { isEngineRequest, type EngineRequest, type HostMessage } from './protocol';
import {
  HOST_FATAL_EVENT,
  HOST_LOG_EVENT,
  HOST_READY_EVENT,
  HOST_REPAIRED_EVENT,
} from './engine-client';
import { repairLibrary } from '../library/repair';
import type { Engine, EngineOptions } from '../engine';
import { readsInProgress } from '../../../native/read-regular-file';
import { SHUTDOWN_GRACE_MS } from './shutdown-grace';

type EngineFactory = (options: EngineOptions) => Promise<Engine>;

interface ParentChannel {
  send(message: HostMessage): void;
  onMessage(listener: (message: unknown) => void): void;
}

/** Electron's utilityProcess port, present only when Electron started this process. */
interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

function parentChannel(): ParentChannel | null {
  const port = (process as { parentPort?: ParentPort }).parentPort;
  if (port !== undefined) {
    return {
      send: (message) => port.postMessage(message),
      onMessage: (listener) => port.on('message', (event) => listener(event.data)),
    };
  }
  const send = process.send?.bind(process);
  if (send === undefined) return null;
  return {
    send: (message) => {
      // The parent may already be gone; its exit ends this process through 'disconnect'.
      if (process.connected) send(message, undefined, undefined, () => {});
    },
    onMessage: (listener) => process.on('message', listener),
  };
}

async function loadEngineFactory(engineModule: string | undefined): Promise<EngineFactory> {
  if (engineModule === undefined) return (await import('../engine')).createEngine;
  type EngineModule = { createEngine?: unknown; default?: { createEngine?: unknown } };
  const loaded = (await import(pathToFileURL(engineModule).href)) as EngineModule;
  // A CommonJS module imported from ESM may expose its exports only under `default`.
  const createEngine = loaded.createEngine ?? loaded.default?.createEngine;
  if (typeof createEngine !== 'function') {
    throw new Error(`${engineModule} does not export createEngine`);
  }
  return createEngine as EngineFactory;
}

const DEVICES: readonly Device[] = ['auto', 'cpu', 'webgpu', 'cuda', 'dml', 'coreml'];

function readOptions(): {
  engineOptions: Omit<EngineOptions, 'emit'>;
  engineModule?: string;
  repair: boolean;
} {
  const { values } = parseArgs({
    options: {
      library: { type: 'string' },
      model: { type: 'string' },
      device: { type: 'string' },
      'engine-module': { type: 'string' },
      repair: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.library === undefined) throw new Error('--library DIR is required');
  const device = values.device as Device | undefined;
  if (device !== undefined && !DEVICES.includes(device)) {
    throw new Error(`--device must be one of ${DEVICES.join(', ')}`);
  }
  return {
    engineOptions: {
      libraryDir: values.library,
      ...(values.model !== undefined && { modelDir: values.model }),
      ...(device !== undefined && { device }),
    },
    ...(values['engine-module'] !== undefined && { engineModule: values['engine-module'] }),
    repair: values.repair === true,
  };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function answer(
  engine: Promise<Engine>,
  request: EngineRequest,
  libraryFile: string | null,
): Promise<HostMessage> {
  const { seq, domain, name, args } = request;
  if (!isEngineCall(domain, name)) {
    return {
      kind: 'reply',
      seq,
      ok: false,
      error: { message: `Unknown engine call "${domain}.${name}".`, code: 'UNKNOWN_METHOD' },
    };
  }
  try {
    const service = (await engine)[domain as keyof EngineApi] as unknown as Record<
      string,
      (...a: readonly unknown[]) => Promise<unknown>
    >;
    const call = service[name] as (...a: readonly unknown[]) => Promise<unknown>;
    return { kind: 'reply', seq, ok: true, result: await call.apply(service, [...args]) };
  } catch (thrown) {
    const error = libraryFile === null ? thrown : libraryErrorInWords(thrown, libraryFile);
    return { kind: 'reply', seq, ok: false, error: callError(error) };
  }
}

function main(): void {
  const parent = parentChannel();
  if (parent === null) {
    process.stderr.write('The engine host runs only as a child process (see host-process.ts).\n');
    process.exit(2);
  }
  const fail = (error: unknown): void => {
    parent.send({
      kind: 'event',
      name: HOST_FATAL_EVENT,
      payload: { message: errorMessage(error) },
    });
    // Let the message leave before exiting; the client reports it with the exit.
    setTimeout(() => process.exit(1), 50);
  };

  let engine: Promise<Engine>;
  let libraryFile: string | null = null;
  try {
    const { engineOptions, engineModule, repair } = readOptions();
    libraryFile = join(resolve(engineOptions.libraryDir), LIBRARY_FILE);
    if (repair) {
      const report = repairLibrary(engineOptions.libraryDir);
      parent.send({ kind: 'event', name: HOST_REPAIRED_EVENT, payload: report });
    }
    const emit = <E extends keyof EngineEvents>(name: E, payload: EngineEvents[E]) =>
      parent.send({ kind: 'event', name, payload });
    engine = loadEngineFactory(engineModule).then((createEngine) =>
      createEngine({ ...engineOptions, emit }),
    );
  } catch (error) {
    engine = Promise.reject(error);
  }
  engine.then(() => parent.send({ kind: 'event', name: HOST_READY_EVENT, payload: null }), fail);
  const started = engine.catch((error: unknown) => {
    // The code stays: the command line's exit code and the app's words depend on it.
    const code = errorCode(error);
    throw engineError(
      isErrorCode(code) ? code : 'ENGINE_UNAVAILABLE',
      `The engine could not start: ${errorMessage(error)}`,
    );
  });
  started.catch(() => {}); // reported through `fail`; requests see the rejection themselves

  // Requests that arrive while the engine starts wait for it.
  parent.onMessage((message) => {
    if (!isEngineRequest(message)) {
      parent.send({ kind: 'event', name: HOST_LOG_EVENT, payload: 'ignored a malformed message' });
      return;
    }
    void answer(started, message, libraryFile).then((reply) => parent.send(reply));
  });

  let shuttingDown = false;
  const shutDown = () => {
    if (shuttingDown) return;
    shuttingDown = true;
    // A close stuck behind a file that never answers must not keep the host (and the library)
    // alive: after the grace period the host ends itself, as its parent would.
    setTimeout(() => process.kill(process.pid, 'SIGKILL'), SHUTDOWN_GRACE_MS);
    engine
      .then((e) => e.close())
      .catch(() => {})
      .finally(() => {
        // libuv joins its threads on exit: one stuck in a read would hang exit(); SIGKILL cannot.
        if (readsInProgress() > 0) process.kill(process.pid, 'SIGKILL');
        process.exit(0);
      });
  };
  process.on('SIGTERM', shutDown);
  process.on('SIGINT', shutDown);
  process.on('disconnect', shutDown); // the Node parent went away
}

main();
