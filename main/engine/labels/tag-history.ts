// Tag decisions as a history kept in the library: every action (one confirm, a bulk action, a
// keyword import, a label made from a cluster) is one step that can be undone and redone, after
// a restart too. Each step keeps the state of every (photo, set, label) it changed, before and
// after, and writes keep the hierarchy consistent: no confirmed label under a rejected one.
import type { LabelDefinition, TagHistory, TagStep } from '../../../preload/contract/labels';
import type { Database, Statement } from '../../../native/sqlite';
import { editLabelSet } from './label-store';
import { ancestorsOf } from './label-set';
import type { Decided } from './photo-tags';

/** One wanted state of a label on a photo; null takes the decision back (a suggestion again). */
export interface DecisionWrite {
  readonly fileId: number;
  readonly labelSetId: number;
  readonly label: string;
  readonly state: Decided | null;
}

/** Labels a step created (a label made from a cluster): its undo deletes them, its redo re-adds them. */
export interface AddedLabels {
  readonly labelSetId: number;
  readonly labels: readonly LabelDefinition[];
}

/** Steps kept; older ones can no longer be undone. */
const KEPT_STEPS = 1000;

interface StepRow {
  id: number;
  description: string;
  photos: number;
  labels_added: string | null;
  at: number;
}

const stepOf = (row: StepRow | undefined): TagStep | null =>
  row === undefined ? null : { description: row.description, photos: row.photos, at: row.at };

/** The statements a step runs per tag, prepared once per library (an import runs thousands). */
function statements(db: Database) {
  let prepared = STATEMENTS.get(db);
  if (prepared === undefined) {
    prepared = {
      state: db
        .prepare(
          'SELECT state FROM tag_decisions WHERE file_id = ? AND label_set_id = ? AND label = ?',
        )
        .pluck(),
      remove: db.prepare(
        'DELETE FROM tag_decisions WHERE file_id = ? AND label_set_id = ? AND label = ?',
      ),
      upsert: db.prepare(
        `INSERT INTO tag_decisions (file_id, label_set_id, label, state, decided_at)
         VALUES (?, ?, ?, ?, ?) ON CONFLICT (file_id, label_set_id, label)
         DO UPDATE SET state = excluded.state, decided_at = excluded.decided_at`,
      ),
    };
    STATEMENTS.set(db, prepared);
  }
  return prepared;
}
const STATEMENTS = new WeakMap<
  Database,
  { readonly state: Statement; readonly remove: Statement; readonly upsert: Statement }
>();

function stateOf(db: Database, fileId: number, setId: number, label: string): Decided | null {
  const state = statements(db).state.get(fileId, setId, label) as Decided | undefined;
  return state ?? null;
}

function writeState(db: Database, write: DecisionWrite, at: number): void {
  const { remove, upsert } = statements(db);
  if (write.state === null) remove.run(write.fileId, write.labelSetId, write.label);
  else upsert.run(write.fileId, write.labelSetId, write.label, write.state, at);
}

/**
 * What a wanted state takes along on that photo: confirming a label takes back a rejection of
 * the labels above it (they are implied now); rejecting one takes back the confirmations below it.
 */
function consequences(db: Database, write: DecisionWrite): DecisionWrite[] {
  const { fileId, labelSetId, label } = write;
  if (write.state === 'confirmed')
    return ancestorsOf(label)
      .filter((parent) => stateOf(db, fileId, labelSetId, parent) === 'rejected')
      .map((parent) => ({ fileId, labelSetId, label: parent, state: null }));
  if (write.state === 'rejected')
    return (
      db
        .prepare(
          `SELECT label FROM tag_decisions WHERE file_id = ? AND label_set_id = ?
           AND state = 'confirmed' AND substr(label, 1, ?) = ?`,
        )
        .pluck()
        .all(fileId, labelSetId, label.length + 1, `${label}/`) as string[]
    ).map((child) => ({ fileId, labelSetId, label: child, state: null }));
  return [];
}

/**
 * Writes decisions as one step named `description`; answers how many of `writes` changed a tag
 * and the photos changed (a step that changes nothing is not kept, and leaves redo alone).
 */
