// `facet labels`: the label sets kept in the library: list them, add them from files (JSON or
// indented plain text), write one back out. The desktop app's Labels view edits the same sets.
import { writeFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { LabelSetSummary } from '../../preload/contract/labels';
import type { EngineApi } from '../engine/engine-api';
import { readRegularText } from '../../native/read-regular-file';
import { engineError } from '../engine/engine-error';
import { EXIT, fail, failWith, startCommandEngine } from './subcommand';
import { terminalText } from './terminal-text';

/** A label file's text, read without blocking: a FIFO or device is refused at once. */
export async function readLabelFile(path: string): Promise<string> {
  try {
    return await readRegularText(path, { maxBytes: 64 * 1024 * 1024 });
  } catch (error) {
    throw engineError('UNREADABLE', `${path} cannot be read: ${(error as Error).message}.`);
  }
}

export const LABELS_USAGE = `Usage: facet labels list|import <file>...|export <set> [options]

  facet labels list                  the library's label sets
  facet labels import <file>...      adds label sets from files (JSON, or plain text: indent = child)
  facet labels export <set>          prints a set (its name or number) as a file's text

  --format json|text   export as JSON (default) or as indented plain text
  --out FILE           export into FILE instead of printing it
  --library DIR        the library (default: the app's user-data folder)
  --json               print one JSON document on stdout
  --verbose            also print the engine's log lines on stderr
`;

const OPTIONS = {
  library: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  json: { type: 'boolean' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function findSet(sets: readonly LabelSetSummary[], wanted: string): LabelSetSummary {
  const found =
    sets.find((set) => set.name === wanted) ??
    sets.find((set) => String(set.id) === wanted) ??
    sets.find((set) => set.name.toLowerCase() === wanted.toLowerCase());
  if (found === undefined)
    throw engineError(
      'NOT_FOUND',
      `There is no label set "${wanted}" (the library has: ${sets.map((s) => s.name).join(', ') || 'none'}).`,
    );
  return found;
}

const describe = (set: LabelSetSummary) =>
  `${String(set.id).padStart(3)}  ${set.name}  (${set.labels} labels, ${set.mode === 'exclusive' ? 'one per photo' : 'any number per photo'}${set.active ? '' : ', off'})`;

async function run(
  api: EngineApi,
  action: string,
  args: readonly string[],
  values: { format?: string; out?: string; json?: boolean },
): Promise<string> {
  switch (action) {
    case 'list': {
      const sets = await api.labels.list();
      if (values.json === true) return JSON.stringify({ labelSets: sets });
      return sets.length === 0 ? 'No label sets yet.' : sets.map(describe).join('\n');
    }
    case 'import': {
      const added = [];
      for (const file of args) {
        const path = resolve(file);
        const text = await readLabelFile(path);
        try {
          added.push(await api.labels.import(basename(path), text));
        } catch (error) {
          // The engine knows the file by its name only: say which file on this disk it was.
          const message = (error as Error).message.replace(`Label set ${basename(path)}:`, '');
          throw Object.assign(new Error(`Label set ${path}: ${message.trim()}`), {
            code: (error as { code?: unknown }).code,
          });
        }
      }
      if (values.json === true)
        return JSON.stringify({ added: added.map((set) => ({ id: set.id, name: set.name })) });
      return added.map((set) => `Added ${set.name} (${set.labels.length} labels).`).join('\n');
    }
    default: {
      const format = values.format ?? 'json';
      const sets = await api.labels.list();
      const file = await api.labels.export(
        findSet(sets, args[0] as string).id,
        format as 'json' | 'text',
      );
      if (values.out === undefined) return file.text.trimEnd();
      await writeFile(resolve(values.out), file.text);
      return values.json === true
        ? JSON.stringify({ file: resolve(values.out) })
        : `Wrote ${resolve(values.out)}.`;
    }
  }
}

export async function runLabelsCommand(argv: readonly string[]): Promise<number> {
  let values;
  let action: string;
  let args: string[];
  try {
    const parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: OPTIONS,
    });
    values = parsed.values;
    [action = '', ...args] = parsed.positionals;
    if (values.help === true || action === '') {
      process.stdout.write(LABELS_USAGE);
      return values.help === true ? EXIT.ok : EXIT.usage;
    }
    if (!['list', 'import', 'export'].includes(action))
      throw new Error(`"facet labels ${action}" is not a command; use list, import or export.`);
    if (action === 'import' && args.length === 0)
      throw new Error('Name at least one file to import.');
    if (action === 'export' && args.length !== 1) throw new Error('Name one label set to export.');
    if (action === 'list' && args.length > 0)
      throw new Error('"facet labels list" takes no names.');
    if (values.format !== undefined && !['json', 'text'].includes(values.format))
      throw new Error(`--format must be json or text (got "${values.format}").`);
  } catch (error) {
    return fail(
      `${(error as Error).message.split('\n')[0] ?? ''} (facet labels --help)`,
      EXIT.usage,
    );
  }
  const engine = startCommandEngine(values.library, values.verbose === true);
  try {
    const output = await run(engine.api, action, args, values);
    process.stdout.write(`${values.json === true ? output : terminalText(output)}\n`);
    return EXIT.ok;
  } catch (error) {
    return failWith(error);
  } finally {
    await engine.close();
  }
}
