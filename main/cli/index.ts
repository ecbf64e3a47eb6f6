// `facet`, the command line: a thin host of the engine (DESIGN.md "Command line"). It checks the
// arguments, runs the engine in its own process, prints the result, and exits 0 when the run
// completed (even with unreadable photos), non-zero with a one-line reason otherwise.
import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { LIBRARY_FILE } from '../engine/library/library';
import { defaultLibraryDir } from '../engine/library/library-dir';
import type { Device, EngineApi, EngineEvents } from '../engine/engine-api';
import { engineError } from '../engine/engine-error';
import { startEngineHost } from '../engine/host/host-process';
import { parseCommandLine, USAGE, UsageError, type CommandLine } from './arguments';
import { runClustersCommand } from './clusters-command';
import { runExportCommand } from './export-command';
import { readLabelFile, runLabelsCommand } from './labels-command';
import { runModelsCommand } from './models-command';
import { runPhotosCommand } from './photos-command';
import { runTagsCommand } from './tags-command';
import { formatIndex, formatResults, formatStatus, formatTag } from './output';
import { progressLine } from './progress';
import { runRepair, runStatusCheck } from './library-check-command';
import { terminalText } from './terminal-text';
import { EXIT, fail, failWith, subcommandArguments } from './subcommand';

// Commands with their own grammar, each run by its file once its name is found on the line.
const SUBCOMMANDS: Readonly<Record<string, (argv: readonly string[]) => Promise<number>>> = {
  models: runModelsCommand,
  photos: runPhotosCommand,
  export: runExportCommand,
  labels: runLabelsCommand,
  clusters: runClustersCommand,
  tags: runTagsCommand,
};

interface RunningEngine {
  readonly api: EngineApi;
  on<E extends keyof EngineEvents>(name: E, listener: (payload: EngineEvents[E]) => void): void;
  close(): Promise<void>;
}

/** The engine in its own process, as the desktop app runs it. */
function openEngine(options: {
  libraryDir: string;
  modelDir?: string;
  device?: Device;
  log: (line: string) => void;
}): RunningEngine {
  return startEngineHost({ ...options, restart: false });
}

/** mkdir -p one level at a time (a recursive mkdirSync can spin on special file systems). */
function makeFolders(dir: string): void {
  if (existsSync(dir)) return;
  const parent = dirname(dir);
  if (parent !== dir) makeFolders(parent);
  mkdirSync(dir);
}

/** Fails early, with the folder's name, when the library cannot be written and must be. */
function checkLibraryDir(dir: string, readsOnly: boolean): void {
  try {
    makeFolders(dir);
    // An existing library in a read-only folder can still be read (a snapshot, read-only).
    if (readsOnly && existsSync(join(dir, LIBRARY_FILE))) return;
    accessSync(dir, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (error as Error).message;
    throw engineError(
      'LIBRARY_UNAVAILABLE',
      `The library folder ${dir} cannot be written: ${why}. Ask for write access, or use --library with a folder of your own; status, search, photos and export to another folder can still read a library there.`,
    );
  }
}

/** How a `facet tag` run ends: where its label set went, or how to keep it. */
function keptNote(file: string, kept: string | null): string {
  if (kept !== null)
    return `The label set is kept in the library as "${kept}": the app shows its tags and export writes them.`;
  return (
    'The label set was not kept in the library, so the app and export do not see these tags. ' +
    `To keep it, add --keep, or run: facet labels import "${file}"`
  );
}

async function runCommand(
  line: CommandLine,
  engine: EngineApi,
): Promise<{ json: unknown; text: string; note?: string }> {
  const call = {
    ...(line.model !== null && { modelDir: resolve(line.model) }),
    ...(line.device !== null && { device: line.device }),
    ...(line.yes && { confirmed: true }),
  };
  const paths = line.positionals.map((path) => resolve(path));
  switch (line.command) {
    case 'index': {
      const report = await engine.library.index(paths, {
        ...call,
        ...(line.rawJpeg !== null && { rawJpeg: line.rawJpeg }),
      });
      return { json: report, text: formatIndex(report) };
    }
    case 'status': {
      const status = await engine.library.summary();
      return { json: status, text: formatStatus(status) };
    }
    case 'tag': {
      const labels = resolve(line.labels as string);
      const report = await engine.library.tag(paths, {
        ...call,
        labels,
        ...(line.top !== null && { top: line.top }),
      });
      const kept = line.keep
        ? await engine.labels.import(basename(labels), await readLabelFile(labels))
        : null;
      const json = { ...report, summary: { ...report.summary, kept: kept?.name ?? null } };
      return { json, text: formatTag(report), note: keptNote(labels, kept?.name ?? null) };
    }
    case 'search': {
      const result = await engine.library.search(line.positionals[0] as string, line.k);
      return { json: result, text: formatResults(result) };
    }
    case 'similar': {
      const result = await engine.library.similar(paths[0] as string, line.k);
      return { json: result, text: formatResults(result) };
    }
    case 'repair':
      throw new Error('facet repair runs without the engine.');
  }
}

export async function main(argv: readonly string[]): Promise<number> {
  for (const [name, run] of Object.entries(SUBCOMMANDS)) {
    const rest = subcommandArguments(argv, name);
    if (rest !== null) return run(rest);
  }
  let line: CommandLine;
  try {
    const parsed = parseCommandLine(argv);
    if (parsed.kind === 'help') {
      process.stdout.write(USAGE);
      return EXIT.ok;
    }
    line = parsed.line;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return fail(`${error.message} (facet --help shows the usage)`, EXIT.usage);
  }

  const libraryDir = resolve(line.library ?? defaultLibraryDir());
  try {
    if (line.command === 'repair') return runRepair(libraryDir, line.json);
    if (line.command === 'status' && line.check) return runStatusCheck(libraryDir, line.json);
  } catch (error) {
    return failWith(error);
  }
  let engine: RunningEngine | null = null;
  const progress = progressLine(process.stderr);
  try {
    checkLibraryDir(libraryDir, ['status', 'search', 'similar'].includes(line.command));
    // The engine host inherits the environment, where its file reader looks for the deadline.
    if (line.readTimeout !== null) process.env.FACET_READ_TIMEOUT = String(line.readTimeout);
    engine = openEngine({
      libraryDir,
      // Search and similar have no per-call model: --model sets the engine's default.
      ...(line.model !== null && { modelDir: resolve(line.model) }),
      ...(line.device !== null && { device: line.device }),
      log: (text) => {
        if (line.verbose) process.stderr.write(`${text}\n`);
      },
    });
    engine.on('index:progress', (update) => progress.show(update));
    const result = await runCommand(line, engine.api);
    progress.end();
    process.stdout.write(
      line.json ? `${JSON.stringify(result.json)}\n` : `${terminalText(result.text)}\n`,
    );
    if (result.note !== undefined) process.stderr.write(`${terminalText(result.note)}\n`);
    return EXIT.ok;
  } catch (error) {
    progress.end();
    return failWith(error);
  } finally {
    await engine?.close();
  }
}

void main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.exitCode = failWith(error);
  },
);
