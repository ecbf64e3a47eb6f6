// The RAW case of `npm run bench`: a real Canon CR2 copied N times, indexed from its embedded
// preview, against its JPEG (the picture the camera's JPEG holds) copied as often. Both runs index
// the same pictures with the same model in fresh processes, so the ratio is what reading raws costs.
import { appendFile, copyFile, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { BENCH_DIR, log, REPO_ROOT, TINY_MODEL_DIR } from './bench-assets';
import { measureFacetInChild, type FacetResult } from './facet-side';

const PAIR = join(REPO_ROOT, 'e2e', 'fixtures', 'real-photos', 'raw-pair');

export interface RawBenchmark {
  readonly files: number;
  readonly raw_per_s: number;
  readonly jpeg_per_s: number;
  /** RAW files/s over JPEG files/s (target at least 0.8). */
  readonly ratio: number;
  readonly raw_peak_rss_mb: number;
  readonly jpeg_peak_rss_mb: number;
  readonly raw_errors: number;
}

/**
 * `count` copies of `source` in a fresh folder. Each copy ends with its own few bytes after the
 * picture (decoders ignore them), so the library sees distinct files, not one file many times.
 */
async function copies(source: string, name: string, ext: string, count: number, from = 0) {
  const dir = join(BENCH_DIR, 'sets', name);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  for (let i = from; i < from + count; i++) {
    const target = join(dir, `IMG_${String(i).padStart(4, '0')}.${ext}`);
    await copyFile(source, target);
    await appendFile(target, `facet-bench-${i}`);
  }
  return dir;
}

const ROUNDS = 2;
const round = (value: number) => Math.round(value * 100) / 100;

export async function benchRaw(count: number, warmupCount: number): Promise<RawBenchmark> {
  const run = async (ext: 'CR2' | 'JPG'): Promise<FacetResult> => {
    const source = join(PAIR, `IMG_5952.${ext}`);
    const folder = await copies(source, `${ext.toLowerCase()}-${count}`, ext, count);
    const warmup = await copies(source, `${ext.toLowerCase()}-warmup`, ext, warmupCount, count);
    log(`raw case: indexing ${count} ${ext} files`);
    const result = await measureFacetInChild({ modelDir: TINY_MODEL_DIR, folder, warmup });
    log(`raw case: ${ext} ${result.per_s.toFixed(2)} files/s, peak RSS ${result.peak_rss_mb} MB`);
    return result;
  };
  // Alternating rounds, best of each: other work on the machine slows one run, not a format.
  const best = (a: FacetResult | null, b: FacetResult) => (a === null || b.per_s > a.per_s ? b : a);
  let jpeg: FacetResult | null = null;
  let raw: FacetResult | null = null;
  for (let round = 0; round < ROUNDS; round++) {
    jpeg = best(jpeg, await run('JPG'));
    raw = best(raw, await run('CR2'));
  }
  if (jpeg === null || raw === null) throw new Error('no RAW round ran');
  return {
    files: raw.embedded,
    raw_per_s: round(raw.per_s),
    jpeg_per_s: round(jpeg.per_s),
    ratio: round(raw.per_s / jpeg.per_s),
    raw_peak_rss_mb: raw.peak_rss_mb,
    jpeg_peak_rss_mb: jpeg.peak_rss_mb,
    raw_errors: raw.errors,
  };
}

export function rawSummary(raw: RawBenchmark): string {
  return [
    `RAW: ${raw.files} Canon CR2 files (embedded 1728x1152 preview) vs the same pictures as JPEG, tiny model, best of ${ROUNDS} alternating rounds`,
    `  RAW ${raw.raw_per_s.toFixed(2)} files/s, JPEG ${raw.jpeg_per_s.toFixed(2)} files/s: ` +
      `ratio ${raw.ratio.toFixed(2)} (target at least 0.80)`,
    `  peak RSS: RAW ${raw.raw_peak_rss_mb.toFixed(0)} MB, JPEG ${raw.jpeg_peak_rss_mb.toFixed(0)} MB` +
      (raw.raw_errors > 0 ? `; ${raw.raw_errors} raw files not read` : ''),
  ].join('\n');
}
