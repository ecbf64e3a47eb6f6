// A library in a folder the user may not write can still be read: status, search, photos and an
// export to another folder work; what would change it is refused with its path and what to do.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { EXIT } from '../../cli/exit-codes';
import { REPO, runFacet, SHAPES } from '../../cli/run-facet.fixture';

const work = mkdtempSync(join(tmpdir(), 'facet-read-only-'));
const library = join(work, 'library');
const out = join(work, 'out');
const PHOTOS = join(SHAPES, 'albums', '2021', 'winter');
// Root may write anywhere: as root, the reader runs as "nobody" instead.
const asRoot = process.getuid?.() === 0;

/** The command line as a user who may read the library but not write it. */
function readerRuns(
  args: readonly string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', join(REPO, 'main', 'cli', 'index.ts'), ...args, '--library', library],
      { cwd: REPO, env: { ...process.env, HOME: out }, ...(asRoot && { uid: 65534, gid: 65534 }) },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

before(async () => {
  const indexed = await runFacet(['index', PHOTOS, '--library', library, '--json']);
  assert.equal(indexed.code, 0, indexed.stderr);
  chmodSync(work, 0o755);
  chmodSync(library, 0o555);
  chmodSync(join(library, 'library.db'), 0o444);
  // The reader's own folder, for what it exports.
  mkdirSync(out);
  chmodSync(out, 0o777);
});
after(() => {
  chmodSync(library, 0o755);
  rmSync(work, { recursive: true, force: true });
});

test('status, search, photos and export to another folder read a read-only library', async () => {
  const status = await readerRuns(['status', '--json']);
  assert.equal(status.code, EXIT.ok, status.stderr);
  assert.deepEqual((JSON.parse(status.stdout) as { roots: string[] }).roots, [PHOTOS]);

  const search = await readerRuns(['search', 'a red circle', '--json']);
  assert.equal(search.code, EXIT.ok, search.stderr);
  assert.ok((JSON.parse(search.stdout) as { results: unknown[] }).results.length > 0);

  const photos = await readerRuns(['photos', '--json']);
  assert.equal(photos.code, EXIT.ok, photos.stderr);
  const listed = JSON.parse(photos.stdout) as { total: number };
  assert.ok(listed.total > 0);

  const csv = join(out, 'tags.csv');
  const exported = await readerRuns(['export', 'csv', '--out', csv]);
  assert.equal(exported.code, EXIT.ok, exported.stderr);
  assert.ok(readFileSync(csv, 'utf8').length > 0);
});

test('a run that would write the read-only library is refused, naming it and what to do', async () => {
  const index = await readerRuns(['index', PHOTOS]);
  assert.equal(index.code, EXIT.library, index.stderr);
  assert.match(
    index.stderr,
    new RegExp(`${library} cannot be written: permission denied\\. Ask for write access`),
  );
  const labels = join(out, 'labels.txt');
  writeFileSync(labels, 'Snow\nIce\n');
  const imported = await readerRuns(['labels', 'import', labels]);
  assert.equal(imported.code, EXIT.library, imported.stderr);
  assert.match(imported.stderr, /library\.db is read-only here, so this cannot be saved/);
});
