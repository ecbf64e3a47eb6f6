// Adding the whole disk, a system folder or a whole home folder asks first, saying how many photos
// it would index: the app gets the question, the command line needs --yes.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createEngine, type Engine } from '../engine';
import { EXIT } from '../../cli/exit-codes';
import { runFacet } from '../../cli/run-facet.fixture';
import { copyPhoto, PLAIN_JPEG, PNG } from '../export/export-files.fixture';
import { broadFolderReason } from './broad-folders';

let dir: string;
let home: string;
let engine: Engine;
const realHome = process.env.HOME;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'facet-broad-'));
  home = join(dir, 'home', 'ada');
  await copyPhoto(PLAIN_JPEG, join(home, 'Pictures'), 'a.jpg');
  await copyPhoto(PNG, join(home, 'Pictures', '2024'), 'b.png');
  await copyPhoto(PLAIN_JPEG, join(home, 'Downloads'), 'c.jpg');
  // The engine and the command line's engine host read the home folder from HOME.
  process.env.HOME = home;
  engine = await createEngine({ libraryDir: join(dir, 'library'), indexAfterAdd: false });
});
after(async () => {
  process.env.HOME = realHome;
  await engine.close();
  await rm(dir, { recursive: true, force: true });
});

test('the disk, system folders and home folders are broad; photo folders are not', () => {
  assert.equal(broadFolderReason('/', '/home/ada'), 'the whole disk');
  assert.equal(broadFolderReason('/usr', '/home/ada'), 'a system folder');
  assert.equal(broadFolderReason('/home/ada', '/home/ada'), 'your whole home folder');
  assert.equal(broadFolderReason('/home/bob/', '/home/ada'), 'a whole home folder');
  assert.equal(broadFolderReason('/home/ada/Pictures', '/home/ada'), null);
  assert.equal(broadFolderReason('/mnt/photos', '/home/ada'), null);
});

test('the app is asked before a home folder or the disk is added, with the number of photos', async () => {
  const asked = await engine.library.add([home, '/']);
  assert.deepEqual(asked.added, []);
  assert.deepEqual(
    asked.unconfirmed.map((item) => item.path),
    [home, '/'],
  );
  assert.match(
    asked.unconfirmed[0]?.question ?? '',
    /your whole home folder: Facet would index 3 photos/,
  );
  assert.match(
    asked.unconfirmed[1]?.question ?? '',
    /the whole disk: Facet would index (at least )?[\d,]+ photos/,
  );
  assert.deepEqual(await engine.library.roots(), []);

  const yes = await engine.library.add([home], { confirmed: true });
  assert.deepEqual(yes.added, [home]);
  assert.deepEqual(await engine.library.roots(), [home]);
});

test('facet index of a home folder needs --yes, says how many photos, and exits 6 without', async () => {
  const library = join(dir, 'cli-library');
  const refused = await runFacet(['index', home, '--library', library, '--json']);
  assert.equal(refused.code, EXIT.confirm, refused.stderr);
  assert.equal(refused.stdout, '');
  assert.match(refused.stderr, /your whole home folder: Facet would index 3 photos.*--yes/);

  const done = await runFacet(['index', home, '--library', library, '--json', '--yes']);
  assert.equal(done.code, EXIT.ok, done.stderr);
  assert.equal((JSON.parse(done.stdout) as { files: number }).files, 3);
});
