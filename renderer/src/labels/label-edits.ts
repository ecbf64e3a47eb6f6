// Each edit to a label set with the edit that takes it back: the editor's undo.
import type { LabelDefinition, LabelEdit, LabelSetDetail } from '../../../preload/contract/labels';
import { ancestorsOf, leafName, parentOf } from './label-path';

export interface UndoableEdit {
  readonly edit: LabelEdit;
  readonly inverse: LabelEdit;
  /** What the undo button says after "Undo": "rename Heron". */
  readonly description: string;
}

export { leafName, parentOf };
export const isUnder = (path: string, root: string): boolean =>
  path === root || path.startsWith(`${root}/`);

function labelAt(set: LabelSetDetail, path: string): LabelDefinition | undefined {
  return set.labels.find((label) => label.path === path);
}

export function addLabel(
  set: LabelSetDetail,
  path: string,
  prompts: string[] | null,
): UndoableEdit {
  // The undo removes the outermost label this edit created (parents it implied included).
  const created = [...ancestorsOf(path), path].find((p) => labelAt(set, p) === undefined) ?? path;
  return {
    edit: { kind: 'add-labels', labels: [{ path, prompts, threshold: null }] },
    inverse: { kind: 'delete-label', path: created },
    description: `add ${leafName(path)}`,
  };
}

export function renameLabel(from: string, to: string): UndoableEdit {
  return {
    edit: { kind: 'rename-label', from, to },
    inverse: { kind: 'rename-label', from: to, to: from },
    description:
      leafName(from) === leafName(to) ? `move ${leafName(from)}` : `rename ${leafName(from)}`,
  };
}

export function deleteLabel(set: LabelSetDetail, path: string): UndoableEdit {
  return {
    edit: { kind: 'delete-label', path },
    inverse: {
      kind: 'add-labels',
      labels: set.labels.filter((label) => isUnder(label.path, path)),
    },
    description: `delete ${leafName(path)}`,
  };
}

export function setPrompts(
  set: LabelSetDetail,
  path: string,
  prompts: string[] | null,
): UndoableEdit {
  return {
    edit: { kind: 'set-prompts', path, prompts },
    inverse: { kind: 'set-prompts', path, prompts: labelAt(set, path)?.prompts ?? null },
    description: `words of ${leafName(path)}`,
  };
}

export function setThreshold(
  set: LabelSetDetail,
  path: string,
  threshold: number | null,
): UndoableEdit {
  return {
    edit: { kind: 'set-threshold', path, threshold },
    inverse: { kind: 'set-threshold', path, threshold: labelAt(set, path)?.threshold ?? null },
    description: `line of ${leafName(path)}`,
  };
}

type Options = Omit<Extract<LabelEdit, { kind: 'set-options' }>, 'kind'>;

export function setOptions(set: LabelSetDetail, options: Options): UndoableEdit {
  const before: { -readonly [K in keyof Options]: Options[K] } = {};
  if (options.name !== undefined) before.name = set.name;
  if (options.mode !== undefined) before.mode = set.mode;
  if (options.templates !== undefined) before.templates = set.templates;
  if (options.background !== undefined) before.background = set.background;
  if (options.active !== undefined) before.active = set.active;
  if (options.suggest !== undefined) before.suggest = set.suggest;
  return {
    edit: { kind: 'set-options', ...options },
    inverse: { kind: 'set-options', ...before },
    description: options.name !== undefined ? 'set name' : 'set settings',
  };
}
