// The rclip-style PyTorch pipeline (reference_pipeline.py), and the check that it computes the
// same embeddings as the ONNX model Facet runs.
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { openOnnxSession } from '../native/onnx-session';
import { BENCH_DIR, runPython } from './bench-assets';

export type ReferenceModel = 'tiny' | 'vitb32';

export interface ReferenceRun {
  readonly model: ReferenceModel;
  readonly modelDir: string;
  /** vitb32: the state_dict the ONNX export was made from. */
  readonly weights?: string;
  readonly folder: string;
  readonly warmup: string;
}

export interface ReferenceResult {
  readonly draft: boolean;
  readonly files: number;
  readonly stored: number;
  readonly seconds: number;
  readonly per_s: number;
  readonly batch: number;
  readonly threads: number;
  readonly decode_preprocess_s: number;
  readonly inference_s: number;
  readonly db_s: number;
  readonly peak_rss_mb: number;
}

function modelArgs(run: ReferenceRun): string[] {
  return [
    '--model',
    run.model,
    '--model-dir',
    run.modelDir,
    ...(run.weights ? ['--weights', run.weights] : []),
  ];
}

/**
 * Indexes the folder once (after the warm-up folder) into a fresh SQLite file. `draft` lets PIL
 * decode JPEGs at a reduced scale, which rclip does not do: a stronger baseline than rclip's.
 */
export async function runReference(run: ReferenceRun, draft = false): Promise<ReferenceResult> {
  const dbDir = join(BENCH_DIR, 'reference-db');
  await rm(dbDir, { recursive: true, force: true });
  await mkdir(dbDir, { recursive: true });
  const stdout = await runPython('reference_pipeline.py', [
    ...modelArgs(run),
    '--folder',
    run.folder,
    '--warmup',
    run.warmup,
    '--db',
    join(dbDir, 'rclip.sqlite3'),
    ...(draft ? ['--draft'] : []),
  ]);
  const lines = stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1] ?? '{}') as ReferenceResult;
}

export interface OnnxCheck {
  readonly batch: number;
  readonly maxAbsDiff: number;
}

/** PyTorch embeds one batch of the folder's photos; onnxruntime embeds the same input tensor. */
export async function checkOnnxMatchesPyTorch(run: ReferenceRun): Promise<OnnxCheck> {
  const dir = join(BENCH_DIR, 'onnx-check');
  await rm(dir, { recursive: true, force: true });
  await runPython('reference_pipeline.py', [
    ...modelArgs(run),
    '--folder',
    run.folder,
    '--db',
    join(dir, 'unused.sqlite3'),
    '--dump-check',
    dir,
  ]);
  const meta = JSON.parse(await readFile(join(dir, 'meta.json'), 'utf8')) as {
    input_dims: number[];
    output_dims: number[];
  };
  const floats = async (name: string): Promise<Float32Array> => {
    const bytes = await readFile(join(dir, name));
    return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4).slice();
  };
  const input = await floats('input.f32');
  const expected = await floats('output.f32');
  const session = await openOnnxSession(join(run.modelDir, 'visual', 'model.onnx'), {
    provider: 'cpu',
  });
  try {
    const output = await session.run(input, meta.input_dims);
    if (output.data.length !== expected.length) {
      throw new Error(`onnxruntime gave ${output.data.length} values, PyTorch ${expected.length}`);
    }
    let maxAbsDiff = 0;
    for (let i = 0; i < expected.length; i++) {
      maxAbsDiff = Math.max(maxAbsDiff, Math.abs(output.data[i]! - expected[i]!));
    }
    return { batch: meta.input_dims[0] ?? 0, maxAbsDiff };
  } finally {
    await session.close();
  }
}
