// The tags of a photo in one label set: what Facet suggests and what the user decided, the one
// answer the app, `facet tag`, `facet photos --label`, cluster names and export all use.
import type { TagState } from '../../../preload/contract/labels';
import { ancestorsOf } from './label-set';
import { suggestedColumns, type SetScores } from './label-scores';

export type Decided = 'confirmed' | 'rejected';

/** A set as tagging sees it: its scores (null: none yet) and the label paths it has. */
export interface TaggingSet {
  readonly scores: SetScores | null;
  /** Column of each scored label; a parent maps to the columns of the labels under it. */
  readonly columnsOf: ReadonlyMap<string, readonly number[]>;
  /** Every label path of the set, parents included. */
  readonly paths: ReadonlySet<string>;
  /** False: the set suggests nothing, only the user's decisions count. */
  readonly suggest: boolean;
}

export interface PhotoTagState {
  readonly label: string;
  /** How sure Facet is (0 to 1); a parent as sure as its surest child; null without scores. */
  readonly score: number | null;
  readonly state: TagState;
}

/** Column of each label path, parents mapped to the leaves under them. */
export function columnsByPath(scores: SetScores): Map<string, number[]> {
  const columnsOf = new Map<string, number[]>();
  scores.labels.forEach((label, j) => {
    for (const path of [label.name, ...ancestorsOf(label.name)])
      columnsOf.set(path, [...(columnsOf.get(path) ?? []), j]);
  });
  return columnsOf;
}

/** Best score among `columns` for a row (a parent scores as its best child). */
export function scoreOf(scores: SetScores, columns: readonly number[], row: number): number {
  let best = -Infinity;
  for (const j of columns) best = Math.max(best, scores.scores[j]?.[row] ?? -Infinity);
  return best;
}

/** True when the user rejected `label` or a label above it on this photo. */
export function rejectedAt(label: string, decided: ReadonlyMap<string, Decided> | undefined) {
  if (decided === undefined) return false;
  return [label, ...ancestorsOf(label)].some((path) => decided.get(path) === 'rejected');
}

/**
 * One photo's tags in one set, best first: suggestions (never one the user rejected, nor one
 * below a rejected label), confirmed labels with the labels above them, and rejections.
 */
export function tagsOfPhoto(
  set: TaggingSet,
  row: number | undefined,
  decided: ReadonlyMap<string, Decided> | undefined,
): PhotoTagState[] {
  const states = new Map<string, TagState>();
  if (set.suggest && set.scores !== null && row !== undefined) {
    for (const j of suggestedColumns(set.scores, row)) {
      const name = set.scores.labels[j]?.name as string;
      if (rejectedAt(name, decided)) continue;
      for (const path of [name, ...ancestorsOf(name)]) states.set(path, 'suggested');
    }
  }
  for (const [label, state] of decided ?? []) {
    if (!set.paths.has(label)) continue; // a deleted label's decision waits for an undo
    if (state === 'confirmed')
      for (const parent of ancestorsOf(label))
        if (decided?.get(parent) !== 'rejected') states.set(parent, 'confirmed');
    states.set(label, state);
  }
  const scoreAtRow = (label: string): number | null => {
    const columns = set.columnsOf.get(label);
    if (set.scores === null || row === undefined || columns === undefined) return null;
    return scoreOf(set.scores, columns, row);
  };
  const depth = (label: string) => label.split('/').length;
  return [...states]
    .map(([label, state]) => ({ label, score: scoreAtRow(label), state }))
    .sort(
      (a, b) => (b.score ?? -Infinity) - (a.score ?? -Infinity) || depth(b.label) - depth(a.label),
    );
}

/** The tags a photo carries: suggested or confirmed, not rejected. */
export function carried<T extends { readonly state: TagState }>(tags: readonly T[]): T[] {
  return tags.filter((tag) => tag.state !== 'rejected');
}
