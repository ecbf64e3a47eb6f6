import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import sharp from 'sharp';
import {
  decodeImage,
  normalisationTables,
  writeNoisePhoto,
  writeNormalisedCHW,
  type PreprocessSpec,
} from './image-preprocess';

const SHAPES = join(import.meta.dirname, '../e2e/fixtures/shapes');
const SPEC: PreprocessSpec = {
  size: 64,
  interpolation: 'bicubic',
  resizeMode: 'shortest',
  mean: [0.48145466, 0.4578275, 0.40821073],
  std: [0.26862954, 0.26130258, 0.27577711],
  fillColor: [0, 0, 0],
  channelOrder: 'RGB',
};
const temp = mkdtempSync(join(tmpdir(), 'facet-image-'));
after(() => rmSync(temp, { recursive: true, force: true }));

test('photos of every kind decode to size x size sRGB with their displayed size and format', async () => {
  const cases = [
    ['bad/cmyk.jpg', 400, 300, 'jpeg'],
    ['bad/grayscale.jpg', 320, 240, 'jpeg'],
    ['bad/sixteen-bit.png', 256, 192, 'png'],
    ['bad/png-data.jpg', 300, 300, 'png'],
    ['bad/one-pixel.png', 1, 1, 'png'],
    // Stored 67x48 with EXIF orientation 8: shown (and reported) upright as 48x67.
    ['downloads/2024/P0240041.JPG', 48, 67, 'jpeg'],
  ] as const;
  for (const [file, width, height, format] of cases) {
    const image = await decodeImage(join(SHAPES, file), SPEC);
    assert.deepEqual([image.width, image.height, image.format], [width, height, format], file);
    assert.equal(image.pixels.length, 64 * 64 * 3, file);
  }
});

test('a 6000x4000 JPEG shrinks on load and decodes in well under a second', async () => {
  const started = performance.now();
  const image = await decodeImage(join(SHAPES, 'bad/huge-6000x4000.jpg'), SPEC);
  const ms = performance.now() - started;
  console.log(`6000x4000 JPEG decoded in ${ms.toFixed(0)} ms`);
  assert.equal(image.width, 6000);
  assert.ok(ms < 1000, `took ${ms} ms`);
});

test('images over the pixel limit are refused with their size in megapixels', async () => {
  await assert.rejects(decodeImage(join(SHAPES, 'bad/huge-6000x4000.jpg'), SPEC, 10_000_000), {
    message: 'huge-6000x4000.jpg is 24 megapixels; Facet reads images up to 10 megapixels',
  });
});

test('unreadable files are refused with the file name and the reason', async () => {
  await assert.rejects(
    decodeImage(join(SHAPES, 'bad/empty.jpg'), SPEC),
    /empty.jpg could not be read/,
  );
  await assert.rejects(
    decodeImage(join(SHAPES, 'bad/truncated.jpg'), SPEC),
    /truncated.jpg could not be read.*premature end/,
  );
  await assert.rejects(
    decodeImage(join(temp, 'missing.jpg'), SPEC),
    /missing.jpg could not be read/,
  );
});

test('a 4000x3000 photo keeps its size; wide photos are centre-cropped or squashed as configured', async () => {
  const path = join(temp, 'noise.jpg');
  await writeNoisePhoto(path, 4000, 3000);
  const photo = await decodeImage(path, SPEC);
  assert.deepEqual([photo.width, photo.height, photo.pixels.length], [4000, 3000, 64 * 64 * 3]);

  // 200x100: a red band on the left quarter, green elsewhere.
  const raw = Buffer.alloc(200 * 100 * 3);
  for (let i = 0; i < 200 * 100; i++) raw.set(i % 200 < 50 ? [255, 0, 0] : [0, 255, 0], i * 3);
  const wide = join(temp, 'wide.png');
  await sharp(raw, { raw: { width: 200, height: 100, channels: 3 } })
    .png()
    .toFile(wide);
  const crop = await decodeImage(wide, SPEC);
  const squash = await decodeImage(wide, {
    ...SPEC,
    resizeMode: 'squash',
    interpolation: 'nearest',
  });
  const leftEdgeRed = (pixels: Uint8Array) => pixels[32 * 64 * 3]!; // red of row 32, column 0
  assert.ok(leftEdgeRed(crop.pixels) < 20, 'the centre crop drops the left band');
  assert.ok(leftEdgeRed(squash.pixels) > 235, 'squashing keeps the left band');
});

test('pixels become (x/255 - mean) / std in channel planes', () => {
  const pixels = Uint8Array.from([0, 128, 255, 255, 0, 10]); // two pixels, HWC
  const out = new Float32Array(8).fill(99);
  writeNormalisedCHW(pixels, normalisationTables(SPEC), 'RGB', out, 2);
  const expect = (v: number, c: number) => (v / 255 - SPEC.mean[c]!) / SPEC.std[c]!;
  const wanted = [
    99,
    99,
    expect(0, 0),
    expect(255, 0),
    expect(128, 1),
    expect(0, 1),
    expect(255, 2),
    expect(10, 2),
  ];
  out.forEach((value, i) => assert.ok(Math.abs(value - wanted[i]!) < 1e-6, `index ${i}`));
  writeNormalisedCHW(pixels, normalisationTables(SPEC), 'BGR', out, 0);
  assert.ok(Math.abs(out[0]! - expect(255, 0)) < 1e-6, 'BGR puts blue first');
});
