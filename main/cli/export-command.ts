// `facet export xmp|csv|json|import`: tags written where other apps see them, tag tables, and
// keywords read back in, hosted by the same engine process as every other command.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type {
  ExportProgress,
  KeywordImportReport,
  XmpExportReport,
  XmpFileResult,
} from '../../preload/contract/export';
import { whyNothingWritten } from './empty-export';
import { EXIT, fail, failWith, startCommandEngine } from './subcommand';
import { terminalText } from './terminal-text';

export const EXPORT_USAGE = `Usage: facet export xmp|csv|json|import [photo or folder...] [options]

  facet export xmp    write tags into XMP sidecars (photo.jpg.xmp, or photo.xmp with --sidecar base)
  facet export csv    tags and scores as CSV (stdout, or --out FILE)
  facet export json   tags and scores as JSON (stdout, or --out FILE)
  facet export import read keywords from sidecars and photos into Facet as confirmed tags

  --library DIR          the library (default: the app's user-data folder)
  --include-suggested    also export tags Facet suggests above their thresholds
  --sidecar ext|base     sidecar naming: photo.jpg.xmp (digiKam, darktable) or photo.xmp (Adobe)
  --embed                also write IPTC and XMP keywords into JPEG and TIFF originals
  --no-backup            with --embed: do not keep photo.jpg_original
  --dry-run              list what would change, write nothing
  --out FILE             csv/json: write the table to FILE
  --json                 print the report as one JSON document
`;

const ACTIONS = ['xmp', 'csv', 'json', 'import'] as const;
type Action = (typeof ACTIONS)[number];

// Options each action accepts besides --library, --json and --verbose.
const ACCEPTS: Record<Action, readonly string[]> = {
  xmp: ['include-suggested', 'sidecar', 'embed', 'no-backup', 'dry-run'],
  csv: ['include-suggested', 'out'],
  json: ['include-suggested', 'out'],
  import: ['dry-run'],
};

