import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { test } from 'node:test';
import { loadClipModel } from '../clip/index';
import { importModelFolder } from './import-model';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const SCRIPT = join(ROOT, 'scripts', 'export-openclip.py');
const PHOTOS = join(ROOT, 'e2e', 'fixtures', 'shapes', 'albums', '2021', 'winter');
const PYTHON = '/usr/bin/python3';

function pythonWithTorch(): string | null {
  try {
    execFileSync(PYTHON, ['-c', 'import torch, onnx'], { stdio: 'ignore' });
    return null;
  } catch {
    return `${PYTHON} with torch and onnx is not installed`;
  }
}

test(
  'the OpenCLIP export script writes a package Facet imports and runs in batches, weights as external data',
  { skip: pythonWithTorch() ?? false },
  async () => {
    const work = await mkdtemp(join(tmpdir(), 'facet-export-'));
    try {
      const out = join(work, 'tiny-openclip');
      await promisify(execFile)(PYTHON, [SCRIPT, '--self-test', '--out', out]);
      assert.ok(
        existsSync(join(out, 'visual', 'model.onnx_data')),
        'image weights are external data',
      );
      assert.ok(
        existsSync(join(out, 'textual', 'model.onnx_data')),
        'text weights are external data',
      );

      const imported = await importModelFolder(out, join(work, 'models'), []);
      assert.deepEqual(imported.facts, {
        id: 'tiny-openclip',
        name: 'tiny-openclip',
        embedDim: 24,
        imageSize: 32,
        contextLength: 77,
      });
      const model = await loadClipModel(imported.dir, { device: 'cpu', batchSize: 4 });
      try {
        const texts = await model.embedTexts(['a red circle', 'a blue star', 'a photo']);
        assert.deepEqual(
          texts.map((t) => t.length),
          [24, 24, 24],
        );
        const photos = (await readdir(PHOTOS)).slice(0, 6).map((name) => join(PHOTOS, name));
        let embedded = 0;
        for await (const result of model.embedImages(photos)) if (result.ok) embedded++;
        assert.equal(
          embedded,
          photos.length,
          'a batch of 4 and one of 2 ran through the dynamic batch axis',
        );
      } finally {
        await model.close();
      }
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  },
);
