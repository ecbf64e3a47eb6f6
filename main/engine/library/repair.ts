// `facet repair`: a damaged library is copied aside, everything SQLite can still read is saved
// into a fresh library, and the rest is rebuilt by the next index run. The user's decisions,
// label sets and history come first: they cannot be recomputed; embeddings can.
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, type Database } from '../../../native/sqlite';
import { engineError } from '../engine-error';
import { integrityProblems } from './integrity';
import { Library, LIBRARY_FILE } from './library';

export interface RepairReport {
  /** The damaged file, kept as it was. */
  readonly damagedCopy: string;
  readonly file: string;
  /** Rows saved per table, in the order they were saved. */
  readonly saved: readonly { readonly table: string; readonly rows: number }[];
  /** Tables that could not be read to the end (rows may be missing from them). */
  readonly damagedTables: readonly string[];
  /** Decisions (confirmed and rejected tags) in the repaired library. */
  readonly decisions: number;
  /** Photos without an embedding now: the next index run embeds them again. */
  readonly toEmbed: number;
}

// What cannot be recomputed first; embeddings (recomputable, and most of the file) last.
const FIRST = ['label_sets', 'labels', 'tag_decisions', 'roots', 'files'];
const LAST = ['embeddings'];
const SKIP = new Set(['migrations']); // the fresh library has its own, complete

function order(tables: readonly string[]): string[] {
  const history = tables.filter((t) => /history|undo/.test(t) && !FIRST.includes(t));
  const rest = tables.filter(
    (t) => !FIRST.includes(t) && !LAST.includes(t) && !history.includes(t),
  );
  return [...FIRST, ...history, ...rest, ...LAST].filter((t) => tables.includes(t));
}

function tablesOf(db: Database): string[] {
  return db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .pluck()
    .all() as string[];
}

function columnsOf(db: Database, table: string): { names: string[]; key: string[] } {
  const info = db.pragma(`table_info("${table}")`) as { name: string; pk: number }[];
  const key = info
    .filter((c) => c.pk > 0)
    .sort((a, b) => a.pk - b.pk)
    .map((c) => c.name);
  return { names: info.map((c) => c.name), key };
}

/**
 * Reads every row it can: forwards until damage stops it, then backwards from the end until it
 * meets the damage (or a row it has), so only the damaged stretch of the table is lost.
 */
function salvageRows(
  db: Database,
  table: string,
  columns: readonly string[],
  key: readonly string[],
): { rows: unknown[][]; complete: boolean } {
  const list = columns.map((c) => `"${c}"`).join(', ');
  const orderBy = key.length > 0 ? key.map((c) => `"${c}"`) : ['rowid'];
  const keyAt = key.length > 0 ? key.map((c) => columns.indexOf(c)) : null;
  const rows: unknown[][] = [];
  const seen = new Set<string>();
  const keyOf = (row: unknown[], rowid: unknown) =>
    JSON.stringify(keyAt === null ? rowid : keyAt.map((i) => row[i]));
  const scan = (direction: 'ASC' | 'DESC'): boolean => {
    const sql = `SELECT rowid AS "__rowid", ${list} FROM "${table}" ORDER BY ${orderBy.map((c) => `${c} ${direction}`).join(', ')}`;
    const noRowid = `SELECT NULL AS "__rowid", ${list} FROM "${table}" ORDER BY ${orderBy.map((c) => `${c} ${direction}`).join(', ')}`;
    try {
      const statement = db.prepare(keyAt === null ? sql : noRowid).raw();
      for (const raw of statement.iterate() as Iterable<unknown[]>) {
        const [rowid, ...row] = raw;
        const id = keyOf(row, rowid);
        if (seen.has(id)) return true; // the two scans met: nothing lies between
        seen.add(id);
        rows.push(row);
      }
      return true;
    } catch {
      return false;
    }
  };
  const complete = scan('ASC');
  if (!complete) scan('DESC');
  return { rows, complete };
}

/** Where `facet repair` keeps the damaged file: beside it, named with the time. */
function damagedCopyPath(dir: string): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return join(dir, `${LIBRARY_FILE}.damaged-${stamp}`);
}

