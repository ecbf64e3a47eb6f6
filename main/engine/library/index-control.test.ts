// Pause, resume and cancel of an index run, and the Problems list, through the engine's API.
import assert from 'node:assert/strict';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { IndexProgress } from '../../../preload/contract';
import type { IndexRunState } from '../../../preload/contract/library';
import { openDatabase } from '../../../native/sqlite';
import { createEngine } from '../engine';

const SHAPES = join(import.meta.dirname, '../../../e2e/fixtures/shapes');
let work: string;
let folder: string;

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'facet-control-'));
  folder = join(work, 'photos');
  for (const copy of ['one', 'two', 'three'])
    await cp(SHAPES, join(folder, copy), { recursive: true });
});
after(() => rm(work, { recursive: true, force: true }));

function storedEmbeddings(libraryDir: string): number {
  const db = openDatabase(join(libraryDir, 'library.db'), { readonly: true });
  try {
    return db.prepare('SELECT COUNT(*) FROM embeddings').pluck().get() as number;
  } finally {
    db.close();
  }
}

const sleep = (ms: number) => new Promise((wait) => setTimeout(wait, ms));

test('a paused run embeds nothing until it is resumed, then finishes', async () => {
  const libraryDir = join(work, 'paused');
  const states: IndexRunState[] = [];
  let paused = false;
  const engine = await createEngine({
    libraryDir,
    device: 'cpu',
    emit: (channel, payload) => {
      if (channel === 'library:indexState') states.push(payload as IndexRunState);
      if (channel === 'index:progress' && !paused) {
        paused = true;
        void engine.library.pauseIndex();
      }
    },
  });
  try {
    const run = engine.library.index([folder], {});
    while ((await engine.library.indexState()) !== 'paused') await sleep(20);
    const heldAt = storedEmbeddings(libraryDir);
    await sleep(600);
    assert.equal(storedEmbeddings(libraryDir), heldAt, 'nothing is stored while paused');
    assert.equal((await engine.engine.status()).state, 'indexing', 'the run is still there');
    assert.equal(await engine.library.resumeIndex(), true);
    const report = await run;
    assert.equal(report.embedded + report.errors.length, report.files);
    assert.equal(storedEmbeddings(libraryDir), report.embedded);
    assert.deepEqual(states, ['running', 'paused', 'running', 'idle']);
    assert.equal(await engine.library.resumeIndex(), false, 'nothing left to resume');
  } finally {
    await engine.close();
  }
});

test('a cancelled run stops early, keeps what it stored, and the next run does the rest', async () => {
  const libraryDir = join(work, 'cancelled');
  let cancelled = false;
  const engine = await createEngine({
    libraryDir,
    device: 'cpu',
    emit: (channel, payload) => {
      if (channel === 'index:progress' && !cancelled && (payload as IndexProgress).done >= 40) {
        cancelled = true;
        void engine.library.cancelIndex();
      }
    },
  });
  try {
    const first = await engine.library.index([folder], {});
    assert.ok(cancelled, 'the run reported progress');
    assert.ok(first.embedded >= 32 && first.embedded < first.files - 9, `${first.embedded} kept`);
    assert.equal(storedEmbeddings(libraryDir), first.embedded, 'what it embedded is stored');
    assert.equal(await engine.library.indexState(), 'idle');
    assert.equal(await engine.library.cancelIndex(), false, 'nothing left to cancel');

    const second = await engine.library.index([folder], {});
    assert.equal(second.skipped, first.embedded, 'nothing is embedded twice');
    assert.equal(first.embedded + second.embedded, first.files - 9);
    console.log(
      `cancel: first run ${first.embedded} of ${first.files}, next run ${second.embedded}`,
    );

    // The folder list: counts per folder and a few indexed photos to show.
    const [summary, ...others] = await engine.library.folders();
    assert.deepEqual(others, []);
    assert.deepEqual(
      { ...summary, preview: summary?.preview.length },
      {
        path: folder,
        kind: 'folder',
        photos: first.files,
        embedded: first.files - 9,
        problems: 9,
        preview: 6,
        videos: 0,
      },
    );
    assert.deepEqual(summary?.preview, [...(summary?.preview ?? [])].sort());

    // The Problems panel: each unreadable photo once, with its reason.
    const problems = await engine.library.problems();
    assert.equal(problems.length, 9);
    assert.ok(problems.every((p) => p.path.includes('/bad/') && p.reason.length > 10));
    assert.deepEqual(
      problems.map((p) => p.path),
      second.errors.map((e) => e.path),
    );
  } finally {
    await engine.close();
  }
});
