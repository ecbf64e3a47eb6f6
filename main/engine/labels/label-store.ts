// Label sets in the library: the tree of each set, edits to it, and the files they come from.
import type {
  LabelDefinition,
  LabelEdit,
  LabelMode,
  LabelSetDetail,
  LabelSetSummary,
} from '../../../preload/contract/labels';
import type { Database } from '../../../native/sqlite';
import { engineError } from '../engine-error';
import {
  ancestorsOf,
  pathLevels,
  DEFAULT_TEMPLATES,
  labelNameProblem,
  promptProblem,
  labelSetOf,
  MAX_LABELS,
  parentOf,
  scoredLabels,
  setNameProblem,
  type LabelDocument,
  type LabelSet,
} from './label-set';

interface SetRow {
  id: number;
  name: string;
  mode: LabelMode;
  templates: string;
  background: number;
  active: number;
  suggest: number;
}

interface LabelRow {
  path: string;
  prompts: string | null;
  threshold: number | null;
}

/** "A / B " -> "A/B"; refuses empty levels, control characters and names over the limits. */
export function cleanPath(path: string): string {
  const problem = labelNameProblem(path);
  if (problem !== null) throw engineError('BAD_LABEL_EDIT', `A label ${problem}.`);
  const parts = pathLevels(path).map((part) => part.trim().replace(/\s+/g, ' '));
  if (parts.some((part) => part === ''))
    throw engineError('BAD_LABEL_EDIT', `"${path}" has an empty level.`);
  return parts.join('/');
}

/** A set's name, trimmed; refuses control characters and names over the limit. */
function cleanSetName(name: string): string {
  const problem = setNameProblem(name);
  if (problem !== null) throw engineError('BAD_LABEL_EDIT', `A label set's name ${problem}.`);
  return name.trim();
}

const isUnder = (path: string, root: string) => path === root || path.startsWith(`${root}/`);

export function listLabelSets(db: Database): LabelSetSummary[] {
  const sets = db
    .prepare(
      'SELECT id, name, mode, templates, background, active FROM label_sets ORDER BY name COLLATE NOCASE',
    )
    .all() as SetRow[];
  return sets.map((row) => ({
    id: row.id,
    name: row.name,
    mode: row.mode,
    active: row.active === 1,
    labels: scoredLabels(
      labelRows(db, row.id).map((label) => ({ ...toNode(label), name: label.path })),
    ).length,
  }));
}

function labelRows(db: Database, id: number): LabelRow[] {
  return db
    .prepare(
      'SELECT path, prompts, threshold FROM labels WHERE label_set_id = ? ORDER BY position, path',
    )
    .all(id) as LabelRow[];
}

const toNode = (row: LabelRow): LabelDefinition => ({
  path: row.path,
  prompts: row.prompts === null ? null : (JSON.parse(row.prompts) as string[]),
  threshold: row.threshold,
});

/**
 * Parents before children, siblings in the order they were added (`labels` is in that order):
 * a walk of the tree, linear in the number of labels however deep it goes.
 */
function treeOrder(labels: readonly LabelDefinition[]): LabelDefinition[] {
  const known = new Set(labels.map((label) => label.path));
  const children = new Map<string | null, LabelDefinition[]>();
  for (const label of labels) {
    const parent = parentOf(label.path);
    const key = parent !== null && known.has(parent) ? parent : null;
    const list = children.get(key);
    if (list === undefined) children.set(key, [label]);
    else list.push(label);
  }
  const ordered: LabelDefinition[] = [];
  const stack = [...(children.get(null) ?? [])].reverse();
  while (stack.length > 0) {
    const label = stack.pop() as LabelDefinition;
    ordered.push(label);
    const below = children.get(label.path);
    if (below !== undefined) for (let i = below.length - 1; i >= 0; i--) stack.push(below[i]!);
  }
  return ordered;
}

/** A set's id and name, or NOT_FOUND. */
export function labelSetName(db: Database, id: number): { id: number; name: string } {
  const row = db.prepare('SELECT id, name FROM label_sets WHERE id = ?').get(id) as
    { id: number; name: string } | undefined;
  if (row === undefined) throw engineError('NOT_FOUND', `There is no label set ${id}.`);
  return row;
}

export function labelSetDetail(db: Database, id: number): LabelSetDetail {
  const row = db
    .prepare(
      'SELECT id, name, mode, templates, background, active, suggest FROM label_sets WHERE id = ?',
    )
    .get(id) as SetRow | undefined;
  if (row === undefined) throw engineError('NOT_FOUND', `There is no label set ${id}.`);
  return {
    id: row.id,
    name: row.name,
    mode: row.mode,
    templates: JSON.parse(row.templates) as string[],
    background: row.background === 1,
    active: row.active === 1,
    suggest: row.suggest === 1,
    labels: treeOrder(labelRows(db, id).map(toNode)),
  };
}

