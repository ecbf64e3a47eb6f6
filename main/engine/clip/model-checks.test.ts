// Model packages that load but would index meaningless numbers are refused before they are used,
// each naming the file at fault: towers of different sizes, a config.json that disagrees with
// them, a tower that answers NaN, an absurd preprocess size, special files among the package's.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { runFacet, SHAPES } from '../../cli/run-facet.fixture';
import { EXIT } from '../../cli/exit-codes';
import { loadClipModel, ModelPackageError } from './index';

const ROOT = join(import.meta.dirname, '../../..');
const MODEL = join(ROOT, 'assets/models/tiny-clip-shapes');
const temp = mkdtempSync(join(tmpdir(), 'facet-model-checks-'));
after(() => rmSync(temp, { recursive: true, force: true }));

function copyModel(name: string): string {
  const dir = join(temp, name);
  cpSync(MODEL, dir, { recursive: true });
  return dir;
}

function editJson(dir: string, file: string, edit: (value: Record<string, unknown>) => void): void {
  const path = join(dir, file);
  const value = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  edit(value);
  writeFileSync(path, JSON.stringify(value));
}

async function assertRefused(dir: string, file: string, problem: RegExp): Promise<number> {
  const started = Date.now();
  await assert.rejects(loadClipModel(dir, { device: 'cpu' }), (error: unknown) => {
    assert.ok(error instanceof ModelPackageError, String(error));
    assert.equal(error.file, join(dir, file));
    assert.match(error.message, problem);
    return true;
  });
  return Date.now() - started;
}

// Rewrites one tower's output: "narrow" keeps its first 32 numbers and leaves the declared size
// open (only running it tells), "nan" multiplies it by NaN.
const REWRITE = `
import sys, onnx, numpy as np
from onnx import helper, numpy_helper
path, how = sys.argv[1], sys.argv[2]
model = onnx.load(path)
graph = model.graph
out = graph.output[0]
inner = out.name + '_inner'
for node in graph.node:
    for i, name in enumerate(node.output):
        if name == out.name:
            node.output[i] = inner
if how == 'narrow':
    for name, value in (('starts', [0]), ('ends', [32]), ('axes', [1])):
        graph.initializer.append(numpy_helper.from_array(np.array(value, dtype=np.int64), 'narrow_' + name))
    graph.node.append(helper.make_node('Slice', [inner, 'narrow_starts', 'narrow_ends', 'narrow_axes'], [out.name]))
    out.type.tensor_type.shape.dim[1].ClearField('dim_value')
    out.type.tensor_type.shape.dim[1].dim_param = 'embed'
else:
    graph.initializer.append(numpy_helper.from_array(np.array([np.nan], dtype=np.float32), 'nan'))
    graph.node.append(helper.make_node('Mul', [inner, 'nan'], [out.name]))
onnx.save(model, path)
`;

const python = ['/usr/bin/python3', 'python3'].find(
  (command) => spawnSync(command, ['-c', 'import onnx'], { stdio: 'ignore' }).status === 0,
);
const needsOnnx = { skip: python === undefined ? 'python3-onnx is not installed' : false };

function rewriteTower(dir: string, tower: 'visual' | 'textual', how: 'narrow' | 'nan'): void {
  execFileSync(python!, ['-c', REWRITE, join(dir, tower, 'model.onnx'), how]);
}

test('an image tower of 32 numbers beside a text tower of 64 is refused', needsOnnx, async () => {
  const dir = copyModel('narrow-visual');
  rewriteTower(dir, 'visual', 'narrow');
  await assertRefused(dir, 'visual/model.onnx', /size 32 but textual\/model\.onnx gives 64/);
});

test(
  'a tower that answers NaN is refused, on the command line with the model exit code',
  needsOnnx,
  async () => {
    const dir = copyModel('nan-visual');
    rewriteTower(dir, 'visual', 'nan');
    await assertRefused(dir, 'visual/model.onnx', /NaN or infinite/);

    const text = copyModel('nan-textual');
    rewriteTower(text, 'textual', 'nan');
    await assertRefused(text, 'textual/model.onnx', /NaN or infinite/);

    const library = join(temp, 'nan-library');
    const run = await runFacet(['index', SHAPES, '--model', dir, '--library', library, '--json']);
    assert.equal(run.code, EXIT.model, run.stderr);
    assert.equal(run.stdout, '', 'nothing is reported as embedded');
    assert.ok(
      run.stderr.includes(join(dir, 'visual', 'model.onnx')) ||
        run.stderr.includes('visual/model.onnx'),
      run.stderr,
    );
  },
);

test('config.json whose embed_dim disagrees with the towers is refused', async () => {
  const dir = copyModel('wrong-embed-dim');
  editJson(dir, 'config.json', (config) => (config.embed_dim = 128));
  await assertRefused(dir, 'visual/model.onnx', /size 64 but config\.json says embed_dim 128/);
});

test('an absurd preprocess size is refused at once, before any tensor is made', async () => {
  const huge = copyModel('size-20000');
  editJson(huge, 'visual/preprocess_cfg.json', (cfg) => (cfg.size = [20000, 20000]));
  const took = await assertRefused(
    huge,
    'visual/preprocess_cfg.json',
    /"size" 20000, outside 8 to 2048/,
  );
  assert.ok(took < 2000, `refused in ${took} ms`);

  const other = copyModel('size-32');
  editJson(other, 'visual/preprocess_cfg.json', (cfg) => (cfg.size = 32));
  await assertRefused(
    other,
    'visual/preprocess_cfg.json',
    /says size 32 but the image model takes \[batch_size, 3, 64, 64\]/,
  );
});

test('a FIFO in place of a package file is refused at once, naming it', async () => {
  for (const file of [
    'config.json',
    'visual/preprocess_cfg.json',
    'textual/tokenizer.json',
    'visual/model.onnx',
  ]) {
    const dir = copyModel(`fifo-${file.replace(/\W/g, '-')}`);
    rmSync(join(dir, file));
    execFileSync('mkfifo', [join(dir, file)]);
    const took = await assertRefused(dir, file, /is a FIFO|named pipe|not a regular file/);
    assert.ok(took < 2000, `${file}: refused in ${took} ms`);
  }
});
