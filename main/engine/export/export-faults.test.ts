// An export after faults: temporaries left by an export killed mid-write are removed (not those
// of a writer still running), and a folder where a sidecar goes is reported in words, per photo.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openDatabase } from '../../../native/sqlite';
import { createEngine, type Engine } from '../engine';
import { copyPhoto, PLAIN_JPEG } from './export-files.fixture';

let dir: string;
let photos: string;
let engine: Engine;
const writer = spawn('sleep', ['60']);

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'facet-export-faults-'));
  photos = join(dir, 'photos');
  for (const name of ['a.jpg', 'b.jpg', 'c.jpg']) await copyPhoto(PLAIN_JPEG, photos, name);
  engine = await createEngine({ libraryDir: join(dir, 'library'), indexAfterAdd: false });
  await engine.library.add([photos]);
  const db = openDatabase(join(dir, 'library', 'library.db'), { readonly: true });
  const ids = db.prepare('SELECT id FROM files').pluck().all() as number[];
  db.close();
  const set = await engine.labels.create('Places', 'multi');
  await engine.labels.edit(set.id, {
    kind: 'add-labels',
    labels: [{ path: 'Beach', prompts: null, threshold: null }],
  });
  await engine.tags.decide({
    fileIds: ids,
    labelSetId: set.id,
    label: 'Beach',
    state: 'confirmed',
  });
});
after(async () => {
  writer.kill();
  await engine.close();
  await rm(dir, { recursive: true, force: true });
});

test('leftover temporary sidecars are removed by the next export; a live writer’s are kept', async () => {
  // What `kill -9` during an export leaves: hidden temporaries, some empty.
  const dead = join(photos, '.a.jpg.xmp.facet-999999-1.xmp');
  const deadFull = join(photos, '.b.jpg.xmp.facet-999999-2.xmp');
  const live = join(photos, `.b.jpg.xmp.facet-${writer.pid}-3.xmp`);
  await writeFile(dead, '');
  await writeFile(deadFull, '<x:xmpmeta xmlns:x="adobe:ns:meta/"/>');
  await writeFile(live, '');
  const sidecarFolder = join(photos, 'c.jpg.xmp');
  await mkdir(sidecarFolder);

  const report = await engine.export.xmp({
    fileIds: null,
    includeSuggested: false,
    sidecars: true,
    naming: 'ext',
    embed: false,
    keepBackup: true,
    dryRun: false,
  });
  assert.equal(existsSync(dead), false);
  assert.equal(existsSync(deadFull), false);
  assert.equal(existsSync(live), true, 'a running writer’s temporary is left alone');
  assert.ok(existsSync(join(photos, 'a.jpg.xmp')));
  const folder = report.files.find((file) => file.target === sidecarFolder);
  assert.equal(folder?.action, 'failed');
  assert.match(folder?.error ?? '', /c\.jpg\.xmp is a folder, not a sidecar file; rename or move/);
  assert.equal(report.files.filter((file) => file.action === 'create').length, 2);
});
