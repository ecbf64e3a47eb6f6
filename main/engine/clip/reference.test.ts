import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createClipTokenizer } from '../../../native/clip-tokenizer';
import { runBatched } from './embeddings';
import { loadClipModel, type ClipModel } from './index';
import { readModelPackage } from './model-package';
import { openTowers, type Towers } from './towers';

const ROOT = join(import.meta.dirname, '../../..');
const MODEL = join(ROOT, 'assets/models/tiny-clip-shapes');
const SHAPES = join(ROOT, 'e2e/fixtures/shapes');

interface Reference {
  tolerance: number;
  images: { path: string; input: number[]; input_shape: number[]; embedding: number[] }[];
  texts: { text: string; ids: number[]; embedding: number[] }[];
}
const reference = JSON.parse(
  readFileSync(join(ROOT, 'e2e/fixtures/reference-embeddings.json'), 'utf8'),
) as Reference;

let towers: Towers;
let model: ClipModel;
before(async () => {
  towers = await openTowers(await readModelPackage(MODEL), { device: 'cpu' });
  model = await loadClipModel(MODEL, { device: 'cpu' });
});
after(async () => {
  await Promise.all([towers.visual.close(), towers.textual.close(), model.close()]);
});

function maxDifference(a: Float32Array, b: readonly number[]): number {
  assert.equal(a.length, b.length);
  return Math.max(...Array.from(a, (value, i) => Math.abs(value - b[i]!)));
}

const dot = (a: Float32Array, b: readonly number[]) => a.reduce((sum, v, i) => sum + v * b[i]!, 0);

test('the exact reference tensors give the reference image embeddings, one by one and batched', async () => {
  const length = 3 * 64 * 64;
  const all = new Float32Array(reference.images.length * length);
  reference.images.forEach((image, i) => all.set(image.input, i * length));
  const single: Float32Array[] = [];
  for (let i = 0; i < reference.images.length; i++) {
    const one = all.subarray(i * length, (i + 1) * length);
    single.push(...(await runBatched(towers.visual, null, one, 1, [3, 64, 64])));
  }
  const batched = await runBatched(towers.visual, null, all, reference.images.length, [3, 64, 64]);
  let worst = 0;
  reference.images.forEach((image, i) => {
    worst = Math.max(
      worst,
      maxDifference(single[i]!, image.embedding),
      maxDifference(batched[i]!, image.embedding),
    );
  });
  console.log(`image embeddings: max abs difference ${worst.toExponential(2)}`);
  assert.ok(worst <= reference.tolerance, `difference ${worst}`);
});

test('the reference ids give the reference text embeddings, and Facet tokenizes to the same ids', async () => {
  const ids = new Int32Array(reference.texts.length * 77);
  reference.texts.forEach((text, i) => ids.set(text.ids, i * 77));
  const vectors = await runBatched(towers.textual, null, ids, reference.texts.length, [77]);
  const worst = Math.max(
    ...reference.texts.map((text, i) => maxDifference(vectors[i]!, text.embedding)),
  );
  console.log(`text embeddings: max abs difference ${worst.toExponential(2)}`);
  assert.ok(worst <= reference.tolerance, `difference ${worst}`);

  const tokenizer = createClipTokenizer(
    JSON.parse(readFileSync(join(MODEL, 'textual/tokenizer.json'), 'utf8')),
    undefined,
    77,
  );
  for (const text of reference.texts)
    assert.deepEqual(Array.from(tokenizer.encode(text.text).ids), text.ids);

  const embedded = await model.embedTexts(reference.texts.map((text) => text.text));
  const textWorst = Math.max(
    ...reference.texts.map((text, i) => maxDifference(embedded[i]!, text.embedding)),
  );
  assert.ok(textWorst <= reference.tolerance, `embedTexts differs by ${textWorst}`);
});

test("the reference photos through Facet's own decoding stay within cosine 0.99 of the reference", async () => {
  const byPath = new Map(reference.images.map((image) => [join(SHAPES, image.path), image]));
  const cosines: number[] = [];
  for await (const result of model.embedImages(byPath.keys())) {
    assert.ok(result.ok, result.ok ? '' : result.error);
    cosines.push(dot(result.embedding, byPath.get(result.path)!.embedding));
  }
  assert.equal(cosines.length, reference.images.length);
  const lowest = Math.min(...cosines);
  console.log(`sharp preprocessing vs reference: minimum cosine ${lowest.toFixed(5)}`);
  assert.ok(lowest >= 0.99, `minimum cosine ${lowest}`);
});
