// `facet index` and `facet status`: counts, incremental runs, changed, moved and deleted photos,
// and removing a folder, checked through the command line's JSON and the library file itself.
import assert from 'node:assert/strict';
import {
  cp,
  mkdir,
  mkdtemp,
  readdir,
  rename,
  rm,
  stat,
  utimes,
  appendFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openDatabase } from '../../native/sqlite';
import { createEngine } from '../engine/engine';
import type { IndexReport, LibraryStatusReport } from '../engine/engine-api';
import { facetJson, fixtureLabels, indexAndKill, SHAPES, storedCount } from './run-facet.fixture';

let work: string;

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'facet-index-'));
});
after(() => rm(work, { recursive: true, force: true }));

/** Embeddings per file path, read straight from the library file. */
function storedEmbeddings(library: string): Map<string, Buffer> {
  const db = openDatabase(join(library, 'library.db'), { readonly: true });
  try {
    const rows = db
      .prepare('SELECT f.path, e.vector FROM embeddings e JOIN files f ON f.id = e.file_id')
      .all() as { path: string; vector: Buffer }[];
    return new Map(rows.map((row) => [row.path, row.vector]));
  } finally {
    db.close();
  }
}

const index = (library: string, ...paths: string[]) =>
  facetJson<IndexReport>(['index', ...paths, '--library', library, '--device', 'cpu']);

test('index embeds every readable photo once; a second run embeds nothing', async () => {
  const library = join(work, 'all');
  const { photos, bad } = await fixtureLabels();
  const unreadable = [...bad].filter(([, l]) => l.expected === 'error').map(([path]) => path);
  const total = photos.size + bad.size;

  const first = await index(library, SHAPES);
  assert.equal(first.files, total);
  assert.equal(first.embedded, total - unreadable.length);
  assert.equal(first.skipped, 0);
  assert.deepEqual(first.errors.map((e) => e.path).sort(), unreadable.sort());
  for (const problem of first.errors) assert.ok(problem.error.length > 10, problem.error);
  assert.equal(first.device, 'cpu');

  const stored = storedEmbeddings(library);
  assert.equal(stored.size, total - unreadable.length, 'one embedding per readable photo');
  for (const path of unreadable) assert.ok(!stored.has(path));
  for (const vector of stored.values()) assert.equal(vector.byteLength, 64 * 4);

  const status = await facetJson<LibraryStatusReport>(['status', '--library', library]);
  assert.deepEqual(status.roots, [SHAPES]);
  assert.equal(status.files, total);
  assert.deepEqual(status.embedded, { 'tiny-clip-shapes': total - unreadable.length });
  assert.equal(status.errors, unreadable.length);

  const second = await index(library, SHAPES);
  assert.equal(second.embedded, 0, 'nothing is embedded twice');
  assert.equal(second.skipped, total - unreadable.length);
  assert.equal(second.errors.length, unreadable.length, 'unreadable photos are still reported');
});

test('a changed photo is embedded again, a moved one keeps its embedding, a deleted one goes', async () => {
  const folder = join(work, 'photos');
  await cp(join(SHAPES, 'camera'), folder, { recursive: true });
  const library = join(work, 'changes');
  const first = await index(library, folder);
  assert.ok(first.embedded >= 10);
  const [a, b, c] = (await readdir(join(folder, 'DCIM', '100CANON'))).map((name) =>
    join(folder, 'DCIM', '100CANON', name),
  );
  assert.ok(a && b && c);
  const before = storedEmbeddings(library);

  // Changed: new content and a new modification time.
  await appendFile(a, Buffer.alloc(16));
  const later = new Date(Date.now() + 60_000);
  await utimes(a, later, later);
  const changed = await index(library, folder);
  assert.equal(changed.embedded, 1, 'exactly the changed photo is embedded again');

  // Moved into another folder and renamed: the same row and embedding, nothing re-embedded.
  await mkdir(join(folder, 'sorted'));
  const moved = join(folder, 'sorted', 'renamed.jpg');
  await rename(b, moved);
  await rm(c);
  const afterMove = await index(library, folder);
  assert.equal(afterMove.embedded, 0, 'a moved photo is not embedded again');
  assert.equal(afterMove.files, first.files - 1);
  const stored = storedEmbeddings(library);
  assert.deepEqual(stored.get(moved), before.get(b), 'the moved photo kept its embedding');
  assert.ok(!stored.has(b) && !stored.has(c), 'old and deleted paths are gone');
  assert.equal(stored.size, first.embedded - 1);
});

test('removing a folder forgets its photos and leaves the files on disk', async () => {
  const folder = join(work, 'to-remove');
  await cp(join(SHAPES, 'phone'), folder, { recursive: true });
  const library = join(work, 'remove');
  const report = await index(library, folder, join(SHAPES, 'camera'));
  assert.ok(report.embedded > 0);
  const engine = await createEngine({ libraryDir: library, indexAfterAdd: false });
  try {
    await engine.library.remove(folder);
    assert.deepEqual(await engine.library.roots(), [join(SHAPES, 'camera')]);
    const status = await engine.library.summary();
    assert.equal(status.files, (await readdirPhotos(join(SHAPES, 'camera'))).length);
  } finally {
    await engine.close();
  }
  const stored = storedEmbeddings(library);
  assert.ok([...stored.keys()].every((path) => !path.startsWith(folder)));
  assert.equal((await readdirPhotos(folder)).length > 0, true, 'the photos are still on disk');
  assert.ok((await stat(folder)).isDirectory());
});

async function readdirPhotos(folder: string): Promise<string[]> {
  const names = await readdir(folder, { recursive: true });
  return names.filter((name) => /\.(jpe?g|png|webp)$/i.test(name));
}

test('a run killed midway keeps what it stored; the next run embeds only the rest', async () => {
  const folder = join(work, 'many');
  for (const copy of ['one', 'two', 'three'])
    await cp(SHAPES, join(folder, copy), { recursive: true });
  const library = join(work, 'killed');
  await indexAndKill(folder, library, (_, stored) => stored >= 64);

  const kept = storedCount(library);
  const total = 3 * (await readdirPhotos(SHAPES)).length;
  const unreadable = 3 * 3;
  assert.ok(kept >= 32 && kept < total - unreadable, `${kept} of ${total} embeddings kept`);
  const db = openDatabase(join(library, 'library.db'), { readonly: true });
  assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
  db.close();
  const rerun = await index(library, folder);
  console.log(`killed after ${kept} embeddings; the next run embedded ${rerun.embedded}`);
  assert.equal(rerun.embedded, total - unreadable - kept);
  assert.equal(rerun.skipped, kept);
});