export function documentOf(detail: LabelSetDetail): LabelDocument {
  return {
    name: detail.name,
    mode: detail.mode,
    templates: detail.templates,
    background: detail.background,
    nodes: detail.labels.map((label) => ({
      name: label.path,
      prompts: label.prompts,
      threshold: label.threshold,
    })),
  };
}

/** The set as photos are scored with it; null while it cannot tag anything yet. */
export function scorableSet(detail: LabelSetDetail): LabelSet | null {
  try {
    return labelSetOf(documentOf(detail), detail.name);
  } catch {
    return null;
  }
}

/** A name no other set has: "Animals", "Animals (2)", ... */
function freeName(db: Database, wanted: string): string {
  const taken = new Set(db.prepare('SELECT name FROM label_sets').pluck().all() as string[]);
  if (!taken.has(wanted)) return wanted;
  for (let n = 2; ; n++) if (!taken.has(`${wanted} (${n})`)) return `${wanted} (${n})`;
}

function checkTemplates(templates: readonly string[]): void {
  if (templates.length === 0)
    throw engineError('BAD_LABEL_EDIT', 'A label set needs at least one sentence.');
  for (const template of templates)
    if (!template.includes('{}'))
      throw engineError('BAD_LABEL_EDIT', `"${template}" needs {} where the label's words go.`);
}

/** Adds a set from a parsed file (or an empty one); a taken name gets a number. */
export function createLabelSet(db: Database, document: LabelDocument): number {
  checkTemplates(document.templates);
  return db.transaction(() => {
    const now = Date.now();
    const id = Number(
      db
        .prepare(
          `INSERT INTO label_sets (name, mode, templates, background, active, created_at, updated_at)
           VALUES (?, ?, ?, ?, 1, ?, ?)`,
        )
        .run(
          freeName(db, cleanSetName(document.name) || 'Labels'),
          document.mode,
          JSON.stringify(document.templates),
          document.background ? 1 : 0,
          now,
          now,
        ).lastInsertRowid,
    );
    insertLabels(
      db,
      id,
      document.nodes.map((node) => ({
        path: node.name,
        prompts: node.prompts,
        threshold: node.threshold,
      })),
    );
    return id;
  })();
}

export function emptyDocument(name: string, mode: LabelMode): LabelDocument {
  return { name, mode, templates: DEFAULT_TEMPLATES, background: false, nodes: [] };
}

/**
 * Adds labels and the parents they imply. The set's paths are read once and positions counted
 * here, so adding tens of thousands (a keyword import) or a tree 1,000 deep stays linear.
 */
function insertLabels(db: Database, id: number, labels: readonly LabelDefinition[]): void {
  const existing = new Set(
    db.prepare('SELECT path FROM labels WHERE label_set_id = ?').pluck().all(id) as string[],
  );
  let position = db
    .prepare('SELECT COALESCE(MAX(position), -1) + 1 FROM labels WHERE label_set_id = ?')
    .pluck()
    .get(id) as number;
  const insert = db.prepare(
    'INSERT INTO labels (label_set_id, path, prompts, threshold, position) VALUES (?, ?, ?, ?, ?)',
  );
  const add = (path: string, prompts: string | null, threshold: number | null): void => {
    if (existing.size >= MAX_LABELS)
      throw engineError(
        'BAD_LABEL_EDIT',
        `A label set holds at most ${MAX_LABELS.toLocaleString('en')} labels; "${path}" would be one more. Split the set in two.`,
      );
    insert.run(id, path, prompts, threshold, position++);
    existing.add(path);
  };
  for (const label of labels) {
    const path = cleanPath(label.path);
    if (existing.has(path))
      throw engineError('LABEL_EXISTS', `There is already a label "${path}".`);
    // Only the parents still missing: walk up until one exists.
    const missing: string[] = [];
    for (
      let parent = parentOf(path);
      parent !== null && !existing.has(parent);
      parent = parentOf(parent)
    )
      missing.push(parent);
    for (let i = missing.length - 1; i >= 0; i--) add(missing[i]!, null, null);
    add(path, promptsJson(label.prompts), label.threshold);
  }
}

function promptsJson(prompts: readonly string[] | null): string | null {
  if (prompts === null) return null;
  for (const prompt of prompts) {
    const problem = promptProblem(prompt);
    if (problem !== null) throw engineError('BAD_LABEL_EDIT', `A prompt ${problem}.`);
  }
  const cleaned = [...new Set(prompts.map((p) => p.trim()).filter((p) => p !== ''))];
  return cleaned.length === 0 ? null : JSON.stringify(cleaned);
}

function requireLabel(db: Database, id: number, path: string): void {
  const found = db
    .prepare('SELECT 1 FROM labels WHERE label_set_id = ? AND path = ?')
    .get(id, path);
  if (found === undefined) throw engineError('NOT_FOUND', `There is no label "${path}".`);
}

