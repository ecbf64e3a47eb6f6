// Clustering benchmark: 100,000 synthetic 512-d embeddings (unit vectors around 800 topics plus
// scattered photos), clustered as the library is; prints seconds, memory and agreement.
import { adjustedRandIndex } from '../main/engine/clusters/agreement';
import { buildClusterTree, cutClusters } from '../main/engine/clusters/cluster-tree';
import { candidatePairs } from '../main/engine/clusters/duplicates';
import { gaussian, layoutMap } from '../main/engine/clusters/library-map';
import { seededRandom, textMetric } from '../main/engine/clusters/reduce';

const count = Number(process.argv[2] ?? 100_000);
const VOCABULARY_WORDS = 2500;
const dim = Number(process.argv[3] ?? 512);
const topics = 800;
const spread = 0.6;

function syntheticLibrary(): { vectors: Float32Array; topicOf: Int32Array; copies: number } {
  const random = seededRandom(3);
  const centres = new Float32Array(topics * dim).map(() => gaussian(random));
  const vectors = new Float32Array(count * dim);
  const topicOf = new Int32Array(count);
  let copies = 0;
  for (let row = 0; row < count; row++) {
    if (row > 0 && random() < 0.005) {
      // A near-copy of the previous photo (a re-encoded duplicate).
      copies++;
      topicOf[row] = topicOf[row - 1] as number;
      let norm = 0;
      for (let i = 0; i < dim; i++) {
        const value = (vectors[(row - 1) * dim + i] as number) + 0.003 * gaussian(random);
        vectors[row * dim + i] = value;
        norm += value * value;
      }
      norm = Math.sqrt(norm);
      for (let i = 0; i < dim; i++)
        vectors[row * dim + i] = (vectors[row * dim + i] as number) / norm;
      continue;
    }
    const scattered = random() < 0.05;
    const topic = scattered ? -1 - row : Math.floor(random() ** 1.5 * topics);
    topicOf[row] = topic;
    let norm = 0;
    for (let i = 0; i < dim; i++) {
      const base = topic >= 0 ? (centres[topic * dim + i] as number) : 0;
      const value = base + (topic >= 0 ? spread : 1) * gaussian(random);
      vectors[row * dim + i] = value;
      norm += value * value;
    }
    norm = Math.sqrt(norm);
    for (let i = 0; i < dim; i++)
      vectors[row * dim + i] = (vectors[row * dim + i] as number) / norm;
  }
  return { vectors, topicOf, copies };
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const { vectors, topicOf, copies } = syntheticLibrary();
const before = process.memoryUsage();
let peak = before.rss;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
// The vocabulary's text embeddings the app compares photos by: as many random words as it has.
const wordRandom = seededRandom(11);
const words = Array.from({ length: VOCABULARY_WORDS }, () => {
  const word = Float32Array.from({ length: dim }, () => gaussian(wordRandom));
  const norm = Math.hypot(...word);
  return word.map((x) => x / norm);
});
const started = performance.now();
const metric = textMetric(words, dim);
const tree = buildClusterTree(vectors, count, dim, metric);
const built = performance.now();
const clustering = cutClusters(tree);
const cut = performance.now();
const pairs = candidatePairs(vectors, dim, tree, 0.95);
const done = performance.now();
const positions = layoutMap(tree);
const mapped = performance.now();
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss);

const labels = new Array<number>(count);
clustering.clusters.forEach((members, c) => members.forEach((row) => (labels[row] = c)));
clustering.noise.forEach((row) => (labels[row] = -1 - row));
console.log(
  JSON.stringify(
    {
      photos: count,
      dimensions: dim,
      seconds: {
        tree: +((built - started) / 1000).toFixed(2),
        cut: +((cut - built) / 1000).toFixed(2),
        duplicateCandidates: +((done - cut) / 1000).toFixed(2),
        total: +((done - started) / 1000).toFixed(2),
        map: +((mapped - done) / 1000).toFixed(2),
      },
      memory: {
        embeddings: mib(vectors.byteLength),
        rssBefore: mib(before.rss),
        rssPeak: mib(peak),
        heapUsed: mib(process.memoryUsage().heapUsed),
      },
      mapPoints: positions.length / 2,
      clusters: clustering.clusters.length,
      noise: clustering.noise.length,
      duplicatePairs: `${pairs.length} found, ${copies} planted`,
      scatteredPhotosInNoise: `${clustering.noise.filter((row) => (topicOf[row] as number) < 0).length} of ${topicOf.filter((t) => t < 0).length}`,
      adjustedRandIndex: +adjustedRandIndex(labels, Array.from(topicOf)).toFixed(3),
    },
    null,
    2,
  ),
);
