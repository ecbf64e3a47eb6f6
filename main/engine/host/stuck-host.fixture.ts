// An engine for the shutdown tests (loaded with --engine-module): its `index` opens a FIFO the
// ordinary, blocking way, so one of libuv's threads is stuck in the kernel as on a stalled network
// mount, and `close` never finishes when the library dir holds "close-hangs".
import { existsSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import type { EngineStatus } from '../../../preload/contract';
import { trackRead } from '../../../native/read-regular-file';
import type { Engine, EngineOptions } from '../engine';
import { engineOf } from '../engine-api';

export async function createEngine(options: EngineOptions): Promise<Engine> {
  const status = (): EngineStatus => ({
    state: 'ready',
    message: `pid ${process.pid}`,
    model: null,
    device: null,
    library: { roots: 0, files: 0, embedded: 0 },
    progress: null,
  });
  const unsupported = () => Promise.reject(new Error('not supported by the test engine'));
  const others = engineOf(() => unsupported);
  return {
    ...others,
    engine: { status: async () => status() },
    library: {
      ...others.library,
      index: () => trackRead(open(join(options.libraryDir, 'fifo'), 'r')).then(() => ({})),
    },
    close: () =>
      existsSync(join(options.libraryDir, 'close-hangs'))
        ? new Promise(() => {})
        : Promise.resolve(),
  } as unknown as Engine;
}