/** Applies one edit in a transaction. */
export function editLabelSet(db: Database, id: number, edit: LabelEdit): void {
  labelSetDetail(db, id); // refuses an unknown set
  db.transaction(() => {
    switch (edit.kind) {
      case 'add-labels':
        insertLabels(db, id, edit.labels);
        break;
      case 'rename-label':
        renameLabel(db, id, cleanPath(edit.from), cleanPath(edit.to));
        break;
      case 'delete-label': {
        const path = cleanPath(edit.path);
        requireLabel(db, id, path);
        db.prepare(
          `DELETE FROM labels WHERE label_set_id = ? AND (path = ? OR substr(path, 1, ?) = ?)`,
        ).run(id, path, path.length + 1, `${path}/`);
        break;
      }
      case 'set-prompts': {
        const path = cleanPath(edit.path);
        requireLabel(db, id, path);
        db.prepare('UPDATE labels SET prompts = ? WHERE label_set_id = ? AND path = ?').run(
          promptsJson(edit.prompts),
          id,
          path,
        );
        break;
      }
      case 'set-threshold': {
        const path = cleanPath(edit.path);
        requireLabel(db, id, path);
        db.prepare('UPDATE labels SET threshold = ? WHERE label_set_id = ? AND path = ?').run(
          edit.threshold,
          id,
          path,
        );
        break;
      }
      case 'set-options':
        setOptions(db, id, edit);
        break;
    }
    db.prepare('UPDATE label_sets SET updated_at = ? WHERE id = ?').run(Date.now(), id);
  })();
}

function setOptions(db: Database, id: number, edit: Extract<LabelEdit, { kind: 'set-options' }>) {
  if (edit.name !== undefined) {
    const name = cleanSetName(edit.name);
    if (name === '') throw engineError('BAD_LABEL_EDIT', 'A label set needs a name.');
    const other = db.prepare('SELECT id FROM label_sets WHERE name = ?').pluck().get(name);
    if (other !== undefined && other !== id)
      throw engineError('LABEL_SET_EXISTS', `There is already a label set called "${name}".`);
    db.prepare('UPDATE label_sets SET name = ? WHERE id = ?').run(name, id);
  }
  if (edit.mode !== undefined)
    db.prepare('UPDATE label_sets SET mode = ? WHERE id = ?').run(edit.mode, id);
  if (edit.templates !== undefined) {
    const templates = edit.templates.map((t) => t.trim()).filter((t) => t !== '');
    checkTemplates(templates);
    db.prepare('UPDATE label_sets SET templates = ? WHERE id = ?').run(
      JSON.stringify(templates),
      id,
    );
  }
  if (edit.background !== undefined)
    db.prepare('UPDATE label_sets SET background = ? WHERE id = ?').run(
      edit.background ? 1 : 0,
      id,
    );
  if (edit.active !== undefined)
    db.prepare('UPDATE label_sets SET active = ? WHERE id = ?').run(edit.active ? 1 : 0, id);
  if (edit.suggest !== undefined)
    db.prepare('UPDATE label_sets SET suggest = ? WHERE id = ?').run(edit.suggest ? 1 : 0, id);
}

/** Renames or moves `from` and everything under it; decisions follow their labels. */
function renameLabel(db: Database, id: number, from: string, to: string): void {
  requireLabel(db, id, from);
  if (from === to) return;
  if (isUnder(to, from)) throw engineError('BAD_LABEL_EDIT', `"${from}" cannot go under itself.`);
  const moving = (
    db.prepare('SELECT path FROM labels WHERE label_set_id = ?').pluck().all(id) as string[]
  ).filter((path) => isUnder(path, from));
  const renamed = (path: string) => to + path.slice(from.length);
  const taken = db.prepare('SELECT 1 FROM labels WHERE label_set_id = ? AND path = ?').pluck();
  for (const path of moving)
    if (taken.get(id, renamed(path)) !== undefined)
      throw engineError('LABEL_EXISTS', `There is already a label "${renamed(path)}".`);
  const next = db
    .prepare('SELECT COALESCE(MAX(position), -1) + 1 FROM labels WHERE label_set_id = ?')
    .pluck();
  for (const parent of ancestorsOf(to))
    if (taken.get(id, parent) === undefined)
      db.prepare(
        'INSERT INTO labels (label_set_id, path, prompts, threshold, position) VALUES (?, ?, NULL, NULL, ?)',
      ).run(id, parent, next.get(id) as number);
  const moveLabel = db.prepare('UPDATE labels SET path = ? WHERE label_set_id = ? AND path = ?');
  const moveDecisions = db.prepare(
    'UPDATE OR REPLACE tag_decisions SET label = ? WHERE label_set_id = ? AND label = ?',
  );
  // The history follows too, so an undo after a rename takes back the renamed label's decision.
  const moveHistory = db.prepare(
    'UPDATE tag_step_changes SET label = ? WHERE label_set_id = ? AND label = ?',
  );
  for (const path of moving) {
    moveLabel.run(renamed(path), id, path);
    moveDecisions.run(renamed(path), id, path);
    moveHistory.run(renamed(path), id, path);
  }
}

export function deleteLabelSet(db: Database, id: number): void {
  labelSetDetail(db, id);
  db.prepare('DELETE FROM label_sets WHERE id = ?').run(id);
}
