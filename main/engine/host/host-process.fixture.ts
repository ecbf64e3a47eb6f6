// A small engine for the host-process tests (loaded with --engine-module): it keeps its roots in
// <libraryDir>/roots.json, so a restarted host sees what the crashed one stored, and its `index`
// call stays in flight until the test decides what happens to it.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EngineStatus } from '../../../preload/contract';
import type { Engine, EngineOptions } from '../engine';
import { engineOf } from '../engine-api';
import { engineError } from '../engine-error';

export async function createEngine(options: EngineOptions): Promise<Engine> {
  const file = join(options.libraryDir, 'roots.json');
  mkdirSync(options.libraryDir, { recursive: true });
  const roots = (): string[] => {
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as string[];
    } catch {
      return [];
    }
  };
  const status = (): EngineStatus => ({
    state: 'ready',
    message: `pid ${process.pid}`,
    model: null,
    device: null,
    // Each fixture folder stands for 12 photos, 10 of them embedded: counts a status must keep.
    library: { roots: roots().length, files: roots().length * 12, embedded: roots().length * 10 },
    progress: null,
  });
  const unsupported = () => Promise.reject(new Error('not supported by the test engine'));
  // Every other call answers that it is not supported.
  const others = engineOf(() => unsupported);
  const library: Pick<
    Engine['library'],
    'summary' | 'roots' | 'add' | 'remove' | 'index' | 'tag' | 'search' | 'similar'
  > = {
    summary: async () => ({ roots: roots(), files: 0, embedded: {}, errors: 0 }),
    roots: async () => roots(),
    add: async (paths) => {
      writeFileSync(file, JSON.stringify([...roots(), ...paths]));
      options.emit?.('engine:status', status());
      return { added: [...paths], refused: [], unconfirmed: [] };
    },
    remove: async (root) => {
      writeFileSync(file, JSON.stringify(roots().filter((r) => r !== root)));
    },
    // Never finishes on its own: the crash test kills the host while it is in flight.
    index: () => new Promise(() => {}),
    tag: unsupported,
    search: async (text) => {
      if (text === '') throw engineError('EMPTY_QUERY', 'Type something to search for.');
      return { results: [] };
    },
    similar: unsupported,
  };
  return {
    ...others,
    engine: { status: async () => status() },
    library: { ...others.library, ...library },
    close: async () => {
      writeFileSync(join(options.libraryDir, 'closed'), String(process.pid));
    },
  };
}
