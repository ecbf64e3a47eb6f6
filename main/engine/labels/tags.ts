// Tags: the active label sets' suggestions for each photo, and the user's decisions on them.
// Decisions are keyed by files.id + label set + label path, so they outlive model changes,
// re-indexing and moves; a confirmed label also confirms the labels above it.
import type {
  LabelSetDetail,
  PhotoTag,
  TagDecision,
  TagStep,
} from '../../../preload/contract/labels';
import type { EngineContext } from '../engine-context';
import { engineError } from '../engine-error';
import { labelTexts } from './label-scores';
import { labelSetDetail, scorableSet } from './label-store';
import { libraryScores, type ScoredSet } from './library-scores';
import { tagsOfPhoto, type Decided, type TaggingSet } from './photo-tags';
import { moveInHistory, recordStep, tagHistory, type AddedLabels } from './tag-history';

export type { PhotoTag };

/** The active label sets, by name. */
export function activeSetIds(ctx: EngineContext): number[] {
  return ctx.library.db
    .prepare('SELECT id FROM label_sets WHERE active = 1 ORDER BY name COLLATE NOCASE')
    .pluck()
    .all() as number[];
}

/** Decisions of the given photos (null: all) in the given sets: file -> set -> label -> state. */
export function decisionsOf(
  ctx: EngineContext,
  fileIds: readonly number[] | null,
  setIds: readonly number[],
): Map<number, Map<number, Map<string, Decided>>> {
  const rows = ctx.library.db
    .prepare(
      `SELECT file_id, label_set_id, label, state FROM tag_decisions
       WHERE label_set_id IN (SELECT value FROM json_each(?))
       AND (? IS NULL OR file_id IN (SELECT value FROM json_each(?)))`,
    )
    .raw()
    .all(JSON.stringify(setIds), fileIds === null ? null : 1, JSON.stringify(fileIds ?? [])) as [
    number,
    number,
    string,
    Decided,
  ][];
  const result = new Map<number, Map<number, Map<string, Decided>>>();
  for (const [fileId, setId, label, state] of rows) {
    let bySet = result.get(fileId);
    if (bySet === undefined) result.set(fileId, (bySet = new Map()));
    let byLabel = bySet.get(setId);
    if (byLabel === undefined) bySet.set(setId, (byLabel = new Map()));
    byLabel.set(label, state);
  }
  return result;
}

/** A set as tagging sees it; the one place that says whether a set suggests tags. */
function taggingSet(detail: LabelSetDetail, scored: ScoredSet | null): TaggingSet {
  return {
    scores: scored?.scores ?? null,
    columnsOf: scored?.columnsOf ?? new Map(),
    paths: new Set(detail.labels.map((label) => label.path)),
    suggest: detail.suggest,
  };
}

/** Decided tags and the active label sets' suggestions (active model), by files.id. */
export async function tagsOfFiles(
  ctx: EngineContext,
  fileIds: readonly number[] | null,
): Promise<Map<number, PhotoTag[]>> {
  const setIds = activeSetIds(ctx);
  const details = setIds.map((id) => labelSetDetail(ctx.library.db, id));
  const scores = libraryScores(ctx);
  const scoredSets = await Promise.all(details.map((detail) => scores.scored(detail)));
  const matrix = details.length > 0 ? (await scores.scorerNow()).matrix : null;
  const decisions = decisionsOf(ctx, fileIds, setIds);
  const ids =
    fileIds ??
    (ctx.library.db.prepare('SELECT id FROM files ORDER BY id').pluck().all() as number[]);
  const result = new Map<number, PhotoTag[]>();
  const sets = details.map((detail, i) => taggingSet(detail, scoredSets[i] ?? null));
  for (const id of ids) {
    const row = matrix?.rowOf.get(id);
    const tags = details.flatMap((detail, i) =>
      tagsOfPhoto(sets[i] as TaggingSet, row, decisions.get(id)?.get(detail.id)).map((tag) => ({
        ...tag,
        labelSetId: detail.id,
        labelSetName: detail.name,
      })),
    );
    result.set(id, tags);
  }
  return result;
}

const VERBS = { confirmed: 'confirm', rejected: 'reject', suggested: 'clear' } as const;

/** How the history names a decision: 'reject "red" on 3 photos'. */
export function describeDecision(decision: TagDecision): string {
  const count = new Set(decision.fileIds).size;
  const leaf = decision.label.slice(decision.label.lastIndexOf('/') + 1);
  return `${VERBS[decision.state]} "${leaf}" on ${count} photo${count === 1 ? '' : 's'}`;
}

/**
 * Writes decisions (several labels, e.g. a keyword import) as one undoable step; refuses a label
 * its set lacks. Answers how many tags (photo and label) changed.
 */
export function applyDecisions(
  ctx: EngineContext,
  description: string,
  decisions: readonly TagDecision[],
  added: AddedLabels | null = null,
): number {
  const db = ctx.library.db;
  // Each set's labels read once: a keyword import decides tens of thousands of them.
  const sets = new Map<number, { name: string; paths: Set<string> }>();
  const setOf = (id: number) => {
    let set = sets.get(id);
    if (set === undefined) {
      const detail = labelSetDetail(db, id);
      set = { name: detail.name, paths: new Set(detail.labels.map((label) => label.path)) };
      sets.set(id, set);
    }
    return set;
  };
  const writes = decisions.flatMap((decision) => {
    const set = setOf(decision.labelSetId);
    if (!set.paths.has(decision.label))
      throw engineError('NOT_FOUND', `${set.name} has no label "${decision.label}".`);
    const state = decision.state === 'suggested' ? null : decision.state;
    return [...new Set(decision.fileIds)].map((fileId) => ({
      fileId,
      labelSetId: decision.labelSetId,
      label: decision.label,
      state,
    }));
  });
  const { changed, fileIds } = recordStep(db, description, writes, added);
  if (fileIds.length > 0) ctx.emit('tags:changed', { fileIds });
  ctx.emit('tags:history-changed', tagHistory(db));
  return changed;
}

/** Confirms, rejects or (state 'suggested') undecides a label on photos; answers how many changed. */
export async function decideTags(ctx: EngineContext, decision: TagDecision): Promise<number> {
  return applyDecisions(ctx, describeDecision(decision), [decision]);
}

/** Undoes or redoes one step of the tag history; answers it, or null when there was none. */
export function moveTags(ctx: EngineContext, direction: 'undo' | 'redo'): TagStep | null {
  const moved = moveInHistory(ctx.library.db, direction);
  if (moved !== null) {
    ctx.emit('tags:changed', { fileIds: moved.fileIds });
    for (const labelSetId of moved.labelSetIds) ctx.emit('labels:changed', { labelSetId });
  }
  ctx.emit('tags:history-changed', tagHistory(ctx.library.db));
  return moved?.step ?? null;
}

/** The scored labels of the active sets, their texts already put in the set's templates. */
export async function activeLabels(
  ctx: EngineContext,
): Promise<{ labelSetId: number; label: string; prompts: string[] }[]> {
  return activeSetIds(ctx).flatMap((id) => {
    const set = scorableSet(labelSetDetail(ctx.library.db, id));
    if (set === null) return [];
    return set.labels.map((label) => ({
      labelSetId: id,
      label: label.name,
      prompts: labelTexts(set.templates, label.prompts),
    }));
  });
}
