// The `facet` command line's grammar (DESIGN.md "Command line"), checked before any work starts.
import { parseArgs } from 'node:util';
import type { Device } from '../engine/engine-api';

export const USAGE = `Usage: facet <command> [options]

  facet index <folder>...  [--library DIR] [--model DIR] [--device auto|cpu|webgpu|cuda|dml|coreml] [--raw-jpeg together|apart] [--read-timeout S] [--yes] [--json]
  facet status             [--library DIR] [--check] [--json]
  facet repair             [--library DIR] [--json]   (a damaged library: keep a copy, save what can be read)
  facet tag   <folder>...  --labels FILE [--keep] [--library DIR] [--model DIR] [--top K] [--read-timeout S] [--yes] [--json]
  facet search "<text>"    [--library DIR] [--k N] [--json]
  facet similar <image>    [--library DIR] [--k N] [--json]
  facet photos             [--label SET:LABEL] [--state S] [--sort KEY] [--library DIR] [--json]  (facet photos --help)
  facet models list|install <name>|import <dir>|use <name>  [--library DIR] [--json]
  facet export xmp|csv|json|import [path...]  [--library DIR] [--json]  (facet export --help)
  facet labels list|import <file>...|export <set>  [--library DIR] [--json]  (facet labels --help)
  facet clusters           [--library DIR] [--cut C] [--threshold T] [--json]  (facet clusters --help)
  facet tags confirm|reject|clear <photo or folder>... --label SET:LABEL;  facet tags undo|redo  (facet tags --help)

  --library DIR   keep the library in DIR/library.db (default: the app's user-data folder)
  --model DIR     model package to embed with (default: the library's model, else the demo model)
  --device X      execution provider: auto (GPU when it works, else CPU), cpu, webgpu, cuda, dml, coreml
  --raw-jpeg X    RAW+JPEG pairs: together (one photo, the raw; default) or apart (two photos)
  --labels FILE   label set: JSON, or plain text with one label per line (indent = child)
  --keep          keep the label set in the library (the app shows it; export writes its tags)
  --top K         tags kept per photo (default 5 in exclusive mode)
  --read-timeout S  seconds one file may take to read and decode before it is reported (default 30;
                  also FACET_READ_TIMEOUT)
  --yes           add / , a system folder or a whole home folder (asked first otherwise)
  --check         status: check the whole library file for damage
  --k N           results to show (default 10)
  --json          print one JSON document on stdout; progress goes to stderr
  --verbose       also print the engine's log lines on stderr
  --help          show this help
`;

export const COMMANDS = ['index', 'status', 'tag', 'search', 'similar', 'repair'] as const;
export type CommandName = (typeof COMMANDS)[number];

const DEVICES: readonly Device[] = ['auto', 'cpu', 'webgpu', 'cuda', 'dml', 'coreml'];
const DEFAULT_K = 10;

export interface CommandLine {
  readonly command: CommandName;
  readonly positionals: readonly string[];
  readonly library: string | null;
  readonly model: string | null;
  readonly device: Device | null;
  readonly rawJpeg: 'together' | 'apart' | null;
  readonly labels: string | null;
  readonly top: number | null;
  /** facet tag: keep the label set in the library. */
  readonly keep: boolean;
  /** Seconds per file for reading and decoding, or null for the default. */
  readonly readTimeout: number | null;
  /** --yes: broad folders (/, a system folder, a home folder) may be added without asking. */
  readonly yes: boolean;
  /** status --check: the full integrity check. */
  readonly check: boolean;
  readonly k: number;
  readonly json: boolean;
  readonly verbose: boolean;
}

export type Parsed =
  { readonly kind: 'run'; readonly line: CommandLine } | { readonly kind: 'help' };

