// `npm run bench:memory`: peak memory of embedding a folder of decompression bombs (WebP, GIF,
// PNG, JPEG and TIFF of 16383x15000, under the 250-megapixel limit, a few KB to MB on disk) with
// the real pipeline and the demo model, with the decoders this machine gets, with 8 forced, and,
// as the reference, with 2 decoders and no memory budget. Each run is its own process, so its peak
// RSS is its own. Targets: 800 MB on a 2-core machine, 1.5 GB with 8 decoders.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const WIDTH = 16_383;
const HEIGHT = 15_000;
const FORMATS = ['webp', 'gif', 'png', 'jpeg', 'tiff'] as const;
const COPIES = 2;
const FOLDER = join(tmpdir(), `facet-bench-bombs-${WIDTH}x${HEIGHT}`);
const MODEL = join(import.meta.dirname, '../assets/models/tiny-clip-shapes');
const HERE = fileURLToPath(import.meta.url);

interface RunResult {
  readonly peakMb: number;
  readonly embedded: number;
  readonly refused: string[];
  readonly seconds: number;
  readonly decoders: number;
}

/** The bombs, generated once per machine (generating takes far more memory than reading). */
async function generate(): Promise<string[]> {
  const { writeBomb } = await import('../native/hostile-files.fixture');
  mkdirSync(FOLDER, { recursive: true });
  const paths: string[] = [];
  for (const format of FORMATS) {
    for (let copy = 0; copy < COPIES; copy++) {
      const path = join(FOLDER, `bomb-${copy}.${format === 'jpeg' ? 'jpg' : format}`);
      if (!existsSync(path)) {
        const partial = `${path}.part.${format === 'jpeg' ? 'jpg' : format}`;
        // Each copy differs by one row, so no cache could share their work.
        await writeBomb(partial, format, WIDTH, HEIGHT - copy);
        execFileSync('mv', [partial, path]);
      }
      paths.push(path);
    }
  }
  return paths;
}

/** One measured run, in this process (started as a child by main()). */
async function measure(decoders: number): Promise<void> {
  const { loadClipModel } = await import('../main/engine/clip/index');
  const { readdirSync } = await import('node:fs');
  const paths = readdirSync(FOLDER)
    .filter((name) => name.startsWith('bomb-') && !name.includes('.part'))
    .map((name) => join(FOLDER, name));
  const model = await loadClipModel(MODEL, { device: 'cpu', decoders, batchSize: 4 });
  const started = performance.now();
  let embedded = 0;
  const refused: string[] = [];
  for await (const result of model.embedImages(paths)) {
    if (result.ok) embedded++;
    else refused.push(result.error);
  }
  await model.close();
  const result: RunResult = {
    peakMb: Math.round(process.resourceUsage().maxRSS / 1024),
    embedded,
    refused,
    seconds: (performance.now() - started) / 1000,
    decoders,
  };
  writeFileSync(1, `${JSON.stringify(result)}\n`);
}

function run(decoders: number, env: NodeJS.ProcessEnv): RunResult {
  const output = execFileSync(
    process.execPath,
    ['--import', 'tsx', HERE, '--measure', String(decoders)],
    { env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
  );
  return JSON.parse(output.trim().split('\n').pop() as string) as RunResult;
}

function line(label: string, result: RunResult, limitMb: number | null): string {
  const verdict =
    limitMb === null
      ? ''
      : result.peakMb <= limitMb
        ? ` (target ${limitMb} MB: met)`
        : ` (target ${limitMb} MB: MISSED)`;
  return `${label.padEnd(36)} peak RSS ${String(result.peakMb).padStart(5)} MB, ${result.embedded} embedded, ${result.refused.length} refused, ${result.seconds.toFixed(1)} s${verdict}`;
}

async function main(): Promise<void> {
  const measureAt = process.argv.indexOf('--measure');
  if (measureAt >= 0) return measure(Number(process.argv[measureAt + 1]));
  const started = performance.now();
  const paths = await generate();
  console.log(
    `decode memory: ${paths.length} files of ${WIDTH}x${HEIGHT} (${((WIDTH * HEIGHT) / 1e6).toFixed(0)} MP) in ${FOLDER}, ready in ${((performance.now() - started) / 1000).toFixed(1)} s; ${availableParallelism()} cores`,
  );
  const cores = availableParallelism();
  const machine = run(Math.min(cores, 8), {});
  const eight = run(8, { UV_THREADPOOL_SIZE: '8' });
  const reference = run(2, { FACET_DECODE_MEMORY_MB: '100000' });
  console.log(line(`default (${machine.decoders} decoders)`, machine, cores <= 2 ? 800 : null));
  console.log(line('8 decoders forced', eight, 1500));
  console.log(line('reference: 2 decoders, no budget', reference, null));
  for (const reason of new Set(machine.refused)) console.log(`  refused: ${reason}`);
}

void main();
