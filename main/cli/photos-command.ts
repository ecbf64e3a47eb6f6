// `facet photos`: the grid's filters and sorts on the command line, hosted by the same engine
// process as every other command.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { PhotoFilter, PhotoPage, PhotoSortKey } from '../../preload/contract/browse';
import type { TagState } from '../../preload/contract/labels';
import { EXIT, fail, failWith, startCommandEngine } from './subcommand';
import { terminalText } from './terminal-text';

export const PHOTOS_USAGE = `Usage: facet photos [options]

  Lists the library's photos as the app's grid shows them, one path per line.

  --label "SET:LABEL"    a label of a label set (repeat for several; a parent matches its children)
  --match any|all|none   photos with any of the labels (default), all of them, or none of them
  --state S,...          tag states that count: suggested, confirmed, rejected (default the first two)
  --min-score X          tags count only from this score up (and --max-score X up to it)
  --folder DIR           only photos in DIR or below it
  --sort score|date|name|folder   order (default folder); --desc reverses it
  --limit N              photos to list (default all); --offset N skips the first N
  --library DIR          the library (default: the app's user-data folder)
  --json                 print one JSON document {"total", "photos": [{"id","path","score","label","taken"}]}
`;

const SORTS: readonly PhotoSortKey[] = ['score', 'date', 'name', 'folder'];
const STATES: readonly TagState[] = ['suggested', 'confirmed', 'rejected'];
const PAGE = 2000;

class PhotosUsageError extends Error {}

function number(name: string, value: string | undefined): number | null {
  if (value === undefined) return null;
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed))
    throw new PhotosUsageError(`--${name} needs a number, not "${value}"`);
  return parsed;
}

export async function runPhotosCommand(args: readonly string[]): Promise<number> {
  let values;
  try {
    values = parseArgs({
      args: [...args],
      options: {
        library: { type: 'string' },
        label: { type: 'string', multiple: true },
        match: { type: 'string' },
        state: { type: 'string' },
        'min-score': { type: 'string' },
        'max-score': { type: 'string' },
        folder: { type: 'string' },
        sort: { type: 'string' },
        desc: { type: 'boolean' },
        limit: { type: 'string' },
        offset: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    process.stderr.write(`facet photos: ${(error as Error).message}\n${PHOTOS_USAGE}`);
    return EXIT.usage;
  }
  if (values.help === true) {
    process.stdout.write(PHOTOS_USAGE);
    return EXIT.ok;
  }
  const engine = startCommandEngine(values.library, false);
  try {
    const sort = (values.sort ?? 'folder') as PhotoSortKey;
    if (!SORTS.includes(sort)) throw new PhotosUsageError(`--sort is one of ${SORTS.join(', ')}`);
    const match = values.match ?? 'any';
    if (match !== 'any' && match !== 'all' && match !== 'none')
      throw new PhotosUsageError('--match is any, all or none');
    const states = values.state?.split(',').map((s) => s.trim()) as TagState[] | undefined;
    if (states?.some((s) => !STATES.includes(s)))
      throw new PhotosUsageError(`--state takes ${STATES.join(', ')}`);
    const sets = (values.label ?? []).length > 0 ? await engine.api.labels.list() : [];
    const labels = (values.label ?? []).map((spec) => {
      const at = spec.indexOf(':');
      const set = sets.find((s) => s.name === spec.slice(0, at));
      if (at < 1 || set === undefined)
        throw new PhotosUsageError(
          `--label "${spec}" names no label set (${sets.map((s) => s.name).join(', ') || 'there are none'})`,
        );
      return { labelSetId: set.id, label: spec.slice(at + 1) };
    });
    const filter: PhotoFilter = {
      ...(labels.length > 0 && { labels, labelMode: match }),
      ...(states !== undefined && { states }),
      minScore: number('min-score', values['min-score']),
      maxScore: number('max-score', values['max-score']),
      folder: values.folder === undefined ? null : resolve(values.folder),
    };
    const offset = number('offset', values.offset) ?? 0;
    const limit = number('limit', values.limit) ?? Infinity;
    const rows: PhotoPage['rows'][number][] = [];
    let total = 0;
    for (let at = offset; rows.length < limit; at += PAGE) {
      const page = await engine.api.browse.photos(
        { filter, sort: { key: sort, descending: values.desc === true } },
        at,
        Math.min(PAGE, limit - rows.length),
      );
      total = page.total;
      rows.push(...page.rows);
      if (page.rows.length === 0 || at + page.rows.length >= total) break;
    }
    if (values.json === true)
      process.stdout.write(`${JSON.stringify({ total, photos: rows }, null, 2)}\n`);
    else {
      for (const row of rows)
        process.stdout.write(
          terminalText(
            row.score === null ? `${row.path}\n` : `${row.score.toFixed(3)}  ${row.path}\n`,
          ),
        );
      process.stderr.write(`${rows.length} of ${total} photos\n`);
    }
    return EXIT.ok;
  } catch (error) {
    if (error instanceof PhotosUsageError) return fail(`photos: ${error.message}`, EXIT.usage);
    return failWith(error);
  } finally {
    await engine.close();
  }
}
