// Inputs of the indexing benchmark, generated once and cached under the OS temp folder:
// the 12 MP photos, the folders the runs index, and the random ViT-B/32 model package.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, link, mkdir, readdir, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seededRandom } from '../main/engine/clusters/reduce';

export const BENCH_DIR = join(tmpdir(), 'facet-bench');
export const HERE = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = join(HERE, '..');
export const TINY_MODEL_DIR = join(REPO_ROOT, 'assets', 'models', 'tiny-clip-shapes');
// Debian's interpreter is the one with torch, PIL and onnx; a pyenv shim on PATH may lack them.
export const PYTHON = process.env.FACET_BENCH_PYTHON ?? '/usr/bin/python3';

const PHOTO_POOL = join(BENCH_DIR, 'photos-12mp-v1');
const VITB32_DIR = join(BENCH_DIR, 'vitb32-v1');
const VITB32_TEXT_DIR = join(BENCH_DIR, 'vitb32-text-v2');

export function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Runs a Python script of this folder; stderr streams through, stdout is returned. */
export function runPython(script: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, [join(HERE, script), ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderrTail = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderrTail = (stderrTail + chunk).slice(-2000);
      // PyTorch's export warnings are noise here; progress lines are not.
      for (const line of chunk.split('\n')) {
        if (line && !/Warning|warnings\.warn|_C\._jit|^\s/.test(line)) log(line);
      }
    });
    child.on('error', (error) =>
      reject(
        new Error(`${PYTHON} could not be started (${error.message}); set FACET_BENCH_PYTHON`),
      ),
    );
    child.on('exit', (code) => {
      if (code === 0) resolve(stdout);
      else reject(new Error(`${script} exited with ${code}:\n${stderrTail}`));
    });
  });
}

function photoName(index: number): string {
  return `photo-${String(index).padStart(4, '0')}.jpg`;
}

/** Makes sure the pool holds at least `count` photos; the generator skips the ones present. */
export async function ensurePhotos(count: number): Promise<void> {
  await mkdir(PHOTO_POOL, { recursive: true });
  const present = new Set(await readdir(PHOTO_POOL));
  let missing = 0;
  for (let i = 0; i < count; i++) if (!present.has(photoName(i))) missing++;
  if (missing === 0) return;
  log(`generating ${missing} photos of 12 MP in ${PHOTO_POOL} (cached for later runs)`);
  await runPython('synthetic_photos.py', [PHOTO_POOL, String(count)]);
}

/**
 * A folder holding exactly the pool's photos [from, from + count): hard links, so a set costs
 * no disk space and every run indexes the same bytes.
 */
export async function photoSet(name: string, from: number, count: number): Promise<string> {
  const dir = join(BENCH_DIR, 'sets', name);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  for (let i = from; i < from + count; i++) {
    const source = join(PHOTO_POOL, photoName(i));
    const target = join(dir, photoName(i));
    await link(source, target).catch(() => copyFile(source, target));
  }
  return dir;
}

export interface VitB32Package {
  /** Model package folder Facet loads. */
  readonly modelDir: string;
  /** PyTorch state_dict the reference loads (the same weights the ONNX file holds). */
  readonly weights: string;
}

/** Exports the random ViT-B/32 tower once; a half-written export is never taken for a cached one. */
export async function ensureVitB32(): Promise<VitB32Package> {
  const result = {
    modelDir: join(VITB32_DIR, 'vit-b32-random'),
    weights: join(VITB32_DIR, 'weights.pt'),
  };
  if (existsSync(join(result.modelDir, 'visual', 'model.onnx')) && existsSync(result.weights)) {
    return result;
  }
  const partial = `${VITB32_DIR}.partial`;
  await rm(partial, { recursive: true, force: true });
  log(`exporting a random ViT-B/32 image tower to ${VITB32_DIR} (cached for later runs)`);
  await runPython('export_vitb32.py', [partial, '--text-from', TINY_MODEL_DIR]);
  await rm(VITB32_DIR, { recursive: true, force: true });
  await rename(partial, VITB32_DIR);
  return result;
}

/** The random ViT-B/32 package with OpenCLIP's full-size text tower (the label preview's cost). */
/**
 * The ViT-B/32 package with OpenCLIP's ViT-B-32 text tower; `fixedContext` exports its text graph
 * for exactly 77 tokens (as most exports do) instead of any length up to 77.
 */
export async function ensureVitB32Text(fixedContext = false): Promise<string> {
  const dir = fixedContext ? `${VITB32_TEXT_DIR}-fixed` : VITB32_TEXT_DIR;
  const modelDir = join(dir, 'vit-b32-random');
  if (existsSync(join(modelDir, 'textual', 'model.onnx'))) return modelDir;
  const partial = `${dir}.partial`;
  await rm(partial, { recursive: true, force: true });
  log(`exporting a random ViT-B/32 model with its text tower to ${dir} (cached)`);
  await runPython('export_vitb32.py', [
    partial,
    '--text-from',
    TINY_MODEL_DIR,
    '--text-size',
    'vitb32',
    ...(fixedContext ? ['--fixed-context'] : []),
  ]);
  await rm(dir, { recursive: true, force: true });
  await rename(partial, dir);
  return modelDir;
}

/** `rows` random unit vectors of `dim`, the same on every run for one seed (a synthetic library). */
export function unitRows(rows: number, dim: number, seed: number): Float32Array {
  const next = seededRandom(seed);
  const out = new Float32Array(rows * dim);
  for (let r = 0; r < rows; r++) {
    let norm = 0;
    for (let i = 0; i < dim; i++) {
      const x = next() - 0.5;
      out[r * dim + i] = x;
      norm += x * x;
    }
    norm = Math.sqrt(norm);
    for (let i = 0; i < dim; i++) out[r * dim + i] = (out[r * dim + i] as number) / norm;
  }
  return out;
}
