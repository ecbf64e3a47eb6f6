// What every `facet` command shares: its exit codes, finding its arguments, one-line failures,
// and the engine process it runs in.
import { resolve } from 'node:path';
import type { EngineClient } from '../engine/host/engine-client';
import { startEngineHost } from '../engine/host/host-process';
import { defaultLibraryDir } from '../engine/library/library-dir';
import { exitCodeFor } from './exit-codes';
import { terminalText } from './terminal-text';

export { EXIT } from './exit-codes';

/** The arguments after `command` when the command line runs `facet <command> ...`, else null. */
export function subcommandArguments(argv: readonly string[], command: string): string[] | null {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--library') i++;
    else if (!arg.startsWith('-')) return arg === command ? argv.filter((_, j) => j !== i) : null;
  }
  return null;
}

/** An error's message on one line, for stderr. */
export function oneLine(error: unknown): string {
  return String((error as Error | undefined)?.message ?? error).replace(/\s*\n\s*/g, ' ');
}

/** Says why on stderr, as "facet: ...", and gives back the exit code. */
export function fail(message: string, code: number): number {
  process.stderr.write(`facet: ${terminalText(message)}\n`);
  return code;
}

/** Says why the command stopped and gives back the exit code the table (exit-codes.ts) gives it. */
export function failWith(error: unknown): number {
  return fail(oneLine(error).trim(), exitCodeFor(error));
}

/** The engine in its own process on --library (default: the app's); its log on stderr if verbose. */
export function startCommandEngine(library: string | undefined, verbose: boolean): EngineClient {
  return startEngineHost({
    libraryDir: resolve(library ?? defaultLibraryDir()),
    restart: false,
    log: (line) => {
      if (verbose) process.stderr.write(`${line}\n`);
    },
  });
}
