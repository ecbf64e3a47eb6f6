import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { EngineStatus, IndexProgress } from '../../preload/contract';
import { createEngine } from './engine';

const SHAPES = join(import.meta.dirname, '../../e2e/fixtures/shapes');
let dir: string;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'facet-engine-'));
});
after(() => rm(dir, { recursive: true, force: true }));

test('the engine starts without loading a model and says which model it will use', async () => {
  const started = performance.now();
  const engine = await createEngine({ libraryDir: join(dir, 'quick') });
  try {
    const status = await engine.engine.status();
    assert.ok(performance.now() - started < 1000, 'start-up is quick');
    assert.equal(status.state, 'ready');
    assert.equal(status.device, null, 'no model loaded yet');
    assert.deepEqual(status.model, { id: 'tiny-clip-shapes', name: 'tiny-clip-shapes' });
    assert.deepEqual(status.library, { roots: 0, files: 0, embedded: 0 });
  } finally {
    await engine.close();
  }
});

test('added folders are indexed in the background, with progress and status events', async () => {
  const statuses: EngineStatus[] = [];
  const progress: { at: number; update: IndexProgress }[] = [];
  let settled: () => void = () => {};
  const done = new Promise<void>((resolve) => (settled = resolve));
  const engine = await createEngine({
    libraryDir: join(dir, 'background'),
    device: 'cpu',
    emit: (name, payload) => {
      if (name === 'index:progress')
        progress.push({ at: Date.now(), update: payload as IndexProgress });
      if (name !== 'engine:status') return;
      const status = payload as EngineStatus;
      statuses.push(status);
      if (status.state === 'ready' && status.library.embedded > 0) settled();
    },
  });
  try {
    const result = await engine.library.add([SHAPES]);
    assert.deepEqual(result.added, [SHAPES]);
    await done;
    const status = await engine.engine.status();
    assert.equal(status.library.files, 209);
    assert.equal(status.library.embedded, 206);
    assert.equal(status.device, 'cpu');
    assert.ok(
      statuses.some((s) => s.state === 'indexing'),
      'the app hears that indexing started',
    );
    // While the model loads the status says so (not "Ready"), and stops saying it once loaded.
    const loading = statuses.findIndex((s) => s.modelLoading === true);
    assert.ok(loading >= 0, 'the app hears that the model is loading');
    assert.equal(statuses[loading]?.device, null);
    assert.equal(status.modelLoading, false);
    const last = progress.at(-1)?.update;
    assert.deepEqual([last?.done, last?.total], [209, 209], 'every photo was tried once');
    assert.ok(last?.currentFolder?.startsWith(SHAPES));
    // At most about four updates a second (plus the first and the last).
    const span = ((progress.at(-1)?.at ?? 0) - (progress[0]?.at ?? 0)) / 1000;
    assert.ok(
      progress.length <= 2 + Math.ceil(span * 4) + 1,
      `${progress.length} updates in ${span} s`,
    );
  } finally {
    await engine.close();
  }
});
