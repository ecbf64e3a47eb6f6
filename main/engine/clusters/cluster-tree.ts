// From embeddings to clusters: reduced space, groups (every photo on its own in a library of a
// few thousand, k-means groups beyond), the average-linkage tree over them, and its cut.
import { averageLinkage, cutTree, type Merge } from './linkage';
import { microClusters } from './micro-clusters';
import { fitReducedSpace, project, type ReducedSpace } from './reduce';

/** Up to this many photos the tree is built over the photos themselves (exact). */
export const EXACT_LIMIT = 3000;
/** Groups the tree is built over in a larger library. */
export const LARGE_LIBRARY_GROUPS = 1500;
/** Cut shown before a library has clusters (the usual cut of a real library's tree). */
export const DEFAULT_CUT = 0.15;
/**
 * The default cut, in typical nearest-neighbour distances of the library: how far apart photos of
 * one subject lie depends on the model and the library, so the cut follows them. On the sample
 * photos this joins what shows one colour and shape, whatever space the photos are compared in.
 */
const CUT_PER_NEIGHBOUR = 3.6;
/** Photos whose nearest neighbour is measured for the default cut. */
const NEIGHBOUR_SAMPLE = 300;
/** Smaller clusters are not shown as clusters: their photos are noise. */
export const MIN_CLUSTER_SIZE = 3;

export interface ClusterTree {
  readonly count: number;
  readonly space: ReducedSpace;
  /** count x rank unit rows: each photo in the reduced space. */
  readonly points: Float32Array;
  /** Photo -> group the tree was built over. */
  readonly groupOf: Int32Array;
  readonly groups: number;
  readonly merges: readonly Merge[];
}

export interface Clustering {
  /** Photo indices per cluster, largest cluster first. */
  readonly clusters: readonly (readonly number[])[];
  readonly noise: readonly number[];
}

/** `metric`: the text metric (reduce.ts) photos are compared in; null compares embeddings as they are. */
export function buildClusterTree(
  vectors: Float32Array,
  count: number,
  dim: number,
  metric: Float64Array | null = null,
): ClusterTree {
  const space = fitReducedSpace(vectors, count, dim, metric);
  const points = project(space, vectors, count);
  const rank = space.rank;
  const groupOf =
    count <= EXACT_LIMIT
      ? Int32Array.from({ length: count }, (_, i) => i)
      : microClusters(points, count, rank, LARGE_LIBRARY_GROUPS);
  let groups = 0;
  for (const g of groupOf) groups = Math.max(groups, g + 1);
  const sums = new Float32Array(groups * rank);
  const sizes = new Array<number>(groups).fill(0);
  for (let row = 0; row < count; row++) {
    const g = groupOf[row] as number;
    sizes[g] = (sizes[g] as number) + 1;
    for (let k = 0; k < rank; k++)
      sums[g * rank + k] = (sums[g * rank + k] as number) + (points[row * rank + k] as number);
  }
  const merges = groups > 1 ? averageLinkage(sums, sizes, rank) : [];
  return { count, space, points, groupOf, groups, merges };
}

/** The cut a library starts with: CUT_PER_NEIGHBOUR times its median nearest-neighbour distance. */
export function defaultCut(tree: ClusterTree): number {
  const { points, count } = tree;
  const rank = tree.space.rank;
  if (count < 2) return DEFAULT_CUT;
  const step = Math.max(1, Math.floor(count / NEIGHBOUR_SAMPLE));
  const nearest: number[] = [];
  for (let i = 0; i < count; i += step) {
    let best = -Infinity;
    for (let j = 0; j < count; j++) {
      if (j === i) continue;
      let dot = 0;
      for (let k = 0; k < rank; k++)
        dot += (points[i * rank + k] as number) * (points[j * rank + k] as number);
      if (dot > best) best = dot;
    }
    nearest.push(1 - best);
  }
  nearest.sort((a, b) => a - b);
  const median = nearest[Math.floor(nearest.length / 2)] as number;
  return Math.min(0.9, Math.max(0.02, CUT_PER_NEIGHBOUR * median));
}

export function cutClusters(
  tree: ClusterTree,
  distance = defaultCut(tree),
  minSize = MIN_CLUSTER_SIZE,
): Clustering {
  const clusterOfGroup = cutTree(tree.groups, tree.merges, distance);
  const members = new Map<number, number[]>();
  for (let row = 0; row < tree.count; row++) {
    const c = clusterOfGroup[tree.groupOf[row] as number] as number;
    const list = members.get(c);
    if (list === undefined) members.set(c, [row]);
    else list.push(row);
  }
  const clusters: number[][] = [];
  const noise: number[] = [];
  for (const found of members.values()) {
    const list = tree.groups < tree.count ? dropStrays(tree, found, distance, noise) : found;
    if (list.length >= minSize) clusters.push(list);
    else noise.push(...list);
  }
  clusters.sort((a, b) => b.length - a.length || (a[0] as number) - (b[0] as number));
  return { clusters, noise: noise.sort((a, b) => a - b) };
}

/**
 * In a grouped tree a group can hold a photo unlike its neighbours (k-means puts every photo
 * somewhere): one whose mean similarity to the rest of its cluster is beyond the cut is noise.
 */
function dropStrays(
  tree: ClusterTree,
  list: number[],
  distance: number,
  noise: number[],
): number[] {
  const rank = tree.space.rank;
  const sum = new Float64Array(rank);
  for (const row of list)
    for (let k = 0; k < rank; k++)
      sum[k] = (sum[k] as number) + (tree.points[row * rank + k] as number);
  if (list.length < 2) return list;
  return list.filter((row) => {
    let dot = 0;
    for (let k = 0; k < rank; k++)
      dot += (tree.points[row * rank + k] as number) * (sum[k] as number);
    const others = (dot - 1) / (list.length - 1);
    if (1 - others <= distance) return true;
    noise.push(row);
    return false;
  });
}
