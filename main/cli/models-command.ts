// `facet models list|install <name>|import <dir>|use <name>`: the Models screen on the command
// line, hosted by the same engine process as every other command.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type {
  InstalledModelSummary,
  ModelDownloadProgress,
  ModelsOverview,
} from '../../preload/contract/models';
import { formatBytes } from '../engine/models/download-file';
import { formatDuration } from './progress';
import { EXIT, fail, failWith, startCommandEngine } from './subcommand';
import { terminalText } from './terminal-text';
const ACTIONS = ['list', 'install', 'import', 'use'] as const;

export function describeDownload(p: ModelDownloadProgress): string {
  const of = p.totalBytes === null ? '' : ` of ${formatBytes(p.totalBytes)}`;
  const percent =
    p.totalBytes !== null && p.totalBytes > 0
      ? ` (${Math.floor((p.receivedBytes / p.totalBytes) * 100)}%)`
      : '';
  const parts = [`Downloading ${p.name}: ${formatBytes(p.receivedBytes)}${of}${percent}`];
  if (p.bytesPerSecond > 0) parts.push(`${formatBytes(p.bytesPerSecond)}/s`);
  if (p.etaSeconds !== null && p.etaSeconds > 0) parts.push(`${formatDuration(p.etaSeconds)} left`);
  if (p.state === 'verifying') return `Checking ${p.name} (SHA-256, loading both models)…`;
  return parts.join(' · ');
}

function installedLine(model: InstalledModelSummary): string {
  const facts = [
    model.embedDim === null ? null : `${model.embedDim}-d`,
    model.imageSize === null ? null : `${model.imageSize} px`,
    formatBytes(model.bytes),
    model.builtIn ? 'built-in demo' : null,
    `${model.embeddedPhotos} photos embedded`,
  ].filter((part) => part !== null);
  return `${model.active ? '*' : ' '} ${model.id.padEnd(34)} ${facts.join(', ')}`;
}

export function formatOverview(overview: ModelsOverview): string {
  const lines = ['Installed (* = active):', ...overview.installed.map(installedLine), ''];
  lines.push('Catalog (facet models install <name>):');
  for (const model of overview.catalog) {
    const size =
      model.approxDownloadMiB === null
        ? ''
        : `~${formatBytes(model.approxDownloadMiB * 1024 * 1024).replace('.0 ', ' ')}`;
    const state = model.installed
      ? 'installed'
      : model.partialBytes !== null
        ? `${formatBytes(model.partialBytes)} downloaded, install resumes`
        : model.downloadable
          ? ''
          : 'export first';
    const mark = model.name === overview.recommended.name ? ' <- recommended' : '';
    lines.push(
      `  ${model.name.padEnd(52)} ${`${model.embedDim}-d ${model.imageSize} px`.padEnd(13)} ${model.speed.padEnd(9)} ${model.device.toUpperCase().padEnd(3)} ${size.padEnd(9)} ${state}${mark}`.trimEnd(),
    );
  }
  const gpu = overview.hardware.gpu === null ? 'no usable GPU' : `GPU: ${overview.hardware.gpu}`;
  lines.push(
    '',
    `This computer: ${gpu}, ${formatBytes(overview.hardware.memoryMiB * 1024 * 1024)} of memory, ${overview.hardware.cores} cores.`,
  );
  lines.push(`Recommended: ${overview.recommended.name}. ${overview.recommended.reason}`);
  return lines.join('\n');
}

export async function runModelsCommand(argv: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        library: { type: 'string' },
        json: { type: 'boolean' },
        verbose: { type: 'boolean' },
      },
    });
  } catch (error) {
    return fail(
      `${(error as Error).message.split('\n')[0] ?? ''} (facet --help shows the usage)`,
      EXIT.usage,
    );
  }
  const [action, ...rest] = parsed.positionals;
  if (!(ACTIONS as readonly (string | undefined)[]).includes(action))
    return fail(`"facet models" needs one of ${ACTIONS.join(', ')}.`, EXIT.usage);
  if (action === 'list' ? rest.length !== 0 : rest.length !== 1)
    return fail(
      action === 'list'
        ? '"facet models list" takes no arguments.'
        : `"facet models ${action}" needs exactly one ${action === 'import' ? 'folder' : 'model name'}.`,
      EXIT.usage,
    );
  const { json = false, verbose = false } = parsed.values;
  const engine = startCommandEngine(parsed.values.library, verbose);
  const live = process.stderr.isTTY === true;
  let lastPlain = 0;
  engine.on('models:progress', (progress) => {
    const text = describeDownload(progress);
    if (live) process.stderr.write(`\r\x1b[2K${text}`);
    else if (Date.now() - lastPlain > 2000 || progress.state !== 'downloading') {
      lastPlain = Date.now();
      process.stderr.write(`${text}\n`);
    }
  });
  const api = engine.api;
  try {
    const argument = rest[0] as string;
    let result: unknown;
    let text: string;
    if (action === 'list') {
      const overview = await api.models.overview();
      [result, text] = [overview, formatOverview(overview)];
    } else if (action === 'install') {
      const model = await api.models.install(argument);
      if (live) process.stderr.write('\r\x1b[2K');
      [result, text] = [
        model,
        `Installed ${model.id} (${formatBytes(model.bytes)}) in ${model.dir}. Use it with "facet models use ${model.id}".`,
      ];
    } else if (action === 'import') {
      const model = await api.models.import(resolve(argument));
      [result, text] = [
        model,
        `Imported ${model.id} (${model.embedDim ?? '?'}-d, ${model.imageSize ?? '?'} px) into ${model.dir}. Use it with "facet models use ${model.id}".`,
      ];
    } else {
      const overview = await api.models.use(argument);
      const files = (await api.library.summary()).files;
      const active = overview.installed.find((m) => m.active);
      const missing = Math.max(0, files - (active?.embeddedPhotos ?? 0));
      [result, text] = [
        overview,
        `Active model: ${overview.activeModelId}. ${missing === 0 ? 'Every photo already has its embedding.' : `${missing} photos still need an embedding from it: the app embeds them, or run "facet index <folder>".`} Tags you confirmed or rejected are kept.`,
      ];
    }
    process.stdout.write(json ? `${JSON.stringify(result)}\n` : `${terminalText(text)}\n`);
    return EXIT.ok;
  } catch (error) {
    if (live) process.stderr.write('\r\x1b[2K');
    return failWith(error);
  } finally {
    await engine.close();
  }
}
