// Facet's side of the benchmark: the real engine indexing a folder into a fresh library,
// hosted in its own Node process per model so each peak RSS belongs to one model.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { IndexProgress } from '../preload/contract';
import { createEngine } from '../main/engine/engine';
import { BENCH_DIR, log } from './bench-assets';

export interface FacetRun {
  readonly modelDir: string;
  readonly folder: string;
  readonly warmup: string;
}

export interface FacetResult {
  readonly files: number;
  readonly embedded: number;
  readonly errors: number;
  readonly seconds: number;
  readonly per_s: number;
  readonly warmup_seconds: number;
  readonly device: string;
  readonly peak_rss_mb: number;
}

/**
 * Indexes the warm-up folder (loads the model, as the reference does before its clock starts),
 * then times `index` on the measured folder: it resolves once the last embedding is stored.
 */
export async function measureFacet(run: FacetRun): Promise<FacetResult> {
  const libraryDir = await mkdtemp(join(BENCH_DIR, 'library-'));
  let lastLogged = 0;
  const engine = await createEngine({
    libraryDir,
    modelDir: run.modelDir,
    device: 'cpu',
    emit: (name, payload) => {
      if (name !== 'index:progress') return;
      const progress = payload as IndexProgress;
      const now = Date.now();
      if (now - lastLogged < 2000 && progress.done !== progress.total) return;
      lastLogged = now;
      log(
        `facet: ${progress.done}/${progress.total} (${progress.filesPerSecond.toFixed(1)} files/s)`,
      );
    },
  });
  try {
    const options = { modelDir: run.modelDir, device: 'cpu' } as const;
    const warmStart = performance.now();
    await engine.library.index([run.warmup], options);
    const warmupSeconds = (performance.now() - warmStart) / 1000;
    const start = performance.now();
    const report = await engine.library.index([run.folder], options);
    const seconds = (performance.now() - start) / 1000;
    return {
      files: report.files,
      embedded: report.embedded,
      errors: report.errors.length,
      seconds,
      per_s: report.embedded / seconds,
      warmup_seconds: warmupSeconds,
      device: report.device,
      // maxRSS is in kilobytes.
      peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 102.4) / 10,
    };
  } finally {
    await engine.close();
    await rm(libraryDir, { recursive: true, force: true });
  }
}

export const FACET_CHILD_FLAG = '--facet-child';

/** Runs measureFacet in a fresh Node process (run.ts with FACET_CHILD_FLAG) and returns its result. */
export function measureFacetInChild(run: FacetRun): Promise<FacetResult> {
  const runScript = fileURLToPath(new URL('./run.ts', import.meta.url));
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', tsx, runScript, FACET_CHILD_FLAG, JSON.stringify(run)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`the Facet run exited with ${code}`));
      try {
        resolve(JSON.parse(stdout) as FacetResult);
      } catch {
        reject(new Error(`the Facet run printed no result: ${stdout.slice(0, 500)}`));
      }
    });
  });
}
