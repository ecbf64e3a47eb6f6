// The 2-D map of the library: UMAP (umap-js) over the reduced space. Up to MAP_FIT_LIMIT photos
// are laid out themselves; in a larger library UMAP lays out anchors (the tree's groups, or a
// sample) and each photo sits near its anchor, so the map costs seconds at any size.
import { UMAP } from 'umap-js';
import type { ClusterTree } from './cluster-tree';
import { seededRandom } from './reduce';

export const MAP_FIT_LIMIT = 1500;
const EPOCHS = 200;

/** count x 2 positions, roughly within [-10, 10]. */
export function layoutMap(tree: ClusterTree): Float32Array {
  const { count } = tree;
  const rank = tree.space.rank;
  const out = new Float32Array(count * 2);
  if (count < 4) {
    for (let i = 0; i < count; i++) out[i * 2] = i;
    return out;
  }
  const random = seededRandom(5);
  const { anchors, anchorOf } = chooseAnchors(tree, random);
  const anchorCount = anchors.length / rank;
  const rows = Array.from({ length: anchorCount }, (_, i) =>
    Array.from(anchors.subarray(i * rank, i * rank + rank)),
  );
  const umap = new UMAP({
    nComponents: 2,
    nNeighbors: Math.max(2, Math.min(15, anchorCount - 1)),
    minDist: 0.1,
    nEpochs: EPOCHS,
    random,
    distanceFn: cosineDistance,
  });
  const placed = anchorCount >= 4 ? umap.fit(rows) : rows.map((_, i) => [i, 0]);
  if (anchorOf === null) {
    placed.forEach(([x, y], i) => out.set([x as number, y as number], i * 2));
    return out;
  }
  const spread = 0.25 * typicalGap(placed);
  for (let i = 0; i < count; i++) {
    const [x, y] = placed[anchorOf[i] as number] as number[];
    out[i * 2] = (x as number) + spread * gaussian(random);
    out[i * 2 + 1] = (y as number) + spread * gaussian(random);
  }
  return out;
}

function chooseAnchors(
  tree: ClusterTree,
  random: () => number,
): { anchors: Float32Array; anchorOf: Int32Array | null } {
  const { count, points } = tree;
  const rank = tree.space.rank;
  if (count <= MAP_FIT_LIMIT) return { anchors: points, anchorOf: null };
  if (tree.groups < count && tree.groups <= 2 * MAP_FIT_LIMIT) {
    const sums = new Float32Array(tree.groups * rank);
    for (let i = 0; i < count; i++) {
      const g = tree.groupOf[i] as number;
      for (let k = 0; k < rank; k++)
        sums[g * rank + k] = (sums[g * rank + k] as number) + (points[i * rank + k] as number);
    }
    return { anchors: sums, anchorOf: tree.groupOf };
  }
  const picked: number[] = [];
  const step = count / MAP_FIT_LIMIT;
  for (let i = 0; i < MAP_FIT_LIMIT; i++)
    picked.push(Math.min(count - 1, Math.floor((i + random()) * step)));
  const anchors = new Float32Array(picked.length * rank);
  picked.forEach((row, i) => anchors.set(points.subarray(row * rank, row * rank + rank), i * rank));
  const anchorOf = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    let best = 0;
    let bestDot = -Infinity;
    for (let a = 0; a < picked.length; a++) {
      let dot = 0;
      for (let k = 0; k < rank; k++)
        dot += (points[i * rank + k] as number) * (anchors[a * rank + k] as number);
      if (dot > bestDot) {
        bestDot = dot;
        best = a;
      }
    }
    anchorOf[i] = best;
  }
  return { anchors, anchorOf };
}

function cosineDistance(a: number[], b: number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += (a[i] as number) * (b[i] as number);
    na += (a[i] as number) ** 2;
    nb += (b[i] as number) ** 2;
  }
  return 1 - dot / (Math.sqrt(na * nb) || 1);
}

/** Median distance between an anchor and its nearest neighbour on the map (sampled). */
function typicalGap(placed: number[][]): number {
  const gaps: number[] = [];
  const step = Math.max(1, Math.floor(placed.length / 200));
  for (let i = 0; i < placed.length; i += step) {
    let best = Infinity;
    const [x, y] = placed[i] as number[];
    for (let j = 0; j < placed.length; j++) {
      if (j === i) continue;
      const [u, v] = placed[j] as number[];
      best = Math.min(
        best,
        Math.hypot((x as number) - (u as number), (y as number) - (v as number)),
      );
    }
    gaps.push(best);
  }
  gaps.sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 2)] ?? 1;
}

export function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(random() || 1e-12)) * Math.cos(2 * Math.PI * random());
}
