// `npm run bench:labels`: how long re-scoring the whole library takes when the user edits one
// label, on a synthetic library (50,000 unit embeddings by default) read through the embedding
// store, as the app's label scores read it. Each round changes one label's prompts and re-scores the set: that label's column is
// recomputed, the softmax (exclusive) or the threshold fits (multi) are redone. Beside each time
// it prints the time of one plain pass over the same matrix (summing every value), measured in
// the same rounds: the memory floor no re-scoring can beat, and the ratio to it.
//   --photos N   library size (default 50000)   --labels N   labels in the set (default 20)
//   --rounds N   edits timed (default 15)       --json       one JSON document on stdout
import { availableParallelism, cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { loadClipModel } from '../main/engine/clip/index';
import { builtInModelDir } from '../main/engine/engine';
import type { LabelSet } from '../main/engine/labels/label-set';
import { LabelScorer } from '../main/engine/labels/label-scores';
import {
  embeddingMatrix,
  EmbeddingStore,
  type EmbeddingMatrix,
} from '../main/engine/library/embedding-store';
import { unitRows } from './bench-assets';

const { values } = parseArgs({
  options: {
    photos: { type: 'string', default: '50000' },
    labels: { type: 'string', default: '20' },
    rounds: { type: 'string', default: '15' },
    json: { type: 'boolean', default: false },
  },
});
const PHOTOS = Number(values.photos);
const LABELS = Number(values.labels);
const ROUNDS = Number(values.rounds);

/** The store's matrix of a synthetic library (the app's store reads the library's database). */
function syntheticLibrary(rows: number, dim: number): EmbeddingMatrix {
  const ids = new Int32Array(rows).map((_, i) => i + 1);
  const store = new EmbeddingStore({
    load: (modelId) =>
      embeddingMatrix(
        modelId,
        ids,
        [...ids].map((id) => `/photos/${id}.jpg`),
        dim,
        unitRows(rows, dim, dim),
      ),
    version: () => 0,
  });
  return store.matrix(`synthetic-${dim}`);
}

/** Stands in for a text tower: a fixed vector per text (its cost is measured apart below). */
function syntheticTexts(dim: number) {
  return async (texts: readonly string[]) =>
    texts.map((text) => {
      let seed = 17;
      for (const ch of text) seed = (seed * 31 + ch.charCodeAt(0)) >>> 0;
      return unitRows(1, dim, seed);
    });
}

function labelSet(mode: 'exclusive' | 'multi', round: number): LabelSet {
  return {
    name: 'Bench',
    mode,
    templates: ['a photo of a {}.', 'a picture of a {}.', 'an image of a {}.', 'a {}.'],
    labels: Array.from({ length: LABELS }, (_, i) => ({
      name: `label ${i}`,
      // Label 0 is the one the user keeps editing.
      prompts: i === 0 ? [`edited words ${round}`] : [`label ${i}`, `synonym ${i}`],
      threshold: null,
    })),
    file: 'bench',
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] as number;

/** One plain pass over the matrix: every value read once, with the column's loop shape. */
function onePass(matrix: EmbeddingMatrix): number {
  const { vectors } = matrix;
  const start = performance.now();
  let a = 0;
  let b = 0;
  let c = 0;
  let d = 0;
  const tail = vectors.length - (vectors.length % 4);
  for (let i = 0; i < tail; i += 4) {
    a += vectors[i] as number;
    b += vectors[i + 1] as number;
    c += vectors[i + 2] as number;
    d += vectors[i + 3] as number;
  }
  const elapsed = performance.now() - start;
  if (!Number.isFinite(a + b + c + d))
    throw new Error('the matrix holds a value that is not finite');
  return elapsed;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

async function timeEdits(
  matrix: EmbeddingMatrix,
  mode: 'exclusive' | 'multi',
  embed = syntheticTexts(matrix.dim),
  scale = 100,
) {
  const scorer = new LabelScorer(matrix, embed, scale);
  await scorer.score(labelSet(mode, 0)); // the first load scores every label
  onePass(matrix); // warm the plain pass as the scorer is warm
  const times: number[] = [];
  const passes: number[] = [];
  // Edits and plain passes take turns, so both see the same load on the machine.
  for (let round = 1; round <= ROUNDS; round++) {
    passes.push(onePass(matrix));
    const start = performance.now();
    await scorer.score(labelSet(mode, round));
    times.push(performance.now() - start);
  }
  return {
    median_ms: round1(median(times)),
    max_ms: round1(Math.max(...times)),
    min_ms: round1(Math.min(...times)),
    one_pass_ms: round1(median(passes)),
    ratio: round1(median(times) / median(passes)),
  };
}

async function main(): Promise<void> {
  const results: Record<string, unknown>[] = [];
  const report = (row: Record<string, unknown>) => {
    results.push(row);
    if (!values.json) console.log(JSON.stringify(row));
  };

  for (const dim of [512, 1024]) {
    const matrix = syntheticLibrary(PHOTOS, dim);
    for (const mode of ['exclusive', 'multi'] as const)
      report({
        case: `${PHOTOS} photos x ${dim}-d, ${LABELS} labels, ${mode}, one label edited`,
        ...(await timeEdits(matrix, mode)),
      });
  }

  // With the real text tower: the demo model embeds the edited label's texts (64-d, so the
  // column costs less; the text part is what this adds).
  const model = await loadClipModel(builtInModelDir(), { device: 'cpu' });
  try {
    const matrix = syntheticLibrary(PHOTOS, model.info.embedDim);
    report({
      case: `${PHOTOS} photos x ${model.info.embedDim}-d (${model.info.id} text tower), ${LABELS} labels, exclusive, one label edited`,
      ...(await timeEdits(
        matrix,
        'exclusive',
        (texts) => model.embedTexts(texts),
        model.info.logitScale,
      )),
    });
  } finally {
    await model.close();
  }

  const machine = {
    cpus: availableParallelism(),
    cpu: cpus()[0]?.model ?? 'unknown',
    target_ratio: 3,
  };
  if (values.json) console.log(JSON.stringify({ machine, results }, null, 2));
  else
    console.log(
      `machine: ${machine.cpus} cores, ${machine.cpu}; target: within ${machine.target_ratio}x one pass at 1024-d ` +
        '(the text tower case adds its embedding of the edited texts)',
    );
}

void main();
