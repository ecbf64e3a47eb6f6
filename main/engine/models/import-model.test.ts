import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, rm, truncate } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, test } from 'node:test';
import { importModelFolder } from './import-model';
import { listInstalledModels } from './installed-models';

const TINY = join(import.meta.dirname, '..', '..', '..', 'assets', 'models', 'tiny-clip-shapes');

let work: string;
let modelsDir: string;

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'facet-import-'));
  modelsDir = join(work, 'models');
});

/** A copy of the demo model named `name`, with `damage` applied to it. */
async function modelCopy(name: string, damage?: (dir: string) => Promise<void>): Promise<string> {
  const dir = join(work, 'source', name);
  await cp(TINY, dir, { recursive: true });
  await damage?.(dir);
  return dir;
}

async function modelsFolderEntries(): Promise<string[]> {
  return (await readdir(modelsDir).catch(() => [] as string[])).filter(
    (name) => name !== '.imports',
  );
}

describe('importing a model folder from disk', () => {
  test('a valid folder is copied in and offered under its folder name', async () => {
    const source = await modelCopy('shapes-imported');
    const result = await importModelFolder(source, modelsDir, ['tiny-clip-shapes']);
    assert.equal(result.dir, join(modelsDir, 'shapes-imported'));
    assert.deepEqual(result.facts, {
      id: 'shapes-imported',
      name: 'shapes-imported',
      embedDim: 64,
      imageSize: 64,
      contextLength: 77,
    });
    const installed = await listInstalledModels(modelsDir, TINY);
    assert.deepEqual(
      installed.map((m) => [m.id, m.builtIn, m.embedDim]),
      [
        ['tiny-clip-shapes', true, 64],
        ['shapes-imported', false, 64],
      ],
    );
    assert.ok(existsSync(source), 'the original folder is left alone');
  });

  test('a folder without its tokenizer is refused, naming the missing file', async () => {
    const source = await modelCopy('no-tokenizer', (dir) =>
      rm(join(dir, 'textual', 'tokenizer.json')),
    );
    await assert.rejects(
      importModelFolder(source, modelsDir, []),
      (error: Error & { file?: string }) => {
        assert.match(error.message, /textual\/tokenizer\.json is missing/);
        assert.equal(error.file, join(source, 'textual', 'tokenizer.json'));
        return true;
      },
    );
    assert.deepEqual(await modelsFolderEntries(), []);
  });

  test('a folder without its image model is refused, naming visual/model.onnx', async () => {
    const source = await modelCopy('no-visual', (dir) => rm(join(dir, 'visual', 'model.onnx')));
    await assert.rejects(
      importModelFolder(source, modelsDir, []),
      /visual\/model\.onnx is missing/,
    );
    assert.deepEqual(await modelsFolderEntries(), []);
  });

  test('a truncated ONNX file is refused, naming the file the runtime could not load', async () => {
    const source = await modelCopy('truncated', (dir) =>
      truncate(join(dir, 'textual', 'model.onnx'), 4096),
    );
    await assert.rejects(
      importModelFolder(source, modelsDir, []),
      /textual\/model\.onnx could not be loaded/,
    );
    assert.deepEqual(await modelsFolderEntries(), []);
  });

  test('a config whose size disagrees with the image model is refused, naming both', async () => {
    const source = await modelCopy('wrong-size', async (dir) => {
      const { writeFile, readFile } = await import('node:fs/promises');
      const path = join(dir, 'visual', 'preprocess_cfg.json');
      const cfg = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
      await writeFile(path, JSON.stringify({ ...cfg, size: [224, 224] }));
    });
    await assert.rejects(
      importModelFolder(source, modelsDir, []),
      /visual\/preprocess_cfg\.json says size 224 but the image model takes \[.*64, 64\]/,
    );
  });

  test('a name already in use is refused before anything is copied', async () => {
    const source = await modelCopy('tiny-clip-shapes');
    await assert.rejects(
      importModelFolder(source, modelsDir, ['tiny-clip-shapes']),
      /A model named tiny-clip-shapes is already installed/,
    );
    assert.deepEqual(await modelsFolderEntries(), []);
  });
});
