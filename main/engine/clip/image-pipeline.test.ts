import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadClipModel, type ClipModel } from './index';

const ROOT = join(import.meta.dirname, '../../..');
const PHOTO = join(ROOT, 'e2e/fixtures/shapes/albums/2021/summer/IMG_0240067.jpg');
const BROKEN = join(ROOT, 'e2e/fixtures/shapes/bad/empty.jpg');

let model: ClipModel;
before(async () => {
  model = await loadClipModel(join(ROOT, 'assets/models/tiny-clip-shapes'), {
    device: 'cpu',
    batchSize: 8,
  });
});
after(() => model.close());

test('paths are read lazily: the run never gets far ahead of its results', async () => {
  let pulled = 0;
  let yielded = 0;
  let furthestAhead = 0;
  function* paths() {
    for (let i = 0; i < 2000; i++) {
      pulled++;
      furthestAhead = Math.max(furthestAhead, pulled - yielded);
      yield i % 10 === 9 ? BROKEN : PHOTO;
    }
  }
  let failed = 0;
  for await (const result of model.embedImages(paths())) {
    yielded++;
    if (!result.ok) failed++;
  }
  console.log(`2000 paths: at most ${furthestAhead} read ahead of the results`);
  assert.equal(yielded, 2000);
  assert.equal(failed, 200);
  // Two batches in the model, one being filled, a queue of decoded photos and those decoding.
  assert.ok(furthestAhead <= 8 * 6 + 8, `read ${furthestAhead} paths ahead`);
});

test('results arrive while a slow source is still producing paths', async () => {
  let produced = 0;
  async function* slowScan() {
    for (let i = 0; i < 4; i++) {
      await sleep(300);
      produced++;
      yield PHOTO;
    }
  }
  const producedAtResult: number[] = [];
  for await (const result of model.embedImages(slowScan())) {
    assert.ok(result.ok);
    producedAtResult.push(produced);
  }
  assert.equal(producedAtResult.length, 4);
  assert.ok(producedAtResult[0]! < 4, `first result only after ${producedAtResult[0]} of 4 paths`);
});

test('a source that fails ends the run with its error', async () => {
  async function* failing() {
    yield PHOTO;
    throw new Error('the folder went away');
  }
  await assert.rejects(async () => {
    for await (const result of model.embedImages(failing())) assert.ok(result.ok);
  }, /the folder went away/);
});
