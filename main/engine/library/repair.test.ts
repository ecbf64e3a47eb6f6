// A library damaged at random offsets says so (with its path and what to do) instead of
// half-answering, and `facet repair` keeps a copy, saves what SQLite can read and the decisions
// with it, and leaves a library that passes its own check.
import assert from 'node:assert/strict';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  statSync,
  writeSync,
  closeSync,
} from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openDatabase } from '../../../native/sqlite';
import { EXIT } from '../../cli/exit-codes';
import { runFacet } from '../../cli/run-facet.fixture';
import { createLabelSet, emptyDocument } from '../labels/label-store';
import { Library, LIBRARY_FILE } from './library';

const PAGE = 4096;
const PHOTOS = 600;
let dir: string;
let pristine: string;
let decisions: string[];
/** Which table or index each page of the pristine file belongs to (SQLite's dbstat). */
let owner: Map<number, string>;

function decisionsIn(file: string): string[] {
  const db = openDatabase(file, { readonly: true });
  try {
    return db
      .prepare(
        `SELECT f.path || ' ' || d.label || ' ' || d.state FROM tag_decisions d
           JOIN files f ON f.id = d.file_id ORDER BY 1`,
      )
      .pluck()
      .all() as string[];
  } finally {
    db.close();
  }
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'facet-repair-'));
  const libraryDir = join(dir, 'pristine');
  const library = new Library(libraryDir);
  const root = library.addRoot('/photos', 'folder');
  const set = createLabelSet(library.db, {
    ...emptyDocument('Subjects', 'multi'),
    nodes: ['beach', 'dog', 'receipt'].map((name) => ({ name, prompts: null, threshold: null })),
  });
  const embed = library.db.prepare(
    'INSERT INTO embeddings (file_id, model_id, dim, vector, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const decide = library.db.prepare(
    `INSERT INTO tag_decisions (file_id, label_set_id, label, state, decided_at) VALUES (?, ?, ?, ?, ?)`,
  );
  library.transaction(() => {
    for (let i = 0; i < PHOTOS; i++) {
      const id = library.insertFile({
        rootId: root,
        path: `/photos/IMG_${String(i).padStart(4, '0')}.jpg`,
        size: 1000 + i,
        mtimeMs: i,
        fingerprint: `f${i}`,
      });
      // A 768-d embedding, as real models give: most of a library's bytes.
      const vector = Buffer.alloc(768 * 4);
      for (let j = 0; j < vector.length; j += 4) vector.writeFloatLE(Math.sin(i + j), j);
      embed.run(id, 'model', 768, vector, i);
      if (i % 5 === 0)
        decide.run(
          id,
          set,
          ['beach', 'dog', 'receipt'][i % 3],
          i % 2 ? 'rejected' : 'confirmed',
          i,
        );
    }
  });
  library.close();
  pristine = join(libraryDir, LIBRARY_FILE);
  decisions = decisionsIn(pristine);
  const db = openDatabase(pristine, { readonly: true });
  owner = new Map(
    (db.prepare('SELECT name, pageno FROM dbstat').all() as { name: string; pageno: number }[]).map(
      (row) => [row.pageno, row.name],
    ),
  );
  db.close();
});
after(() => rm(dir, { recursive: true, force: true }));

/** A deterministic generator, so a failure names an offset that can be tried again. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/** A copy of the library with 4 KB of garbage written at `offset`; the pages it hit. */
function damagedCopy(
  name: string,
  offset: number,
  next: () => number,
): { dir: string; hit: string[] } {
  const target = join(dir, name);
  mkdirSync(target);
  copyFileSync(pristine, join(target, LIBRARY_FILE));
  const garbage = Buffer.from(Array.from({ length: PAGE }, () => Math.floor(next() * 256)));
  const fd = openSync(join(target, LIBRARY_FILE), 'r+');
  writeSync(fd, garbage, 0, PAGE, offset);
  closeSync(fd);
  const pages = [Math.floor(offset / PAGE) + 1, Math.floor((offset + PAGE - 1) / PAGE) + 1];
  return { dir: target, hit: [...new Set(pages.map((page) => owner.get(page) ?? 'free'))] };
}

test('a library damaged at random offsets is reported, repaired, and keeps its decisions', async () => {
  const next = random(16);
  const size = statSync(pristine).size;
  const DECISION_TABLES = [
    'tag_decisions',
    'files',
    'label_sets',
    'labels',
    'sqlite_autoindex_files_1',
  ];
  let keptAll = 0;
  const TRIALS = 6;
  for (let trial = 0; trial < TRIALS; trial++) {
    // Past the first page: it holds the file header and the schema, without which nothing is read.
    const offset = PAGE + Math.floor(next() * (size - 2 * PAGE));
    const { dir: libraryDir, hit } = damagedCopy(`trial-${trial}`, offset, next);
    const where = `garbage at offset ${offset} (pages of ${hit.join(', ')})`;

    const status = await runFacet(['status', '--library', libraryDir]);
    if (status.code !== EXIT.ok) {
      assert.equal(status.code, EXIT.library, `${where}: ${status.stderr}`);
      assert.match(status.stderr, /is damaged .*facet repair --library/, where);
      assert.ok(status.stderr.includes(join(libraryDir, LIBRARY_FILE)), where);
    }
    const check = await runFacet(['status', '--check', '--library', libraryDir, '--json']);
    const found = JSON.parse(check.stdout) as { ok: boolean; problems: string[] };
    assert.equal(check.code, found.ok ? EXIT.ok : EXIT.library, where);

    const repair = await runFacet(['repair', '--library', libraryDir, '--json']);
    assert.equal(repair.code, EXIT.ok, `${where}: ${repair.stderr}`);
    const report = JSON.parse(repair.stdout) as { damagedCopy: string; decisions: number };
    assert.ok(existsSync(report.damagedCopy), `${where}: the damaged file is kept`);

    const after = await runFacet(['status', '--check', '--library', libraryDir, '--json']);
    assert.equal(after.code, EXIT.ok, `${where}: the repaired library is whole: ${after.stdout}`);
    const kept = decisionsIn(join(libraryDir, LIBRARY_FILE));
    assert.ok(
      kept.every((decision) => decisions.includes(decision)),
      `${where}: nothing invented`,
    );
    if (!hit.some((name) => DECISION_TABLES.includes(name))) {
      assert.deepEqual(kept, decisions, `${where}: every decision survives`);
      keptAll++;
    }
    console.log(
      `${where}: check ${found.ok ? 'ok' : 'found damage'}; ${kept.length} of ${decisions.length} decisions kept`,
    );
    assert.equal(
      readdirSync(libraryDir).filter((name) => name.startsWith('.repair-')).length,
      0,
      'no work folder is left behind',
    );
  }
  assert.ok(keptAll > 0, 'some damage missed the decisions, and then all of them survived');
});
