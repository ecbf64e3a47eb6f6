import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { supportedProviders } from '../../../native/onnx-session';
import { DeviceError, loadClipModel, type ClipModel } from './index';

const ROOT = join(import.meta.dirname, '../../..');
const MODEL = join(ROOT, 'assets/models/tiny-clip-shapes');
const PHOTOS = ['albums/2021/summer/DSC0240039.jpg', 'bad/cmyk.jpg', 'bad/sixteen-bit.png'].map(
  (file) => join(ROOT, 'e2e/fixtures/shapes', file),
);

async function embed(model: ClipModel): Promise<Map<string, Float32Array>> {
  const vectors = new Map<string, Float32Array>();
  for await (const result of model.embedImages(PHOTOS)) {
    assert.ok(result.ok);
    vectors.set(result.path, result.embedding);
  }
  return vectors;
}

test('device auto loads, says which provider it uses and why, and matches the CPU', async () => {
  const auto = await loadClipModel(MODEL, { device: 'auto' });
  const cpu = await loadClipModel(MODEL, { device: 'cpu' });
  try {
    console.log(`auto chose ${auto.device}; note: ${auto.deviceNote ?? '(none)'}`);
    assert.ok(['cpu', 'webgpu', 'cuda', 'dml', 'coreml'].includes(auto.device));
    if (auto.device === 'cpu') assert.match(auto.deviceNote ?? '', /^Running on the CPU: .+/);
    else assert.equal(auto.deviceNote, null);
    assert.equal(cpu.device, 'cpu');
    assert.equal(cpu.deviceNote, null);

    const [a, c] = [await embed(auto), await embed(cpu)];
    for (const path of PHOTOS) {
      const cosine = a.get(path)!.reduce((sum, v, i) => sum + v * c.get(path)![i]!, 0);
      assert.ok(cosine > 0.999, `${path}: cosine ${cosine}`);
    }
    const [t1] = await auto.embedTexts(['a photo of a green hexagon.']);
    const [t2] = await cpu.embedTexts(['a photo of a green hexagon.']);
    assert.ok(t1!.reduce((sum, v, i) => sum + v * t2![i]!, 0) > 0.999);
  } finally {
    await Promise.all([auto.close(), cpu.close()]);
  }
});

test('an explicitly requested device that cannot be used fails with a clear error', async () => {
  const missing = (['cuda', 'dml', 'coreml', 'webgpu'] as const).find(
    (device) => !supportedProviders().includes(device),
  );
  assert.ok(missing, 'some GPU provider is unavailable on any one platform');
  await assert.rejects(loadClipModel(MODEL, { device: missing }), (error: unknown) => {
    assert.ok(error instanceof DeviceError);
    assert.match(error.message, /device cannot be used on this computer/);
    return true;
  });
});

test('an explicitly requested GPU either runs or fails with the runtime reason', async (t) => {
  const gpu = (['webgpu', 'dml', 'coreml'] as const).find((d) => supportedProviders().includes(d));
  if (!gpu) return t.skip('no GPU provider in this build');
  try {
    const model = await loadClipModel(MODEL, { device: gpu });
    console.log(`${gpu} works here`);
    assert.equal(model.device, gpu);
    await model.close();
  } catch (error) {
    assert.ok(error instanceof DeviceError, String(error));
    console.log(`${gpu}: ${error.message}`);
    assert.match(error.message, new RegExp(`could not run tiny-clip-shapes: .+`));
  }
});