export function recordStep(
  db: Database,
  description: string,
  writes: readonly DecisionWrite[],
  added: AddedLabels | null = null,
): { changed: number; fileIds: number[] } {
  return db.transaction(() => {
    const at = Date.now();
    const exists = db.prepare('SELECT 1 FROM files WHERE id = ?').pluck();
    const changes: (DecisionWrite & { before: Decided | null })[] = [];
    let changed = 0;
    for (const wanted of writes) {
      if (exists.get(wanted.fileId) === undefined) continue;
      for (const write of [...consequences(db, wanted), wanted]) {
        const before = stateOf(db, write.fileId, write.labelSetId, write.label);
        if (before === write.state) continue;
        writeState(db, write, at);
        changes.push({ ...write, before });
        if (write === wanted) changed++;
      }
    }
    const fileIds = [...new Set(changes.map((change) => change.fileId))];
    if (changes.length === 0 && added === null) return { changed, fileIds };
    // A new step ends the redo steps, as in any editor.
    db.prepare('DELETE FROM tag_steps WHERE undone = 1').run();
    const stepId = Number(
      db
        .prepare(
          'INSERT INTO tag_steps (description, photos, labels_added, at) VALUES (?, ?, ?, ?)',
        )
        .run(description, fileIds.length, added === null ? null : JSON.stringify(added), at)
        .lastInsertRowid,
    );
    const log = db.prepare(
      `INSERT INTO tag_step_changes (step_id, file_id, label_set_id, label, before, after)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    for (const c of changes) log.run(stepId, c.fileId, c.labelSetId, c.label, c.before, c.state);
    db.prepare('DELETE FROM tag_steps WHERE id <= (SELECT MAX(id) FROM tag_steps) - ?').run(
      KEPT_STEPS,
    );
    return { changed, fileIds };
  })();
}

/** The step an undo would take back and the one a redo would do again. */
export function tagHistory(db: Database): TagHistory {
  const pick = (sql: string) =>
    stepOf(
      db.prepare(`SELECT id, description, photos, labels_added, at FROM tag_steps ${sql}`).get() as
        StepRow | undefined,
    );
  return {
    undo: pick('WHERE undone = 0 ORDER BY id DESC LIMIT 1'),
    redo: pick('WHERE undone = 1 ORDER BY id ASC LIMIT 1'),
  };
}

interface ChangeRow {
  file_id: number;
  label_set_id: number;
  label: string;
  before: Decided | null;
  after: Decided | null;
}

function setExists(db: Database, id: number): boolean {
  return db.prepare('SELECT 1 FROM label_sets WHERE id = ?').get(id) !== undefined;
}

/**
 * Undoes the newest step (direction 'undo') or redoes the oldest undone one; answers the step and
 * the photos it touched, or null when there is nothing to do.
 */
export function moveInHistory(
  db: Database,
  direction: 'undo' | 'redo',
): { step: TagStep; fileIds: number[]; labelSetIds: number[] } | null {
  return db.transaction(() => {
    const row = db
      .prepare(
        direction === 'undo'
          ? 'SELECT id, description, photos, labels_added, at FROM tag_steps WHERE undone = 0 ORDER BY id DESC LIMIT 1'
          : 'SELECT id, description, photos, labels_added, at FROM tag_steps WHERE undone = 1 ORDER BY id ASC LIMIT 1',
      )
      .get() as StepRow | undefined;
    if (row === undefined) return null;
    const changes = db
      .prepare(
        `SELECT file_id, label_set_id, label, before, after FROM tag_step_changes
         WHERE step_id = ? ORDER BY id ${direction === 'undo' ? 'DESC' : 'ASC'}`,
      )
      .all(row.id) as ChangeRow[];
    const added = row.labels_added === null ? null : (JSON.parse(row.labels_added) as AddedLabels);
    const present = (path: string) =>
      db
        .prepare('SELECT 1 FROM labels WHERE label_set_id = ? AND path = ?')
        .get(added?.labelSetId, path) !== undefined;
    if (direction === 'redo' && added !== null && setExists(db, added.labelSetId)) {
      const missing = added.labels.filter((label) => !present(label.path));
      if (missing.length > 0)
        editLabelSet(db, added.labelSetId, { kind: 'add-labels', labels: missing });
    }
    const at = Date.now();
    for (const change of changes)
      writeState(
        db,
        {
          fileId: change.file_id,
          labelSetId: change.label_set_id,
          label: change.label,
          state: direction === 'undo' ? change.before : change.after,
        },
        at,
      );
    if (direction === 'undo' && added !== null && setExists(db, added.labelSetId))
      for (const label of [...added.labels].reverse())
        if (present(label.path))
          editLabelSet(db, added.labelSetId, { kind: 'delete-label', path: label.path });
    db.prepare('UPDATE tag_steps SET undone = ? WHERE id = ?').run(
      direction === 'undo' ? 1 : 0,
      row.id,
    );
    const labelSetIds = [
      ...new Set([
        ...changes.map((change) => change.label_set_id),
        ...(added === null ? [] : [added.labelSetId]),
      ]),
    ];
    return {
      step: stepOf(row) as TagStep,
      fileIds: [...new Set(changes.map((change) => change.file_id))],
      labelSetIds,
    };
  })();
}
