import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  OnnxTimeoutError,
  cudaProviderInstalled,
  openOnnxSession,
  supportedProviders,
} from './onnx-session';

const MODEL = join(import.meta.dirname, '../assets/models/tiny-clip-shapes');

test('the first input and output of each graph are read from the model', async () => {
  const visual = await openOnnxSession(join(MODEL, 'visual/model.onnx'));
  const textual = await openOnnxSession(join(MODEL, 'textual/model.onnx'));
  try {
    assert.deepEqual(visual.input, {
      name: 'image',
      type: 'float32',
      shape: ['batch_size', 3, 64, 64],
    });
    assert.deepEqual(textual.input, { name: 'text', type: 'int32', shape: ['batch_size', 77] });
    assert.deepEqual(textual.output.shape, ['batch_size', 64]);
    const out = await visual.run(new Float32Array(3 * 3 * 64 * 64), [3, 3, 64, 64]);
    assert.deepEqual(out.dims, [3, 64]);
    // A view into a bigger buffer is sent as just its elements.
    const ids = new Int32Array(2 * 77);
    ids.set([49406, 320, 49407], 77);
    const one = await textual.run(ids.subarray(77), [1, 77]);
    assert.deepEqual(one.dims, [1, 64]);
  } finally {
    await Promise.all([visual.close(), textual.close()]);
  }
});

test('a run that does not answer in time is abandoned with a timeout error', async () => {
  const visual = await openOnnxSession(join(MODEL, 'visual/model.onnx'), { threads: 1 });
  const big = new Float32Array(256 * 3 * 64 * 64);
  await assert.rejects(visual.run(big, [256, 3, 64, 64], 1), OnnxTimeoutError);
  await assert.rejects(visual.run(big, [256, 3, 64, 64]), /no answer within/);
  await visual.close();
});

test('a file that is not a model is refused with the runtime reason', async () => {
  await assert.rejects(openOnnxSession(join(MODEL, 'config.json')), /protobuf|parse|load/i);
});

test('the CPU is always offered; CUDA only when its provider libraries are installed', () => {
  const providers = supportedProviders();
  assert.ok(providers.includes('cpu'));
  assert.equal(providers.includes('cuda'), cudaProviderInstalled());
});
