// The app's "Repair library": a damaged library stops the engine from starting; repairLibrary()
// restarts the host with the same repair as `facet repair`, then the engine runs on the repaired
// library with the decisions kept.
import assert from 'node:assert/strict';
import { closeSync, existsSync, openSync, writeSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { EngineStatus } from '../../../preload/contract';
import { openDatabase } from '../../../native/sqlite';
import type { EngineClient } from './engine-client';
import { startEngineHost } from './host-process';
import { invokeRepair } from './repair-channel';
import { checkLibraryFile } from '../library/integrity';
import { createLabelSet, emptyDocument } from '../labels/label-store';
import { Library, LIBRARY_FILE } from '../library/library';

const PHOTOS = 200;
const temps: string[] = [];
let client: EngineClient | null = null;
after(async () => {
  await client?.close();
  await Promise.all(temps.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A library of PHOTOS photos with embeddings, one decision in four; returns the decision count. */
function buildLibrary(libraryDir: string): number {
  const library = new Library(libraryDir);
  const root = library.addRoot(join(libraryDir, 'photos'), 'folder');
  const set = createLabelSet(library.db, {
    ...emptyDocument('Subjects', 'multi'),
    nodes: ['beach', 'dog'].map((name) => ({ name, prompts: null, threshold: null })),
  });
  const embed = library.db.prepare(
    'INSERT INTO embeddings (file_id, model_id, dim, vector, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const decide = library.db.prepare(
    'INSERT INTO tag_decisions (file_id, label_set_id, label, state, decided_at) VALUES (?, ?, ?, ?, ?)',
  );
  let decisions = 0;
  library.transaction(() => {
    for (let i = 0; i < PHOTOS; i++) {
      const id = library.insertFile({
        rootId: root,
        path: join(libraryDir, 'photos', `IMG_${i}.jpg`),
        size: 1000 + i,
        mtimeMs: i,
        fingerprint: `f${i}`,
      });
      embed.run(id, 'model', 512, Buffer.alloc(512 * 4, i % 256), i);
      if (i % 4 === 0) {
        decide.run(id, set, i % 8 === 0 ? 'beach' : 'dog', 'confirmed', i);
        decisions++;
      }
    }
  });
  library.close();
  return decisions;
}

/** Overwrites one page of the embeddings table with garbage (past page 1, as a bad disk would). */
function damageEmbeddings(file: string): void {
  const db = openDatabase(file, { readonly: true });
  const pages = db
    .prepare("SELECT pageno FROM dbstat WHERE name = 'embeddings' AND pagetype = 'leaf'")
    .pluck()
    .all() as number[];
  db.close();
  const page = pages[Math.floor(pages.length / 2)]!;
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(4096, 0xa5), 0, 4096, (page - 1) * 4096);
  closeSync(fd);
}

test(
  'a damaged library is repaired from the app: copy kept, decisions saved, engine ready on it',
  { timeout: 60_000 },
  async () => {
    const libraryDir = await mkdtemp(join(tmpdir(), 'facet-repair-host-'));
    temps.push(libraryDir);
    const decisions = buildLibrary(libraryDir);
    const file = join(libraryDir, LIBRARY_FILE);
    damageEmbeddings(file);
    assert.equal(checkLibraryFile(file).ok, false, 'the garbage should damage the file');

    const statuses: EngineStatus[] = [];
    client = startEngineHost({ libraryDir, restart: true, log: () => {} });
    client.on('engine:status', (status) => statuses.push(status));
    await assert.rejects(client.api.engine.status(), /is damaged/);
    // The host exits after its answer; the status then says why.
    while (statuses.at(-1)?.state !== 'error') await new Promise((r) => setTimeout(r, 20));
    assert.match(statuses.at(-1)?.message ?? '', /The library .* is damaged/);

    const report = await client.repairLibrary();
    assert.equal(report.decisions, decisions);
    assert.ok(existsSync(report.damagedCopy), 'the damaged file is kept');
    assert.equal(checkLibraryFile(file).ok, true, 'the repaired library passes the full check');
    assert.ok(report.toEmbed > 0, 'the photos of the damaged page need their embedding again');

    const status = await client.api.engine.status();
    assert.equal(status.library.files, PHOTOS);
    assert.equal(statuses.at(-1)?.state, 'ready');
    assert.equal(statuses.at(-1)?.message, null);
  },
);

test('library:repair takes no arguments: anything else is refused before the engine stops', async () => {
  let repairs = 0;
  const stub = { repairLibrary: async () => void repairs++ } as unknown as EngineClient;
  await assert.rejects(invokeRepair(stub, ['/tmp']), /Invalid call to library:repair/);
  await assert.rejects(invokeRepair(stub, 'no array'), /Invalid call to library:repair/);
  assert.equal(repairs, 0);
});
