// `npm run bench`: end-to-end indexing throughput (photos/s from a folder to embeddings stored in
// the library) of Facet against an rclip-style PyTorch pipeline, same photos, same model weights.
//   --files N          photos to index (default 200, 12 MP JPEGs generated once and cached)
//   --warmup N         photos indexed first, untimed (default 16)
//   --models a,b       tiny (assets/models/tiny-clip-shapes) and/or vitb32 (random ViT-B/32)
//   --raw N            the RAW case: a real CR2 copied N times against its JPEG (default 100; 0: skip)
//   --raw-only         only the RAW case (no PyTorch reference needed)
//   --json             one JSON document on stdout; progress always goes to stderr
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { TINY_MODEL_DIR, ensurePhotos, ensureVitB32, log, photoSet } from './bench-assets';
import { benchRaw, rawSummary, type RawBenchmark } from './raw-bench';
import { profileStages, type StageProfile } from './stage-profile';
import { FACET_CHILD_FLAG, measureFacet, measureFacetInChild, type FacetRun } from './facet-side';
import {
  checkOnnxMatchesPyTorch,
  runReference,
  type ReferenceModel,
  type ReferenceRun,
} from './reference-side';

const MODELS: Readonly<Record<ReferenceModel, string>> = {
  tiny: 'tiny-clip-shapes',
  vitb32: 'vit-b32-random',
};

export interface Benchmark {
  readonly name: string;
  readonly facet_per_s: number;
  readonly reference_per_s: number;
  readonly ratio: number;
  readonly peak_rss_mb: number;
  readonly reference_peak_rss_mb: number;
  readonly files: number;
  readonly device: string;
  readonly facet_seconds: number;
  readonly reference_seconds: number;
  readonly facet_errors: number;
  readonly onnx_vs_pytorch_max_abs_diff: number;
  readonly reference_breakdown_s: {
    readonly decode_preprocess: number;
    readonly inference: number;
    readonly db: number;
  };
  readonly reference_batch: number;
  readonly reference_threads: number;
  /** The reference with PIL's JPEG draft mode (shrink on load), which rclip does not use. */
  readonly reference_draft_per_s: number;
  readonly ratio_vs_reference_draft: number;
  readonly facet_stages: StageProfile;
  /** 1-minute load average when each run started: other work on the machine skews the figures. */
  readonly load_avg_1m: { readonly reference: number; readonly facet: number };
}

function machine(): Record<string, string | number> {
  const list = cpus();
  return {
    cpus: availableParallelism(),
    cpu_model: list[0]?.model.trim() ?? 'unknown',
    memory_gb: Math.round(totalmem() / 2 ** 30),
    platform: `${process.platform}-${process.arch}`,
    node: process.version,
  };
}

function round(value: number, digits = 2): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

async function benchModel(
  model: ReferenceModel,
  folder: string,
  warmup: string,
): Promise<Benchmark> {
  const name = MODELS[model];
  const vit = model === 'vitb32' ? await ensureVitB32() : null;
  const modelDir = vit?.modelDir ?? TINY_MODEL_DIR;
  const reference: ReferenceRun = {
    model,
    modelDir,
    ...(vit ? { weights: vit.weights } : {}),
    folder,
    warmup,
  };

  const check = await checkOnnxMatchesPyTorch(reference);
  log(
    `${name}: PyTorch vs onnxruntime on one batch of ${check.batch} photos: ` +
      `max abs diff ${check.maxAbsDiff.toExponential(2)} (limit 1e-4)`,
  );
  if (!(check.maxAbsDiff <= 1e-4)) {
    throw new Error(`${name}: the PyTorch reference does not compute the ONNX model's embeddings`);
  }

  log(`${name}: reference (PyTorch) run`);
  const referenceLoad = loadavg()[0] ?? 0;
  const ref = await runReference(reference);
  log(`${name}: reference ${ref.per_s.toFixed(2)} files/s`);
  log(`${name}: reference run with JPEG draft decoding`);
  const refDraft = await runReference(reference, true);
  log(`${name}: reference with draft ${refDraft.per_s.toFixed(2)} files/s`);
  log(`${name}: Facet run`);
  const facetLoad = loadavg()[0] ?? 0;
  const facet = await measureFacetInChild({ modelDir, folder, warmup });
  log(`${name}: Facet ${facet.per_s.toFixed(2)} files/s`);
  const stages = await profileStages(modelDir, folder);
  log(
    `${name}: Facet stages alone: decode ${stages.decode_per_s.toFixed(1)} files/s ` +
      `(${stages.decoders} at once), inference ${stages.inference_per_s.toFixed(1)} files/s`,
  );
  if (facet.embedded !== ref.stored) {
    log(`${name}: Facet stored ${facet.embedded} embeddings, the reference ${ref.stored}`);
  }
  return {
    name,
    facet_per_s: round(facet.per_s),
    reference_per_s: round(ref.per_s),
    ratio: round(facet.per_s / ref.per_s),
    peak_rss_mb: facet.peak_rss_mb,
    reference_peak_rss_mb: ref.peak_rss_mb,
    files: facet.embedded,
    device: facet.device,
    facet_seconds: round(facet.seconds),
    reference_seconds: round(ref.seconds),
    facet_errors: facet.errors,
    onnx_vs_pytorch_max_abs_diff: check.maxAbsDiff,
    reference_breakdown_s: {
      decode_preprocess: ref.decode_preprocess_s,
      inference: ref.inference_s,
      db: ref.db_s,
    },
    reference_batch: ref.batch,
    reference_threads: ref.threads,
    reference_draft_per_s: round(refDraft.per_s),
    ratio_vs_reference_draft: round(facet.per_s / refDraft.per_s),
    facet_stages: {
      ...stages,
      decode_per_s: round(stages.decode_per_s),
      inference_per_s: round(stages.inference_per_s),
    },
    load_avg_1m: { reference: round(referenceLoad), facet: round(facetLoad) },
  };
}