const OPTIONS = {
  library: { type: 'string' },
  'include-suggested': { type: 'boolean' },
  sidecar: { type: 'string' },
  embed: { type: 'boolean' },
  'no-backup': { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  out: { type: 'string' },
  json: { type: 'boolean' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const FIELD_NAMES = {
  subject: 'dc:subject',
  hierarchicalSubject: 'lr:hierarchicalSubject',
  tagsList: 'digiKam:TagsList',
  iptcKeywords: 'IPTC:Keywords',
  lastKeywordXmp: 'MicrosoftPhoto:LastKeywordXMP',
  catalogSets: 'mediapro:CatalogSets',
} as const;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function fileLine(file: XmpFileResult, dryRun: boolean): string {
  if (file.action === 'failed') return `failed     ${file.target}: ${file.error ?? ''}`;
  if (file.action === 'skipped') return `skipped    ${file.target}: ${file.error ?? ''}`;
  const verb = dryRun ? `would ${file.action}` : `${file.action}d`;
  const changes = file.changes
    .map(
      (change) =>
        [
          ...change.added.map((value) => `+${value}`),
          ...change.removed.map((value) => `-${value}`),
        ].join(' ') + ` (${FIELD_NAMES[change.field]})`,
    )
    .join('; ');
  return `${verb.padEnd(10)} ${file.target}${changes === '' ? '' : `: ${changes}`}`;
}

export function formatXmpReport(report: XmpExportReport): string {
  const changed = report.files.filter((file) => file.action !== 'unchanged');
  const s = report.summary;
  const lines = changed.map((file) => fileLine(file, report.dryRun));
  lines.push(
    `${report.dryRun ? 'Dry run, nothing written: ' : ''}${plural(s.photos, 'photo')}: ${plural(s.created, 'sidecar')} ${report.dryRun ? 'to create' : 'created'}, ${plural(s.updated, 'file')} ${report.dryRun ? 'to update' : 'updated'}, ${s.unchanged} already up to date, ${s.skipped} skipped, ${s.failed} failed.`,
  );
  return lines.join('\n');
}

export function formatImportReport(report: KeywordImportReport): string {
  const lines = report.files.map((file) =>
    file.error !== null
      ? `failed     ${file.path}: ${file.error}`
      : `${file.path}: ${file.labels.map((l) => `${l.label}${l.added ? ' (new)' : ''}`).join(', ')}`,
  );
  const s = report.summary;
  lines.push(
    `${report.dryRun ? 'Dry run, nothing changed: ' : ''}${s.withKeywords} of ${plural(s.photos, 'photo')} with keywords; ${plural(s.confirmed, 'tag')} confirmed, ${plural(s.labelsAdded, 'label')} ${report.dryRun ? 'to add' : 'added'} to "Imported", ${s.failed} unreadable.`,
  );
  return lines.join('\n');
}

export async function runExportCommand(argv: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: OPTIONS });
  } catch (error) {
    return fail(
      `${(error as Error).message.split('\n')[0] ?? ''} (facet export --help)`,
      EXIT.usage,
    );
  }
  const { values } = parsed;
  if (values.help === true) {
    process.stdout.write(EXPORT_USAGE);
    return EXIT.ok;
  }
  const [action, ...paths] = parsed.positionals;
  if (!(ACTIONS as readonly (string | undefined)[]).includes(action))
    return fail(`"facet export" needs one of ${ACTIONS.join(', ')}.`, EXIT.usage);
  const name = action as Action;
  for (const key of Object.keys(values))
    if (!['library', 'json', 'verbose', 'help', ...ACCEPTS[name]].includes(key))
      return fail(`--${key} is not an option of "facet export ${name}".`, EXIT.usage);
  if (values.sidecar !== undefined && values.sidecar !== 'ext' && values.sidecar !== 'base')
    return fail(`--sidecar must be ext or base (got "${values.sidecar}").`, EXIT.usage);
  if (values['no-backup'] === true && values.embed !== true)
    return fail('--no-backup goes with --embed.', EXIT.usage);
  if (values.out !== undefined && values.out.trim() === '')
    return fail('--out needs a file name.', EXIT.usage);

  const engine = startCommandEngine(values.library, values.verbose === true);
  const live = process.stderr.isTTY === true;
  engine.on('export:progress', (progress: ExportProgress) => {
    if (live && progress.total > 0)
      process.stderr.write(`\r\x1b[2KExporting ${progress.done}/${progress.total}`);
  });
  const clearLine = () => {
    if (live) process.stderr.write('\r\x1b[2K');
  };
  const scope = {
    fileIds: null,
    ...(paths.length > 0 && { paths: paths.map((path) => resolve(path)) }),
  };
  const json = values.json === true;
  try {
    const api = engine.api;
    const settings = await api.export.settings();
    const includeSuggested = values['include-suggested'] === true;
    let result: unknown;
    let text: string;
    if (name === 'xmp') {
      const report = await api.export.xmp({
        ...scope,
        includeSuggested,
        sidecars: true,
        naming: (values.sidecar as 'ext' | 'base' | undefined) ?? settings.naming,
        embed: values.embed === true,
        keepBackup: values['no-backup'] !== true,
        dryRun: values['dry-run'] === true,
      });
      [result, text] = [report, formatXmpReport(report)];
    } else if (name === 'import') {
      const report = await api.export.importKeywords({
        ...scope,
        dryRun: values['dry-run'] === true,
      });
      [result, text] = [report, formatImportReport(report)];
    } else {
      const outPath = values.out === undefined ? null : resolve(values.out);
      const report = await api.export.table({ ...scope, includeSuggested, format: name, outPath });
      if (report.text !== null) {
        clearLine();
        process.stdout.write(report.text);
        return EXIT.ok;
      }
      [result, text] = [
        report,
        `Wrote ${plural(report.tags, 'tag')} of ${plural(report.photos, 'photo')} to ${outPath}.`,
      ];
    }
    const written = (result as { summary?: { photos?: number }; tags?: number }) ?? {};
    const empty = name === 'import' ? false : (written.summary?.photos ?? written.tags) === 0;
    const why = empty ? await whyNothingWritten(api, includeSuggested) : null;
    clearLine();
    process.stdout.write(
      json
        ? `${JSON.stringify(why === null ? result : { ...(result as object), why })}\n`
        : `${terminalText(text)}\n`,
    );
    if (why !== null) process.stderr.write(`${terminalText(why)}\n`);
    return EXIT.ok;
  } catch (error) {
    clearLine();
    return failWith(error);
  } finally {
    await engine.close();
  }
}
