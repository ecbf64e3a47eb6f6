// Tags: the active label sets' suggestions for each photo, and the user's decisions on them.
// Decisions are keyed by files.id + label set + label path, so they outlive model changes,
// re-indexing and moves; a confirmed label also confirms the labels above it.
import type { LabelSetDetail, PhotoTag, TagDecision } from '../../../preload/contract/labels';
import type { EngineContext } from '../engine-context';
import { engineError } from '../engine-error';
import { labelTexts } from './label-scores';
import { labelSetDetail, labelSetName, scorableSet } from './label-store';
import { libraryScores, type ScoredSet } from './library-scores';
import { tagsOfPhoto, type Decided, type TaggingSet } from './photo-tags';

export type { PhotoTag };

function activeSetIds(ctx: EngineContext): number[] {
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
    suggest: true,
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

/** Confirms, rejects or (state 'suggested') undecides a label on photos; answers how many changed. */
export async function decideTags(ctx: EngineContext, decision: TagDecision): Promise<number> {
  return decideManyTags(ctx, [decision]);
}

/**
 * Several decisions in one transaction, with one change event: a keyword import decides tens of
 * thousands of labels, and a statement prepared and a transaction opened per label would take
 * minutes. All or none are stored.
 */
export async function decideManyTags(
  ctx: EngineContext,
  decisions: readonly TagDecision[],
): Promise<number> {
  const db = ctx.library.db;
  const setName = new Map<number, string>();
  const labelExists = db.prepare('SELECT 1 FROM labels WHERE label_set_id = ? AND path = ?');
  for (const decision of decisions) {
    let name = setName.get(decision.labelSetId);
    if (name === undefined) {
      name = labelSetName(db, decision.labelSetId).name;
      setName.set(decision.labelSetId, name);
    }
    if (labelExists.get(decision.labelSetId, decision.label) === undefined)
      throw engineError('NOT_FOUND', `${name} has no label "${decision.label}".`);
  }
  const remove = db.prepare(
    'DELETE FROM tag_decisions WHERE file_id = ? AND label_set_id = ? AND label = ?',
  );
  const upsert = db.prepare(
    `INSERT INTO tag_decisions (file_id, label_set_id, label, state, decided_at)
     SELECT ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM files WHERE id = ?)
     ON CONFLICT (file_id, label_set_id, label) DO UPDATE SET state = excluded.state,
       decided_at = excluded.decided_at WHERE state <> excluded.state`,
  );
  const touched = new Set<number>();
  const changed = db.transaction(() => {
    const now = Date.now();
    let count = 0;
    for (const { fileIds, labelSetId, label, state } of decisions) {
      for (const id of new Set(fileIds)) {
        const changes =
          state === 'suggested'
            ? remove.run(id, labelSetId, label).changes
            : upsert.run(id, labelSetId, label, state, now, id).changes;
        count += changes;
        touched.add(id);
      }
    }
    return count;
  })();
  if (changed > 0) ctx.emit('tags:changed', { fileIds: [...touched] });
  return changed;
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
