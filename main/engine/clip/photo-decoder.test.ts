// One photo's read and decode under hostile input: a decode that never ends is reported and the
// next photo goes on, decodes share the memory budget, bombs and cut files are refused by name.
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import {
  gifHeaderBomb,
  pngHeaderBomb,
  writeBomb,
  writeTruncations,
} from '../../../native/hostile-files.fixture';
import { decodeImage, type PreprocessSpec } from '../../../native/image-preprocess';
import { createPhotoDecoder } from './photo-decoder';
import { PixelBudget } from './pixel-budget';

const SHAPES = join(import.meta.dirname, '../../../e2e/fixtures/shapes');
const PHOTO = join(SHAPES, 'downloads/2024/DSC0240124.jpg');
const SPEC: PreprocessSpec = {
  size: 32,
  interpolation: 'bicubic',
  resizeMode: 'shortest',
  mean: [0.5, 0.5, 0.5],
  std: [0.5, 0.5, 0.5],
  fillColor: [0, 0, 0],
  channelOrder: 'RGB',
};
const temp = mkdtempSync(join(tmpdir(), 'facet-decoder-'));
after(() => rmSync(temp, { recursive: true, force: true }));

test('a decode that never finishes is reported after the deadline and the next photo decodes', async () => {
  const stuck = join(temp, 'stuck.jpg');
  copyFileSync(PHOTO, stuck);
  const decode = createPhotoDecoder(SPEC, {
    timeoutMs: 400,
    budget: new PixelBudget(64 * 1024 * 1024),
    decode: (path, ...rest) =>
      path === stuck ? new Promise(() => {}) : decodeImage(path, ...rest),
  });
  const started = performance.now();
  await assert.rejects(
    decode(stuck),
    /stuck\.jpg took too long to read .*is it on a network drive\?/,
  );
  const waited = performance.now() - started;
  assert.ok(waited >= 350 && waited < 3_000, `reported after ${waited.toFixed(0)} ms`);
  const next = await decode(PHOTO);
  assert.equal(next.pixels.length, 32 * 32 * 3);
});

test('decodes running at once never hold more than the budget, and all of them finish', async () => {
  const paths: string[] = [];
  for (let i = 0; i < 6; i++) {
    const path = join(temp, `wide-${i}.png`);
    await writeBomb(path, 'png', 6000, 4000 + i);
    paths.push(path);
  }
  const budget = new PixelBudget(40 * 1024 * 1024);
  const decode = createPhotoDecoder(SPEC, { budget, timeoutMs: 60_000 });
  const images = await Promise.all(paths.map((path) => decode(path)));
  assert.equal(images.length, 6);
  assert.ok(budget.peak <= budget.capacity, `peak ${budget.peak} of ${budget.capacity}`);
  assert.ok(budget.peak > 0 && budget.inFlight === 0);
});

test('bombs: a header promising too many pixels or more memory than the budget is refused', async () => {
  const header = join(temp, 'header-bomb.png');
  writeFileSync(header, pngHeaderBomb(30_000, 30_000));
  const gif = join(temp, 'header-bomb.gif');
  writeFileSync(gif, gifHeaderBomb(15_000, 15_000));
  const decode = createPhotoDecoder(SPEC, { budget: new PixelBudget(256 * 1024 * 1024) });
  await assert.rejects(decode(header), /header-bomb\.png is 900 megapixels/);
  await assert.rejects(
    decode(gif),
    /header-bomb\.gif would need about \d+ MB of memory to decode; Facet decodes with at most 256 MB/,
  );
});

test('a photo cut at any of 40 offsets decodes or is refused by name, never hangs', async () => {
  const cuts = [
    ...(await writeTruncations(PHOTO, temp, 20, '.jpg')),
    ...(await writeTruncations(join(SHAPES, 'downloads/2024/photo-0240099.png'), temp, 10, '.png')),
    ...(await writeTruncations(join(SHAPES, 'downloads/2024/P0240170.webp'), temp, 10, '.webp')),
  ];
  const decode = createPhotoDecoder(SPEC, { timeoutMs: 10_000 });
  let refused = 0;
  for (const path of cuts) {
    const result = await decode(path).then(
      (image) => image.pixels.length,
      (error: Error) => error.message,
    );
    if (typeof result === 'number') assert.equal(result, 32 * 32 * 3, path);
    else {
      refused++;
      assert.match(result, /^cut-\d+\.(jpg|png|webp) (could not be read as an image|no longer)/);
    }
  }
  assert.ok(refused >= cuts.length / 2, `${refused} of ${cuts.length} cut files refused`);
});
