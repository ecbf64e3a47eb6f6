// `npm run bench:search`: free-text search over 1,000,000 stored 512-d embeddings, read through the
// embedding store as the app and `facet search` read them. Prints ms per query of its VectorIndex
// (int8 SIMD scan + exact float32 rescoring of the best few hundred), of a plain float32 scan for
// comparison, and the recall of the top 10 against the exact answer.
// Beside the query time it prints the time of one plain pass over the index's int8 matrix (each
// byte read once, WebAssembly SIMD), measured between the same queries: the memory floor no scan
// can beat, and the ratio to it.
//   --photos N   stored embeddings (default 1000000)   --dim D   dimensions (default 512)
//   --queries N  timed queries (default 50)            --json    one JSON document on stdout
import { availableParallelism, cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { embeddingMatrix, EmbeddingStore } from '../main/engine/library/embedding-store';

const { values } = parseArgs({
  options: {
    photos: { type: 'string', default: '1000000' },
    dim: { type: 'string', default: '512' },
    queries: { type: 'string', default: '50' },
    json: { type: 'boolean', default: false },
  },
});
const photos = Number(values.photos);
const dim = Number(values.dim);
const queries = Number(values.queries);
const log = (line: string) => process.stderr.write(`${line}\n`);

/** Deterministic normal deviates (xorshift + Box-Muller), so runs are comparable. */
function normals(seed: number): () => number {
  let s = seed >>> 0 || 1;
  const uniform = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return ((s >>> 0) + 0.5) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

function normalise(v: Float32Array, from: number, length: number): void {
  let norm = 0;
  for (let i = 0; i < length; i++) norm += (v[from + i] as number) ** 2;
  const inv = 1 / Math.sqrt(norm);
  for (let i = 0; i < length; i++) v[from + i] = (v[from + i] as number) * inv;
}

// Photo embeddings cluster by subject and share a common direction, as CLIP's do.
const random = normals(42);
const topics = 2000;
const centres = new Float32Array(topics * dim);
for (let i = 0; i < centres.length; i++) centres[i] = random();
for (let t = 0; t < topics; t++) normalise(centres, t * dim, dim);
const common = new Float32Array(dim).map(() => random());
normalise(common, 0, dim);

log(`generating ${photos} embeddings of ${dim} dimensions...`);
const vectors = new Float32Array(photos * dim);
for (let p = 0; p < photos; p++) {
  const topic = p % topics;
  const at = p * dim;
  for (let i = 0; i < dim; i++)
    vectors[at + i] =
      0.6 * (centres[topic * dim + i] as number) + 0.5 * (common[i] as number) + 0.045 * random();
  normalise(vectors, at, dim);
}
const ids = Int32Array.from({ length: photos }, (_, i) => i + 1);

// A text query sits near one topic, with the low cosines (about 0.3) CLIP gives text to photos.
function textQuery(n: number): Float32Array {
  const q = new Float32Array(dim);
  const topic = (n * 7919) % topics;
  for (let i = 0; i < dim; i++)
    q[i] =
      0.3 * (centres[topic * dim + i] as number) + 0.2 * (common[i] as number) + 0.04 * random();
  normalise(q, 0, dim);
  return q;
}

function exactTop(q: Float32Array, k: number): { ids: number[]; ms: number } {
  const start = performance.now();
  const scores = new Float32Array(photos);
  for (let p = 0; p < photos; p++) {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    const at = p * dim;
    for (let i = 0; i < dim; i += 4) {
      s0 += (vectors[at + i] as number) * (q[i] as number);
      s1 += (vectors[at + i + 1] as number) * (q[i + 1] as number);
      s2 += (vectors[at + i + 2] as number) * (q[i + 2] as number);
      s3 += (vectors[at + i + 3] as number) * (q[i + 3] as number);
    }
    scores[p] = s0 + s1 + s2 + s3;
  }
  const top = Array.from({ length: photos }, (_, p) => p)
    .sort((a, b) => (scores[b] as number) - (scores[a] as number))
    .slice(0, k)
    .map((p) => ids[p] as number);
  return { ids: top, ms: performance.now() - start };
}

const store = new EmbeddingStore({
  load: (modelId) =>
    embeddingMatrix(
      modelId,
      ids,
      Array.from(ids, (id) => `/photos/${id}.jpg`),
      dim,
      vectors,
    ),
  version: () => 0,
});
const buildStart = performance.now();
const index = store.searchIndex('synthetic');
const buildMs = performance.now() - buildStart;
log(`index built in ${(buildMs / 1000).toFixed(1)} s`);

for (let w = 0; w < 3; w++) index.search(textQuery(1000 + w), { k: 50 });
for (let w = 0; w < 3; w++) index.plainPass();
const times: number[] = [];
const withHistogram: number[] = [];
const passes: number[] = [];
for (let n = 0; n < queries; n++) {
  const q = textQuery(n);
  let start = performance.now();
  index.plainPass();
  passes.push(performance.now() - start);
  start = performance.now();
  index.search(q, { k: 50 });
  times.push(performance.now() - start);
  start = performance.now();
  index.search(q, { k: 500, bins: 40 });
  withHistogram.push(performance.now() - start);
}

const checks = Math.min(5, queries);
let found = 0;
const exactTimes: number[] = [];
for (let n = 0; n < checks; n++) {
  const q = textQuery(n);
  const exact = exactTop(q, 10);
  exactTimes.push(exact.ms);
  const got = new Set(index.search(q, { k: 10 }).hits.map((hit) => hit.id));
  found += exact.ids.filter((id) => got.has(id)).length;
}

const percentile = (list: number[], p: number): number => {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number;
};
const round = (x: number) => Math.round(x * 10) / 10;
const result = {
  photos,
  dim,
  queries,
  cpus: availableParallelism(),
  cpu_model: cpus()[0]?.model.trim() ?? 'unknown',
  build_s: round(buildMs / 1000),
  ms_per_query_median: round(percentile(times, 0.5)),
  ms_per_query_p95: round(percentile(times, 0.95)),
  ms_per_query_with_histogram_median: round(percentile(withHistogram, 0.5)),
  int8_one_pass_ms_median: round(percentile(passes, 0.5)),
  ratio_to_one_pass: round(percentile(times, 0.5) / percentile(passes, 0.5)),
  float32_js_scan_ms_median: round(percentile(exactTimes, 0.5)),
  recall_at_10: found / (checks * 10),
};
if (values.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
else {
  process.stdout.write(
    `search over ${photos} x ${dim}: ${result.ms_per_query_median} ms/query median ` +
      `(p95 ${result.ms_per_query_p95}; with score histogram and 500 results ` +
      `${result.ms_per_query_with_histogram_median}); one plain pass over the int8 matrix ` +
      `${result.int8_one_pass_ms_median} ms, ratio ${result.ratio_to_one_pass} (target 2); ` +
      `plain float32 JS scan ` +
      `${result.float32_js_scan_ms_median} ms/query; recall@10 ${result.recall_at_10}; ` +
      `index build ${result.build_s} s\n`,
  );
}
