import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { after, before, test } from 'node:test';
import { loadClipModel, type ClipModel, type ImageEmbedding } from './index';

const ROOT = join(import.meta.dirname, '../../..');
const SHAPES = join(ROOT, 'e2e/fixtures/shapes');
const SHAPE_NAMES = ['circle', 'square', 'triangle', 'star', 'cross', 'hexagon'];
const COLOURS = ['red', 'orange', 'yellow', 'green', 'blue', 'purple', 'black', 'white'];
const TEMPLATES = ['a photo of a {}.', 'a picture of a {}.', 'an image of a {}.', 'a {}.'];

interface Label {
  shape?: string;
  colour?: string;
  expected?: 'ok' | 'error';
}
const labels = JSON.parse(readFileSync(join(SHAPES, 'labels.json'), 'utf8')) as Record<
  string,
  Label
> & {
  bad: Record<string, Label>;
};

let model: ClipModel;
let shapeClasses: Float32Array[];
let colourClasses: Float32Array[];

/** A class embedding is the normalised mean of its prompt x template embeddings. */
async function classEmbedding(prompts: string[]): Promise<Float32Array> {
  const vectors = await model.embedTexts(
    prompts.flatMap((p) => TEMPLATES.map((t) => t.replace('{}', p))),
  );
  const mean = new Float32Array(vectors[0]!.length);
  for (const v of vectors) v.forEach((x, i) => (mean[i]! += x));
  const norm = Math.hypot(...mean);
  return mean.map((x) => x / norm);
}

function best(embedding: Float32Array, classes: Float32Array[], names: string[]): string {
  const scores = classes.map((c) => c.reduce((sum, x, i) => sum + x * embedding[i]!, 0));
  return names[scores.indexOf(Math.max(...scores))]!;
}

async function embedAll(paths: Iterable<string>): Promise<Map<string, ImageEmbedding>> {
  const results = new Map<string, ImageEmbedding>();
  for await (const result of model.embedImages(paths)) {
    assert.ok(!results.has(result.path), `${result.path} came back twice`);
    results.set(relative(SHAPES, result.path).split(sep).join('/'), result);
  }
  return results;
}

before(async () => {
  model = await loadClipModel(join(ROOT, 'assets/models/tiny-clip-shapes'), { device: 'cpu' });
  shapeClasses = await Promise.all(SHAPE_NAMES.map((s) => classEmbedding([s])));
  colourClasses = await Promise.all(COLOURS.map((c) => classEmbedding([`${c} shape`])));
});
after(() => model.close());

test('zero-shot shape and colour are right for at least 95% of the 200 sample photos', async () => {
  const files = Object.keys(labels).filter((key) => key !== 'bad');
  assert.equal(files.length, 200);
  // A generator, so the paths are consumed lazily.
  const paths = (function* () {
    for (const file of files) yield join(SHAPES, file);
  })();
  const started = performance.now();
  const results = await embedAll(paths);
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `embedImages: ${files.length} photos in ${seconds.toFixed(2)} s (${(files.length / seconds).toFixed(0)} files/s)`,
  );
  let shapes = 0;
  let colours = 0;
  for (const file of files) {
    const result = results.get(file);
    assert.ok(result?.ok, `${file}: ${result && !result.ok ? result.error : 'missing'}`);
    assert.equal(
      Math.round(Math.hypot(...result.embedding) * 1e5),
      1e5,
      'embeddings are unit length',
    );
    if (best(result.embedding, shapeClasses, SHAPE_NAMES) === labels[file]!.shape) shapes++;
    if (best(result.embedding, colourClasses, COLOURS) === labels[file]!.colour) colours++;
  }
  console.log(
    `shape accuracy ${(shapes / 2).toFixed(1)}%, colour accuracy ${(colours / 2).toFixed(1)}%`,
  );
  assert.ok(shapes >= 190, `shape accuracy ${shapes / 2}%`);
  assert.ok(colours >= 190, `colour accuracy ${colours / 2}%`);
});

test('every odd file gets its expected outcome and the run goes on', async () => {
  const bad = Object.entries(labels.bad);
  const onDisk = readdirSync(join(SHAPES, 'bad')).map((name) => `bad/${name}`);
  assert.deepEqual(onDisk.sort(), bad.map(([file]) => file).sort());
  const results = await embedAll(bad.map(([file]) => join(SHAPES, file)));
  assert.equal(results.size, bad.length, 'one result per file');
  for (const [file, label] of bad) {
    const result = results.get(file)!;
    if (label.expected === 'error') {
      assert.ok(!result.ok && result.error.length > 10, `${file} should fail with a reason`);
      continue;
    }
    assert.ok(result.ok, `${file}: ${result.ok ? '' : result.error}`);
    if (label.shape)
      assert.equal(best(result.embedding, shapeClasses, SHAPE_NAMES), label.shape, file);
    if (label.colour)
      assert.equal(best(result.embedding, colourClasses, COLOURS), label.colour, file);
  }
});

test('stopping early ends the run cleanly and the model keeps working', async () => {
  const files = Object.keys(labels)
    .filter((key) => key !== 'bad')
    .map((file) => join(SHAPES, file));
  let seen = 0;
  for await (const result of model.embedImages(files)) {
    assert.ok(result.ok);
    if (++seen === 5) break;
  }
  const again = await embedAll(files.slice(0, 3));
  assert.equal(again.size, 3);
});
