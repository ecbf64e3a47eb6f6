import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { openOnnxSession } from '../../../native/onnx-session';
import { loadClipModel, ModelPackageError } from './index';

const ROOT = join(import.meta.dirname, '../../..');
const MODEL = join(ROOT, 'assets/models/tiny-clip-shapes');
const SAMPLE = join(ROOT, 'e2e/fixtures/shapes/albums/2021/summer/DSC0240039.jpg');
const temp = mkdtempSync(join(tmpdir(), 'facet-model-'));
after(() => rmSync(temp, { recursive: true, force: true }));

function copyModel(name: string): string {
  const dir = join(temp, name);
  cpSync(MODEL, dir, { recursive: true });
  return dir;
}

async function assertPackageError(dir: string, file: string, problem: RegExp): Promise<void> {
  await assert.rejects(loadClipModel(dir, { device: 'cpu' }), (error: unknown) => {
    assert.ok(error instanceof ModelPackageError, String(error));
    assert.equal(error.file, join(dir, file));
    assert.ok(error.message.startsWith(file), error.message);
    assert.match(error.message, problem);
    return true;
  });
}

test('a missing image model is named in the error', async () => {
  const dir = copyModel('no-visual');
  rmSync(join(dir, 'visual/model.onnx'));
  await assertPackageError(dir, 'visual/model.onnx', /is missing/);
});

test('a corrupt config.json, preprocess_cfg.json or tokenizer.json is named in the error', async () => {
  const config = copyModel('bad-config');
  writeFileSync(join(config, 'config.json'), '{"embed_dim": 64,');
  await assertPackageError(config, 'config.json', /is not valid JSON/);

  const preprocess = copyModel('bad-preprocess');
  writeFileSync(
    join(preprocess, 'visual/preprocess_cfg.json'),
    '{"size": 64, "interpolation": "sinc"}',
  );
  await assertPackageError(preprocess, 'visual/preprocess_cfg.json', /interpolation/);

  const tokenizer = copyModel('bad-tokenizer');
  writeFileSync(join(tokenizer, 'textual/tokenizer.json'), '{"version": "1.0"}');
  await assertPackageError(
    tokenizer,
    'textual/tokenizer.json',
    /not a Hugging Face tokenizers file/,
  );
});

test('a text model that is not ONNX is named in the error', async () => {
  const dir = copyModel('bad-textual');
  writeFileSync(join(dir, 'textual/model.onnx'), 'not a model');
  await assertPackageError(dir, 'textual/model.onnx', /could not be loaded/);
});

// Rewrites the tiny model the way other exporters ship it: batch fixed at 1, int64 ids,
// and the image weights in an external-data file beside model.onnx.
const DERIVE = `
import sys, onnx
from onnx import TensorProto, helper
src, dst = sys.argv[1], sys.argv[2]
def fix_batch(model):
    for value in list(model.graph.input) + list(model.graph.output):
        dim = value.type.tensor_type.shape.dim[0]
        dim.ClearField('dim_param')
        dim.dim_value = 1
visual = onnx.load(src + '/visual/model.onnx')
fix_batch(visual)
onnx.save_model(visual, dst + '/visual/model.onnx', save_as_external_data=True,
                all_tensors_to_one_file=True, location='model.onnx.data', size_threshold=0)
textual = onnx.load(src + '/textual/model.onnx')
fix_batch(textual)
ids = textual.graph.input[0]
ids.type.tensor_type.elem_type = TensorProto.INT64
for node in textual.graph.node:
    for i, name in enumerate(node.input):
        if name == ids.name:
            node.input[i] = ids.name + '_int32'
textual.graph.node.insert(0, helper.make_node('Cast', [ids.name], [ids.name + '_int32'], to=TensorProto.INT32))
onnx.save_model(textual, dst + '/textual/model.onnx')
`;

// Debian's python3 (where python3-onnx installs) may not be the first python3 on PATH.
const python = ['/usr/bin/python3', 'python3'].find(
  (command) => spawnSync(command, ['-c', 'import onnx'], { stdio: 'ignore' }).status === 0,
);
const hasOnnx = python !== undefined;
if (!hasOnnx)
  console.log('SKIPPED: python3 with the onnx module (Debian python3-onnx) is not installed');

test(
  'a package with batch 1, int64 ids and external-data weights loads and embeds like the original',
  { skip: hasOnnx ? false : 'python3-onnx is not installed' },
  async () => {
    const dir = copyModel('batch-one-int64-external');
    execFileSync(python!, ['-c', DERIVE, MODEL, dir]);
    assert.ok(
      statSync(join(dir, 'visual/model.onnx')).size < 100_000,
      'weights moved out of model.onnx',
    );
    assert.ok(statSync(join(dir, 'visual/model.onnx.data')).size > 1_000_000);

    const textual = await openOnnxSession(join(dir, 'textual/model.onnx'));
    const visual = await openOnnxSession(join(dir, 'visual/model.onnx'));
    assert.deepEqual(
      [textual.input.type, textual.input.shape[0], visual.input.shape[0]],
      ['int64', 1, 1],
    );
    await Promise.all([textual.close(), visual.close()]);

    const derived = await loadClipModel(dir, { device: 'cpu' });
    const original = await loadClipModel(MODEL, { device: 'cpu' });
    try {
      const texts = ['a photo of a blue star.', 'a photo of a red circle.', 'something yellow'];
      const [a, b] = [await derived.embedTexts(texts), await original.embedTexts(texts)];
      texts.forEach((_, i) => assert.ok(maxDifference(a[i]!, b[i]!) < 1e-5, texts[i]));

      const paths = [SAMPLE, SAMPLE.replace('DSC0240039', 'IMG_0240067'), SAMPLE];
      const fromDerived = await collect(derived.embedImages(paths));
      const fromOriginal = await collect(original.embedImages(paths));
      assert.equal(fromDerived.length, 3);
      fromDerived.forEach((v, i) => assert.ok(maxDifference(v, fromOriginal[i]!) < 1e-5));
    } finally {
      await Promise.all([derived.close(), original.close()]);
    }
  },
);

async function collect(
  results: AsyncIterable<{ path: string; ok: boolean }>,
): Promise<Float32Array[]> {
  const byPath: { path: string; embedding: Float32Array }[] = [];
  for await (const result of results) {
    assert.ok(result.ok && 'embedding' in result);
    byPath.push({ path: result.path, embedding: result.embedding as Float32Array });
  }
  return byPath.sort((x, y) => x.path.localeCompare(y.path)).map((r) => r.embedding);
}

function maxDifference(a: Float32Array, b: Float32Array): number {
  return Math.max(...Array.from(a, (v, i) => Math.abs(v - b[i]!)));
}