function table(rows: readonly Benchmark[]): string {
  const header = [
    'model',
    'Facet files/s',
    'reference files/s',
    'ratio',
    'Facet peak RSS MB',
    'reference peak RSS MB',
  ];
  const body = rows.map((b) => [
    b.name,
    b.facet_per_s.toFixed(2),
    b.reference_per_s.toFixed(2),
    `${b.ratio.toFixed(2)}x`,
    b.peak_rss_mb.toFixed(0),
    b.reference_peak_rss_mb.toFixed(0),
  ]);
  return aligned(header, body);
}

function aligned(header: readonly string[], body: readonly string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), ...body.map(line)].join('\n');
}

function stageTable(rows: readonly Benchmark[]): string {
  const header = [
    'model',
    'Facet decode/s',
    'Facet inference/s',
    'ref decode s',
    'ref inference s',
    'ref DB s',
    'ref+draft files/s',
    'ratio vs draft',
  ];
  const body = rows.map((b) => [
    b.name,
    b.facet_stages.decode_per_s.toFixed(1),
    b.facet_stages.inference_per_s.toFixed(1),
    b.reference_breakdown_s.decode_preprocess.toFixed(1),
    b.reference_breakdown_s.inference.toFixed(1),
    b.reference_breakdown_s.db.toFixed(2),
    b.reference_draft_per_s.toFixed(2),
    `${b.ratio_vs_reference_draft.toFixed(2)}x`,
  ]);
  return aligned(header, body);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      files: { type: 'string', default: '200' },
      warmup: { type: 'string', default: '16' },
      models: { type: 'string', default: 'tiny,vitb32' },
      raw: { type: 'string', default: '100' },
      'raw-only': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  });
  const rawFiles = Number(values.raw);
  if (!Number.isInteger(rawFiles) || rawFiles < 0) throw new Error('--raw takes a whole number');
  const files = Number(values.files);
  const warmupFiles = Number(values.warmup);
  if (!Number.isInteger(files) || files < 1) throw new Error('--files takes a positive integer');
  if (!Number.isInteger(warmupFiles) || warmupFiles < 1) {
    throw new Error('--warmup takes a positive integer');
  }
  const models = values.models.split(',').map((m) => m.trim());
  for (const m of models) {
    if (!(m in MODELS)) throw new Error(`--models: unknown model "${m}" (tiny, vitb32)`);
  }

  const host = machine();
  log(`machine: ${host.cpus} CPUs (${host.cpu_model}), ${host.memory_gb} GB, ${host.platform}`);
  const raw: RawBenchmark | null =
    rawFiles > 0 ? await benchRaw(rawFiles, Math.min(warmupFiles, rawFiles)) : null;
  if (values['raw-only']) {
    if (raw === null) throw new Error('--raw-only needs --raw above 0');
    process.stdout.write(
      values.json ? `${JSON.stringify({ machine: host, raw }, null, 2)}\n` : `${rawSummary(raw)}\n`,
    );
    return;
  }
  await ensurePhotos(files + warmupFiles);
  const folder = await photoSet(`files-${files}`, 0, files);
  const warmup = await photoSet(`warmup-${warmupFiles}`, files, warmupFiles);

  const benchmarks: Benchmark[] = [];
  for (const model of models as ReferenceModel[]) {
    benchmarks.push(await benchModel(model, folder, warmup));
  }

  if (values.json) {
    process.stdout.write(`${JSON.stringify({ machine: host, benchmarks, raw }, null, 2)}\n`);
    return;
  }
  process.stdout.write(
    [
      `Indexing ${files} photos of 12 MP (JPEG, 4000x3000 and 3000x4000) after a ${warmupFiles}-photo warm-up`,
      `machine: ${host.cpus} CPUs, ${host.cpu_model}, ${host.memory_gb} GB, ${host.platform}, node ${host.node}`,
      'reference: rclip-style PIL + PyTorch pipeline writing SQLite, same weights',
      '',
      table(benchmarks),
      '',
      `1-minute load average at the start of each run (${host.cpus} CPUs): ` +
        benchmarks
          .map(
            (b) => `${b.name} reference ${b.load_avg_1m.reference}, Facet ${b.load_avg_1m.facet}`,
          )
          .join('; '),
      '',
      'Where the time goes (Facet stages timed alone; reference seconds for the whole run):',
      stageTable(benchmarks),
      '',
      ...(raw === null ? [] : [rawSummary(raw), '']),
    ].join('\n'),
  );
}

async function child(runJson: string): Promise<void> {
  const result = await measureFacet(JSON.parse(runJson) as FacetRun);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

const childIndex = process.argv.indexOf(FACET_CHILD_FLAG);
const job = childIndex >= 0 ? child(process.argv[childIndex + 1] ?? '{}') : main();
job.then(
  // Open handles (worker threads, timers) must not keep a finished benchmark alive.
  () => process.exit(0),
  (error: unknown) => {
    log(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
