// A whole `index` run while the folder is attacked: a photo swapped for a FIFO after the scan (as a
// stalled network mount behaves), one cut short and one deleted mid-run. The run must end, report
// each by name, and keep every other photo's embedding in the library.
import assert from 'node:assert/strict';
import { cp, mkdtemp, readdir, rm, truncate } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { swapForFifo } from '../../../native/hostile-files.fixture';
import { createEngine } from '../engine';

const SHAPES = join(import.meta.dirname, '../../../e2e/fixtures/shapes');
let work: string;

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'facet-hostile-'));
});
after(() => rm(work, { recursive: true, force: true }));

test('a FIFO swapped in mid-run is reported while the rest is committed', async () => {
  const folder = join(work, 'photos');
  await cp(join(SHAPES, 'downloads'), folder, { recursive: true });
  const photos = (await readdir(join(folder, '2024'))).sort().map((n) => join(folder, '2024', n));
  // The last photos in path order are decoded last: they are changed once embedding has begun.
  const [fifo, cut, deleted] = photos.slice(-3) as [string, string, string];
  const library = join(work, 'library');
  let attacked: Promise<void> | null = null;
  const engine = await createEngine({
    libraryDir: library,
    indexAfterAdd: false,
    device: 'cpu',
    emit: (name) => {
      if (name !== 'index:progress' || attacked !== null) return;
      attacked = Promise.all([swapForFifo(fifo), truncate(cut, 40), rm(deleted)]).then(() => {});
    },
  });
  try {
    await engine.library.add([folder]);
    const started = performance.now();
    const report = await engine.library.index([folder], {});
    const seconds = (performance.now() - started) / 1000;
    assert.notEqual(attacked, null, 'the files were changed during the run');
    const errors = new Map(report.errors.map((e) => [e.path, e.error]));
    assert.match(errors.get(fifo) ?? '', /is a pipe \(FIFO\), not a regular file/);
    assert.match(errors.get(cut) ?? '', /could not be read as an image/);
    assert.match(errors.get(deleted) ?? '', /no longer exists/);
    assert.equal(report.embedded, report.files - 3);
    assert.ok(seconds < 60, `the run ended in ${seconds.toFixed(1)} s`);
    const status = await engine.library.summary();
    assert.equal(Object.values(status.embedded)[0], report.files - 3, 'the rest is committed');
  } finally {
    await engine.close();
  }
});
