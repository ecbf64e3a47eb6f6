import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openDatabase } from '../../../native/sqlite';
import { createEngine } from '../engine';
import { Library } from './library';
import { SCHEMA_VERSION } from './schema';

const SHAPES = join(import.meta.dirname, '../../../e2e/fixtures/shapes');
let dir: string;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'facet-library-'));
});
after(() => rm(dir, { recursive: true, force: true }));

test('a new library is created at the current schema, in WAL mode with foreign keys on', () => {
  const library = new Library(join(dir, 'fresh'));
  library.close();
  const db = openDatabase(join(dir, 'fresh', 'library.db'));
  try {
    assert.equal(db.pragma('user_version', { simple: true }), SCHEMA_VERSION);
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
  } finally {
    db.close();
  }
});

test('a library from a newer Facet is refused with a clear reason, not changed', () => {
  const db = openDatabase(join(dir, 'newer', 'library.db'));
  db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
  db.close();
  assert.throws(() => new Library(join(dir, 'newer')), /written by a newer Facet/);
});

test('addFolders refuses what it cannot add and never adds a folder twice', async () => {
  const engine = await createEngine({ libraryDir: join(dir, 'roots'), indexAfterAdd: false });
  try {
    const camera = join(SHAPES, 'camera');
    const inner = join(camera, 'DCIM', '100CANON');
    const first = await engine.library.add([inner, camera + '/', join(dir, 'missing')]);
    assert.deepEqual(first.added, [inner, camera]);
    assert.deepEqual(first.refused, [{ path: join(dir, 'missing'), reason: 'does not exist' }]);
    assert.deepEqual(
      await engine.library.roots(),
      [camera],
      'the outer folder took in the inner one',
    );

    const notes = join(dir, 'notes.txt');
    await writeFile(notes, 'not a photo');
    const photo = join(SHAPES, 'albums', '2021', 'summer', 'DSC0240011.JPG');
    const second = await engine.library.add([inner, camera, notes, photo]);
    assert.deepEqual(second.added, [photo]);
    assert.deepEqual(
      second.refused.map((r) => [r.path, r.reason.replace(/ \(.*/, '')]),
      [
        [inner, 'is already in the library'],
        [camera, 'is already in the library'],
        [notes, 'is not a supported photo'],
      ],
    );
    assert.match(second.refused[0]?.reason ?? '', /inside .*camera/);

    // Added folders are scanned at once, so the app can show how many photos they hold.
    const status = await engine.engine.status();
    assert.equal(status.library.roots, 2);
    assert.equal(status.library.files, 31);
    assert.equal(status.library.embedded, 0);
    assert.equal(status.state, 'ready');

    await engine.library.remove(camera);
    assert.deepEqual(await engine.library.roots(), [photo]);
    await assert.rejects(engine.library.remove(camera), /is not a folder of the library/);
  } finally {
    await engine.close();
  }
});
