// Sharpness tells a crisp photo from a blurred copy of it; the thumbnail of a resized copy
// matches the original's far better than another photo's does.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import sharp from 'sharp';
import { measurePhoto, writeResizedCopy } from './sharpness';

test('a blurred copy measures less sharp, a resized copy looks the same', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'facet-sharpness-'));
  try {
    const size = 256;
    const pixels = Buffer.alloc(size * size * 3);
    for (let y = 0; y < size; y++)
      for (let x = 0; x < size; x++)
        pixels.fill(
          ((x >> 4) + (y >> 4)) % 2 === 0 ? 230 : 20,
          (y * size + x) * 3,
          (y * size + x) * 3 + 3,
        );
    const crisp = join(dir, 'crisp.png');
    const blurred = join(dir, 'blurred.png');
    const other = join(dir, 'other.png');
    const copy = join(dir, 'copy.jpg');
    const raw = { raw: { width: size, height: size, channels: 3 as const } };
    await sharp(pixels, raw).png().toFile(crisp);
    await sharp(pixels, raw).blur(3).png().toFile(blurred);
    const gradient = Buffer.alloc(size * size * 3);
    gradient.forEach((_, i) => (gradient[i] = Math.floor(i / 3) % size));
    await sharp(gradient, raw).png().toFile(other);
    await writeResizedCopy(crisp, copy, { scale: 0.5, quality: 70 });
    const [a, b, c, d] = await Promise.all([crisp, blurred, other, copy].map(measurePhoto));
    assert.ok(a && b && c && d);
    assert.ok(a.sharpness > 3 * b.sharpness, `${a.sharpness} vs ${b.sharpness}`);
    const dot = (x: Float32Array, y: Float32Array) =>
      x.reduce((s, v, i) => s + v * (y[i] as number), 0);
    assert.ok(dot(a.thumbnail, d.thumbnail) > 0.97, 'resized copy');
    assert.ok(dot(a.thumbnail, c.thumbnail) < 0.5, 'different photo');
    assert.deepEqual([d.width, d.height], [128, 128]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
