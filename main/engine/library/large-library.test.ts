// A large library: 100,000 photos with (synthetic) embeddings. Opening it stays quick and small,
// and a second `index` of an unchanged folder of 10,000 photos finishes in well under 5 s.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { vectorToBlob } from '../../../native/sqlite';
import { createEngine } from '../engine';
import { Library } from './library';

const ROWS = 100_000;
const ON_DISK = 10_000;
const PER_FOLDER = 100;
const DIM = 64; // the demo model's embedding size: the rescan must find them all present
const MODEL_ID = 'tiny-clip-shapes';
let work: string;
let folder: string;

/** 10,000 files on disk and 100,000 rows (90,000 of another folder) stored as already indexed. */
async function seed(libraryDir: string): Promise<number> {
  const started = performance.now();
  const onDisk: { path: string; size: number; mtimeMs: number }[] = [];
  for (let start = 0; start < ON_DISK; start += PER_FOLDER) {
    const dir = join(folder, `roll-${start / PER_FOLDER}`);
    await mkdir(dir, { recursive: true });
    for (let i = start; i < start + PER_FOLDER; i++) {
      const path = join(dir, `img-${i}.jpg`);
      await writeFile(path, `photo ${i}`);
      const info = await stat(path);
      onDisk.push({ path, size: info.size, mtimeMs: info.mtimeMs });
    }
  }
  const library = new Library(libraryDir);
  try {
    const db = library.db;
    const vector = new Float32Array(DIM);
    const insertRoot = db.prepare(
      `INSERT INTO roots (path, kind, added_at) VALUES (?, 'folder', 0)`,
    );
    const insertFile = db.prepare(
      `INSERT INTO files (root_id, path, size, mtime_ms, fingerprint, added_at, width, height, format)
       VALUES (?, ?, ?, ?, ?, 0, 4000, 3000, 'jpeg')`,
    );
    const insertEmbedding = db.prepare(
      `INSERT INTO embeddings (file_id, model_id, dim, vector, created_at) VALUES (?, ?, ?, ?, 0)`,
    );
    library.transaction(() => {
      const here = Number(insertRoot.run(folder).lastInsertRowid);
      const archive = Number(insertRoot.run(join(work, 'archive')).lastInsertRowid);
      for (let i = 0; i < ROWS; i++) {
        const file = onDisk[i];
        const row =
          file === undefined
            ? insertFile.run(archive, join(work, 'archive', `${i}.jpg`), 1000, 0, `fp${i}`)
            : insertFile.run(here, file.path, file.size, file.mtimeMs, `fp${i}`);
        for (let d = 0; d < DIM; d++) vector[d] = Math.sin(i + d);
        insertEmbedding.run(Number(row.lastInsertRowid), MODEL_ID, DIM, vectorToBlob(vector));
      }
    });
  } finally {
    library.close();
  }
  return (performance.now() - started) / 1000;
}

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'facet-large-'));
  folder = join(work, 'photos');
});
after(() => rm(work, { recursive: true, force: true }));

test('a library of 100,000 photos opens fast and rescans 10,000 unchanged ones in under 5 s', async () => {
  const libraryDir = join(work, 'library');
  const seeded = await seed(libraryDir);
  const size = (await stat(join(libraryDir, 'library.db'))).size;

  const rssBefore = process.memoryUsage().rss;
  let started = performance.now();
  const engine = await createEngine({ libraryDir, device: 'cpu', indexAfterAdd: false });
  const status = await engine.library.summary();
  const openMs = performance.now() - started;
  const rssOpen = process.memoryUsage().rss - rssBefore;
  try {
    assert.equal(status.files, ROWS);
    assert.deepEqual(status.embedded, { [MODEL_ID]: ROWS });

    // The first call also loads the model; the second is the rescan a user waits for.
    started = performance.now();
    const first = await engine.library.index([folder], {});
    const firstMs = performance.now() - started;
    started = performance.now();
    const rescan = await engine.library.index([folder], {});
    const rescanMs = performance.now() - started;
    for (const report of [first, rescan]) {
      assert.equal(report.files, ON_DISK);
      assert.equal(report.embedded, 0, 'nothing unchanged is embedded again');
      assert.equal(report.skipped, ON_DISK);
    }
    assert.equal((await engine.library.summary()).files, ROWS, 'the other folder is untouched');
    started = performance.now();
    const found = await engine.library.search('a red circle', 10);
    const searchMs = performance.now() - started;
    const rssSearch = process.memoryUsage().rss - rssBefore;
    assert.equal(found.results.length, 10);
    console.log(
      `large library: ${ROWS} rows, ${(size / 2 ** 20).toFixed(0)} MiB (seeded in ${seeded.toFixed(1)} s); ` +
        `opened in ${openMs.toFixed(0)} ms, +${(rssOpen / 2 ** 20).toFixed(0)} MiB RSS; ` +
        `rescan of ${ON_DISK} unchanged files ${rescanMs.toFixed(0)} ms (first, with model load, ${firstMs.toFixed(0)} ms); ` +
        `a search over all rows ${searchMs.toFixed(0)} ms, +${(rssSearch / 2 ** 20).toFixed(0)} MiB RSS`,
    );
    assert.ok(rescanMs < 5_000, `rescan took ${rescanMs.toFixed(0)} ms`);
  } finally {
    await engine.close();
  }
});
