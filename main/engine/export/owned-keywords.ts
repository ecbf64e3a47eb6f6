// The keywords Facet owns in each photo's sidecar ('sidecar:ext' / 'sidecar:base', one per
// naming) and in the photo itself ('original'): written by an export, read by the next one.
import { basename } from 'node:path';
import type { Database } from '../../../native/sqlite';
import type { SidecarNaming } from '../../../preload/contract/export';
import type { KeywordField, KeywordValues } from './keywords';
import type { TargetKind } from './xmp-write';

type FileTarget = `sidecar:${SidecarNaming}` | 'original';
/** A photo's own file, or (`...@IMG_1.JPG`) the JPEG companion of a raw, kept under the raw's id. */
export type OwnedTarget = FileTarget | `${FileTarget}@${string}`;

export function ownedTarget(
  kind: TargetKind,
  naming: SidecarNaming,
  companion: string | null = null,
): OwnedTarget {
  const target: FileTarget = kind === 'original' ? 'original' : `sidecar:${naming}`;
  return companion === null ? target : `${target}@${basename(companion)}`;
}

type Owned = Map<OwnedTarget, Partial<Record<KeywordField, string[]>>>;

/** What Facet owns, by file id and target (null: every file). */
export function ownedKeywords(db: Database, fileIds: readonly number[] | null): Map<number, Owned> {
  const rows = db
    .prepare(
      `SELECT file_id, target, field, value FROM export_keywords
       WHERE ? IS NULL OR file_id IN (SELECT value FROM json_each(?))`,
    )
    .raw()
    .all(fileIds === null ? null : 1, JSON.stringify(fileIds ?? [])) as [
    number,
    OwnedTarget,
    KeywordField,
    string,
  ][];
  const result = new Map<number, Owned>();
  for (const [fileId, target, field, value] of rows) {
    let byTarget = result.get(fileId);
    if (byTarget === undefined) result.set(fileId, (byTarget = new Map()));
    let fields = byTarget.get(target);
    if (fields === undefined) byTarget.set(target, (fields = {}));
    (fields[field] ??= []).push(value);
  }
  return result;
}

/** Replaces what Facet owns in one target of one photo. */
export function saveOwnedKeywords(
  db: Database,
  fileId: number,
  target: OwnedTarget,
  owned: KeywordValues,
): void {
  const remove = db.prepare('DELETE FROM export_keywords WHERE file_id = ? AND target = ?');
  const insert = db.prepare(
    `INSERT OR IGNORE INTO export_keywords (file_id, target, field, value)
     SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM files WHERE id = ?)`,
  );
  db.transaction(() => {
    remove.run(fileId, target);
    for (const [field, values] of Object.entries(owned))
      for (const value of values ?? []) insert.run(fileId, target, field, value, fileId);
  })();
}
