// Average-linkage clustering in cosine geometry. For unit vectors the mean similarity between
// two groups is the dot product of their sums divided by both sizes, so groups of photos
// (micro-clusters) merge exactly as their photos would, and the merge tree is computed once
// and cut at any distance afterwards.

export interface Merge {
  /** Group indices: after the merge, `a` stands for both. */
  readonly a: number;
  readonly b: number;
  /** 1 - mean cosine similarity between the two merged sets. */
  readonly distance: number;
}

/**
 * Merge tree of `groups` groups whose vector sums (groups x dim) and sizes are given, built with
 * the nearest-neighbour chain (O(groups²) time, groups² doubles of memory).
 */
export function averageLinkage(sums: Float32Array, sizes: readonly number[], dim: number): Merge[] {
  const n = sizes.length;
  const gram = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const a = i * dim;
    for (let j = i; j < n; j++) {
      const b = j * dim;
      let dot = 0;
      for (let k = 0; k < dim; k++) dot += (sums[a + k] as number) * (sums[b + k] as number);
      gram[i * n + j] = dot;
      gram[j * n + i] = dot;
    }
  }
  const size = Float64Array.from(sizes);
  const active = new Uint8Array(n).fill(1);
  const activeList: number[] = Array.from({ length: n }, (_, i) => i);
  const merges: Merge[] = [];
  const chain: number[] = [];
  let remaining = n;
  while (remaining > 1) {
    if (chain.length === 0) {
      const first = activeList.find((i) => active[i] === 1) as number;
      chain.push(first);
    }
    const top = chain[chain.length - 1] as number;
    const previous = chain.length >= 2 ? (chain[chain.length - 2] as number) : -1;
    let best = previous;
    let bestSimilarity =
      previous >= 0
        ? (gram[top * n + previous] as number) / (size[top]! * size[previous]!)
        : -Infinity;
    const row = top * n;
    for (let k = 0; k < activeList.length; k++) {
      const j = activeList[k] as number;
      if (j === top || active[j] === 0) continue;
      const similarity = (gram[row + j] as number) / ((size[top] as number) * (size[j] as number));
      if (similarity > bestSimilarity) {
        bestSimilarity = similarity;
        best = j;
      }
    }
    if (best === previous && previous >= 0) {
      chain.pop();
      chain.pop();
      const [a, b] = top < previous ? [top, previous] : [previous, top];
      merges.push({ a, b, distance: 1 - bestSimilarity });
      const ra = a * n;
      const rb = b * n;
      for (let k = 0; k < activeList.length; k++) {
        const j = activeList[k] as number;
        const merged = (gram[ra + j] as number) + (gram[rb + j] as number);
        gram[ra + j] = merged;
        gram[j * n + a] = merged;
      }
      size[a] = (size[a] as number) + (size[b] as number);
      active[b] = 0;
      remaining--;
      if (remaining % 64 === 0) compact(activeList, active);
    } else chain.push(best);
  }
  return merges;
}

function compact(list: number[], active: Uint8Array): void {
  let w = 0;
  for (const i of list) if (active[i] === 1) list[w++] = i;
  list.length = w;
}

/** Group index -> cluster index when the tree is cut at `distance` (clusters numbered from 0). */
export function cutTree(groups: number, merges: readonly Merge[], distance: number): Int32Array {
  const parent = Int32Array.from({ length: groups }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i] as number] as number;
      i = parent[i] as number;
    }
    return i;
  };
  for (const merge of merges) if (merge.distance <= distance) parent[find(merge.b)] = find(merge.a);
  const ids = new Map<number, number>();
  const out = new Int32Array(groups);
  for (let i = 0; i < groups; i++) {
    const root = find(i);
    let id = ids.get(root);
    if (id === undefined) ids.set(root, (id = ids.size));
    out[i] = id;
  }
  return out;
}