/** A command line that cannot run; the message says what to change. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

const OPTIONS = {
  library: { type: 'string' },
  model: { type: 'string' },
  device: { type: 'string' },
  'raw-jpeg': { type: 'string' },
  labels: { type: 'string' },
  top: { type: 'string' },
  keep: { type: 'boolean' },
  'read-timeout': { type: 'string' },
  k: { type: 'string' },
  yes: { type: 'boolean' },
  check: { type: 'boolean' },
  json: { type: 'boolean' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

// Options each command accepts besides --library, --json, --verbose and --help.
const ACCEPTS: Record<CommandName, readonly string[]> = {
  index: ['model', 'device', 'raw-jpeg', 'read-timeout', 'yes'],
  status: ['check'],
  repair: [],
  tag: ['labels', 'keep', 'model', 'device', 'top', 'read-timeout', 'yes'],
  search: ['k', 'model', 'device'],
  similar: ['k', 'model', 'device'],
};

function count(name: string, value: string | undefined): number | null {
  if (value === undefined) return null;
  if (!/^\d+$/.test(value) || Number(value) < 1)
    throw new UsageError(`--${name} must be a whole number above 0 (got "${value}").`);
  return Number(value);
}

function seconds(name: string, value: string | undefined): number | null {
  if (value === undefined) return null;
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number <= 0)
    throw new UsageError(`--${name} must be a number of seconds above 0 (got "${value}").`);
  return number;
}

function nonEmpty(name: string, value: string | undefined): string | null {
  if (value === undefined) return null;
  if (value.trim() === '') throw new UsageError(`--${name} needs a value.`);
  return value;
}

export function parseCommandLine(argv: readonly string[]): Parsed {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0] as string);
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help === true) return { kind: 'help' };
  if (command === undefined)
    throw new UsageError('Name a command: index, status, tag, search, similar or repair.');
  if (!(COMMANDS as readonly string[]).includes(command))
    throw new UsageError(
      `Unknown command "${command}": use index, status, tag, search, similar or repair.`,
    );
  const name = command as CommandName;

  const given = Object.keys(values).filter(
    (key) => !['library', 'json', 'verbose', 'help'].includes(key),
  );
  for (const key of given) {
    if (!ACCEPTS[name].includes(key))
      throw new UsageError(`--${key} is not an option of "facet ${name}".`);
  }
  if ((name === 'index' || name === 'tag') && rest.length === 0)
    throw new UsageError(`"facet ${name}" needs at least one folder or photo.`);
  if ((name === 'status' || name === 'repair') && rest.length > 0)
    throw new UsageError(`"facet ${name}" takes no arguments (got "${rest[0]}").`);
  if (name === 'search' && (rest.length !== 1 || (rest[0] as string).trim() === ''))
    throw new UsageError(
      '"facet search" needs one text in quotes, e.g. facet search "a red circle".',
    );
  if (name === 'similar' && rest.length !== 1)
    throw new UsageError('"facet similar" needs exactly one photo.');
  if (name === 'tag' && values.labels === undefined)
    throw new UsageError('"facet tag" needs --labels FILE (a label set).');
  const device = values.device as Device | undefined;
  if (device !== undefined && !DEVICES.includes(device))
    throw new UsageError(`--device must be one of ${DEVICES.join(', ')} (got "${device}").`);
  const rawJpeg = values['raw-jpeg'];
  if (rawJpeg !== undefined && rawJpeg !== 'together' && rawJpeg !== 'apart')
    throw new UsageError(`--raw-jpeg must be together or apart (got "${rawJpeg}").`);

  return {
    kind: 'run',
    line: {
      command: name,
      positionals: rest,
      library: nonEmpty('library', values.library),
      model: nonEmpty('model', values.model),
      device: device ?? null,
      rawJpeg: rawJpeg ?? null,
      labels: nonEmpty('labels', values.labels),
      top: count('top', values.top),
      keep: values.keep === true,
      readTimeout: seconds('read-timeout', values['read-timeout']),
      yes: values.yes === true,
      check: values.check === true,
      k: count('k', values.k) ?? DEFAULT_K,
      json: values.json === true,
      verbose: values.verbose === true,
    },
  };
}