export function repairLibrary(libraryDir: string): RepairReport {
  const file = join(libraryDir, LIBRARY_FILE);
  if (!existsSync(file)) throw engineError('BAD_PATH', `There is no library at ${file} to repair.`);
  // The copy keeps the journal beside it under its own name, so SQLite reads both as they were.
  const damagedCopy = damagedCopyPath(libraryDir);
  copyFileSync(file, damagedCopy);
  for (const suffix of ['-wal', '-shm'])
    if (existsSync(file + suffix)) copyFileSync(file + suffix, damagedCopy + suffix);

  const work = join(libraryDir, `.repair-${process.pid}`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work);
  const fresh = new Library(work);
  const saved: { table: string; rows: number }[] = [];
  const damagedTables: string[] = [];
  let old: Database | null = null;
  try {
    old = openDatabase(damagedCopy, { asIs: true });
    let tables: string[] = [];
    try {
      tables = tablesOf(old);
    } catch {
      damagedTables.push('sqlite_master');
    }
    const target = new Set(tablesOf(fresh.db));
    // Rows come back in any order and parents may be lost: keys are checked once, at the end.
    fresh.db.pragma('foreign_keys = OFF');
    for (const table of order(tables.filter((t) => target.has(t) && !SKIP.has(t)))) {
      let columns: string[];
      let key: string[];
      try {
        const have = new Set(columnsOf(fresh.db, table).names);
        ({ names: columns, key } = columnsOf(old, table));
        columns = columns.filter((c) => have.has(c));
        key = key.filter((c) => have.has(c));
      } catch {
        damagedTables.push(table);
        continue;
      }
      const { rows, complete } = salvageRows(old, table, columns, key);
      if (!complete) damagedTables.push(table);
      const insert = fresh.db.prepare(
        `INSERT OR IGNORE INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      );
      let count = 0;
      fresh.transaction(() => {
        for (const row of rows) count += insert.run(...row).changes;
      });
      saved.push({ table, rows: count });
    }
    dropOrphans(fresh.db);
    fresh.db.pragma('foreign_keys = ON');
    if (integrityProblems(fresh.db, true).length > 0)
      throw new Error('the rebuilt library did not pass its own check');
  } catch (error) {
    fresh.close();
    old?.close();
    rmSync(work, { recursive: true, force: true });
    throw engineError(
      'LIBRARY_DAMAGED',
      `The library ${file} could not be repaired: ${(error as Error).message}. The damaged file is kept as ${damagedCopy}.`,
    );
  }
  old.close();
  const decisions = fresh.db.prepare('SELECT COUNT(*) FROM tag_decisions').pluck().get() as number;
  const toEmbed = fresh.db
    .prepare('SELECT COUNT(*) FROM files WHERE id NOT IN (SELECT file_id FROM embeddings)')
    .pluck()
    .get() as number;
  fresh.db.pragma('wal_checkpoint(TRUNCATE)');
  fresh.close();
  for (const suffix of ['-wal', '-shm']) rmSync(file + suffix, { force: true });
  renameSync(join(work, LIBRARY_FILE), file);
  rmSync(work, { recursive: true, force: true });
  return { damagedCopy, file, saved, damagedTables, decisions, toEmbed };
}

/** Rows whose parent row was lost with the damage (a decision about a photo no longer known). */
function dropOrphans(db: Database): void {
  for (let pass = 0; pass < 4; pass++) {
    const violations = db.pragma('foreign_key_check') as { table: string }[];
    if (violations.length === 0) return;
    for (const table of new Set(violations.map((v) => v.table))) {
      const keys = db.pragma(`foreign_key_list("${table}")`) as {
        table: string;
        from: string;
        to: string | null;
      }[];
      for (const fk of keys)
        db.prepare(
          `DELETE FROM "${table}" WHERE "${fk.from}" IS NOT NULL AND "${fk.from}" NOT IN (SELECT "${fk.to ?? 'rowid'}" FROM "${fk.table}")`,
        ).run();
    }
  }
}
