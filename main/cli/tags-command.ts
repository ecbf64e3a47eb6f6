// `facet tags`: the app's tag decisions from the command line (confirm, reject, clear a label on
// photos or folders) and the same undo/redo history the app keeps in the library.
import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { TagState, TagStep } from '../../preload/contract/labels';
import type { EngineApi } from '../engine/engine-api';
import { EXIT, fail, failWith, oneLine, startCommandEngine } from './subcommand';

export const TAGS_USAGE = `Usage: facet tags confirm|reject|clear <photo or folder>... --label "SET:LABEL" [options]
       facet tags undo|redo|history [options]

  facet tags confirm ...   confirms the label on the photos (and the folders' photos, below too)
  facet tags reject ...    rejects it (and takes back confirmations of the labels below it)
  facet tags clear ...     takes the decision back: the label is only suggested again, if at all
  facet tags undo          takes back the newest step (from the app or the command line)
  facet tags redo          does the newest undone step again
  facet tags history       says what undo and redo would do

  --label "SET:LABEL"  a label of a label set: "Animals:Animals/Bird/Heron"
  --library DIR        the library (default: the app's user-data folder)
  --json               print one JSON document on stdout
`;

const STATES: Readonly<Record<string, TagState>> = {
  confirm: 'confirmed',
  reject: 'rejected',
  clear: 'suggested',
};
const PAGE = 5000;

class TagsUsageError extends Error {}

/** The library's photos at `path`: the photo itself, or every photo in the folder and below. */
async function photosAt(engine: EngineApi, path: string): Promise<number[]> {
  let folder = path;
  let only: string | null = null;
  try {
    if (!(await stat(path)).isDirectory()) [folder, only] = [dirname(path), path];
  } catch {
    [folder, only] = [dirname(path), path]; // a photo moved away may still be in the library
  }
  const ids: number[] = [];
  for (let at = 0; ; at += PAGE) {
    const page = await engine.browse.photos(
      { filter: { folder }, sort: { key: 'folder', descending: false } },
      at,
      PAGE,
    );
    for (const row of page.rows) if (only === null || row.path === only) ids.push(row.id);
    if (page.rows.length === 0 || at + page.rows.length >= page.total) break;
  }
  if (ids.length === 0)
    throw new TagsUsageError(`${path} is not in the library (facet index adds it).`);
  return ids;
}

async function decide(
  engine: EngineApi,
  state: TagState,
  paths: readonly string[],
  spec: string | undefined,
) {
  if (spec === undefined) throw new TagsUsageError('--label "SET:LABEL" names the label.');
  if (paths.length === 0) throw new TagsUsageError('Name at least one photo or folder.');
  const at = spec.indexOf(':');
  const sets = await engine.labels.list();
  const set = sets.find((s) => s.name === spec.slice(0, at));
  if (at < 1 || set === undefined)
    throw new TagsUsageError(
      `--label "${spec}" names no label set (${sets.map((s) => s.name).join(', ') || 'there are none'}).`,
    );
  const label = spec.slice(at + 1);
  const detail = await engine.labels.get(set.id);
  if (!detail.labels.some((l) => l.path === label))
    throw new TagsUsageError(`${set.name} has no label "${label}".`);
  const fileIds = [...new Set((await Promise.all(paths.map((p) => photosAt(engine, p)))).flat())];
  const changed = await engine.tags.decide({ fileIds, labelSetId: set.id, label, state });
  return { labelSet: set.name, label, state, photos: fileIds.length, changed };
}

const described = (step: TagStep | null) =>
  step === null ? 'nothing' : `${step.description} (${step.photos} photos)`;

export async function runTagsCommand(args: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        library: { type: 'string' },
        label: { type: 'string' },
        json: { type: 'boolean' },
        verbose: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    process.stderr.write(`facet tags: ${(error as Error).message}\n${TAGS_USAGE}`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  const [action, ...paths] = positionals;
  if (values.help === true) {
    process.stdout.write(TAGS_USAGE);
    return EXIT.ok;
  }
  const known =
    action !== undefined && (action in STATES || ['undo', 'redo', 'history'].includes(action));
  if (!known) {
    process.stderr.write(
      `facet tags: name an action: confirm, reject, clear, undo, redo or history\n`,
    );
    return EXIT.usage;
  }
  const engine = startCommandEngine(values.library, values.verbose === true);
  const print = (json: unknown, text: string) =>
    process.stdout.write(values.json === true ? `${JSON.stringify(json)}\n` : `${text}\n`);
  try {
    if (action === 'undo' || action === 'redo') {
      const step = await (action === 'undo' ? engine.api.tags.undo() : engine.api.tags.redo());
      const history = await engine.api.tags.history();
      print(
        { [action === 'undo' ? 'undone' : 'redone']: step, history },
        step === null
          ? `Nothing to ${action}.`
          : `${action === 'undo' ? 'Undid' : 'Redid'}: ${described(step)}.`,
      );
    } else if (action === 'history') {
      const history = await engine.api.tags.history();
      print(history, `Undo: ${described(history.undo)}\nRedo: ${described(history.redo)}`);
    } else {
      const state = STATES[action] as TagState;
      const result = await decide(
        engine.api,
        state,
        paths.map((p) => resolve(p)),
        values.label,
      );
      print(
        result,
        `${action} ${result.labelSet}:${result.label}: ${result.changed} of ${result.photos} photos changed (facet tags undo takes it back).`,
      );
    }
    return EXIT.ok;
  } catch (error) {
    if (error instanceof TagsUsageError) return fail(`tags: ${oneLine(error)}`, EXIT.usage);
    return failWith(error);
  } finally {
    await engine.close();
  }
}
