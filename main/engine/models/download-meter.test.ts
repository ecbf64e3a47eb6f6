import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DownloadMeter, type DownloadProgress } from './download-meter';

const files = [
  { path: 'visual/model.onnx', url: 'http://x/visual/model.onnx', size: 60_000_000, sha256: null },
  {
    path: 'textual/model.onnx',
    url: 'http://x/textual/model.onnx',
    size: 40_000_000,
    sha256: null,
  },
];

test('speed is measured over the last seconds and the time left follows from it', () => {
  let now = 0;
  const seen: DownloadProgress[] = [];
  const meter = new DownloadMeter(
    'ViT-B-32__openai',
    files,
    (p) => seen.push(p),
    () => now,
  );
  meter.startFile('visual/model.onnx');
  meter.resume('visual/model.onnx', 20_000_000); // bytes from an earlier try: not speed
  for (let second = 1; second <= 10; second++) {
    now = second * 1000;
    meter.add(2_000_000); // 2 MB/s
  }
  const p = meter.snapshot();
  assert.equal(p.receivedBytes, 40_000_000);
  assert.equal(p.totalBytes, 100_000_000);
  assert.ok(Math.abs(p.bytesPerSecond - 2_000_000) < 1, `speed ${p.bytesPerSecond}`);
  assert.ok(Math.abs((p.etaSeconds ?? 0) - 30) < 0.01, `eta ${p.etaSeconds}`);
  assert.equal(p.file, 'visual/model.onnx');
  assert.ok(seen.length >= 10, 'progress is reported as bytes arrive');
});

test('the total is unknown until every file size is known', () => {
  const meter = new DownloadMeter('m', [{ ...files[0]!, size: null }], undefined, () => 0);
  assert.equal(meter.snapshot().totalBytes, null);
  assert.equal(meter.snapshot().etaSeconds, null);
  meter.setSize('visual/model.onnx', 5);
  assert.equal(meter.snapshot().totalBytes, 5);
});
