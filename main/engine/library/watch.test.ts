// Watching: with the engine watching its folders, photos added, changed, moved and deleted on disk
// show up in the library within seconds, through the same sync and embedding as an index run.
import assert from 'node:assert/strict';
import { copyFile, cp, mkdir, mkdtemp, rename, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openDatabase, type Database } from '../../../native/sqlite';
import { createEngine, type Engine } from '../engine';

const SHAPES = join(import.meta.dirname, '../../../e2e/fixtures/shapes');
const LIMIT_MS = 5_000;
let work: string;
let folder: string;
let engine: Engine;
let db: Database;

/** Polls until `check` holds; returns how long it took, fails after LIMIT_MS. */
async function within(what: string, check: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > LIMIT_MS) assert.fail(`${what}: not seen within ${LIMIT_MS} ms`);
    await new Promise((wait) => setTimeout(wait, 50));
  }
  return Date.now() - started;
}

const embeddingOf = (path: string): Buffer | undefined =>
  db
    .prepare(`SELECT e.vector FROM embeddings e JOIN files f ON f.id = e.file_id WHERE f.path = ?`)
    .pluck()
    .get(path) as Buffer | undefined;

const hasRow = (path: string): boolean =>
  db.prepare('SELECT 1 FROM files WHERE path = ?').get(path) !== undefined;

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'facet-watch-'));
  folder = join(work, 'photos');
  await cp(join(SHAPES, 'camera'), folder, { recursive: true });
  engine = await createEngine({ libraryDir: join(work, 'library'), device: 'cpu' });
  await engine.library.add([folder]);
  db = openDatabase(join(work, 'library', 'library.db'), { readonly: true });
  await within('the first index run', async () => (await engine.library.indexState()) === 'idle');
  await engine.library.watch();
  await within('the catch-up run', async () => {
    const status = await engine.engine.status();
    return status.state === 'ready' && status.library.embedded === status.library.files;
  });
});
after(async () => {
  db.close();
  await engine.close();
  await rm(work, { recursive: true, force: true });
});

test('the library follows photos added, changed, moved and deleted while it watches', async () => {
  const figures: string[] = [];
  const before = await engine.library.summary();

  const added = join(folder, 'new', 'added.png');
  await mkdir(join(folder, 'new'));
  await copyFile(join(SHAPES, 'albums', '2021', 'summer', 'IMG_0240117.png'), added);
  figures.push(
    `added ${await within('an added photo', async () => embeddingOf(added) !== undefined)} ms`,
  );
  assert.equal((await engine.library.summary()).files, before.files + 1);

  const oldVector = embeddingOf(added) as Buffer;
  await copyFile(join(SHAPES, 'albums', '2021', 'summer', 'shape_0240002.png'), added);
  const later = new Date(Date.now() + 60_000);
  await utimes(added, later, later);
  figures.push(
    `changed ${await within('a changed photo', async () => {
      const vector = embeddingOf(added);
      return vector !== undefined && !vector.equals(oldVector);
    })} ms`,
  );

  const changedVector = embeddingOf(added) as Buffer;
  const moved = join(folder, 'moved.png');
  await rename(added, moved);
  figures.push(
    `moved ${await within('a moved photo', async () => !hasRow(added) && hasRow(moved))} ms`,
  );
  assert.deepEqual(embeddingOf(moved), changedVector, 'the moved photo kept its embedding');

  await rm(moved);
  figures.push(`deleted ${await within('a deleted photo', async () => !hasRow(moved))} ms`);
  assert.equal((await engine.library.summary()).files, before.files);

  await rm(join(folder, 'new'), { recursive: true });
  await mkdir(join(folder, '.cache'));
  await copyFile(
    join(SHAPES, 'albums', '2021', 'summer', 'IMG_0240117.png'),
    join(folder, '.cache', 'x.png'),
  );
  await new Promise((wait) => setTimeout(wait, 1_500));
  assert.equal(hasRow(join(folder, '.cache', 'x.png')), false, 'hidden folders stay out');
  console.log(`watch: ${figures.join(', ')}`);
});

test('a folder removed from the library is no longer watched', async () => {
  const outside = join(work, 'other');
  await cp(join(SHAPES, 'phone'), outside, { recursive: true });
  await engine.library.add([outside]);
  await within('the second folder', async () => (await engine.library.indexState()) === 'idle');
  await engine.library.remove(outside);
  await copyFile(
    join(SHAPES, 'albums', '2021', 'summer', 'IMG_0240117.png'),
    join(outside, 'late.png'),
  );
  await new Promise((wait) => setTimeout(wait, 1_500));
  assert.equal(hasRow(join(outside, 'late.png')), false);
  assert.deepEqual(await engine.library.roots(), [folder]);
});
