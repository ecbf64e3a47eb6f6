// Near-duplicates: photos whose CLIP embeddings AND small-thumbnail pixels both agree at a cosine
// above the threshold. CLIP alone also pairs distinct photos of the same subject; the pixels
// alone cannot tell a crop from a resize; together they find re-encoded and resized copies.
import type { ClusterTree } from './cluster-tree';

export const DEFAULT_DUPLICATE_THRESHOLD = 0.95;
/** The similarity the user chose in the Near-duplicates tab; search folds copies by it too. */
export const DUPLICATE_THRESHOLD_SETTING = 'clusters.duplicate_threshold';

export function duplicateThreshold(library: { setting(key: string): string | null }): number {
  const stored = Number(library.setting(DUPLICATE_THRESHOLD_SETTING));
  return Number.isFinite(stored) && stored > 0 && stored < 1 ? stored : DEFAULT_DUPLICATE_THRESHOLD;
}

export interface CandidatePair {
  readonly a: number;
  readonly b: number;
  /** Cosine of the two CLIP embeddings. */
  readonly similarity: number;
}

/**
 * Pairs of photos whose embeddings' cosine is >= threshold. Small libraries compare every pair;
 * large ones compare within the tree's groups (near-identical photos share a group).
 */
export function candidatePairs(
  vectors: Float32Array,
  dim: number,
  tree: ClusterTree,
  threshold: number,
): CandidatePair[] {
  const blocks = new Map<number, number[]>();
  for (let row = 0; row < tree.count; row++) {
    const block = tree.groups === tree.count ? 0 : (tree.groupOf[row] as number);
    const list = blocks.get(block);
    if (list === undefined) blocks.set(block, [row]);
    else list.push(row);
  }
  const out: CandidatePair[] = [];
  for (const rows of blocks.values()) {
    for (let x = 0; x < rows.length; x++) {
      const a = rows[x] as number;
      const oa = a * dim;
      for (let y = x + 1; y < rows.length; y++) {
        const b = rows[y] as number;
        const ob = b * dim;
        let dot = 0;
        for (let i = 0; i < dim; i++)
          dot += (vectors[oa + i] as number) * (vectors[ob + i] as number);
        if (dot >= threshold) out.push({ a: Math.min(a, b), b: Math.max(a, b), similarity: dot });
      }
    }
  }
  return out;
}

/** Cosine of two pixel thumbnails (each already centred and unit length). */
export function thumbnailSimilarity(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += (a[i] as number) * (b[i] as number);
  return dot;
}

/** Connected groups of the confirmed pairs, each sorted, largest group first. */
export function groupPairs(
  pairs: readonly { readonly a: number; readonly b: number }[],
): number[][] {
  const parent = new Map<number, number>();
  const find = (i: number): number => {
    let root = i;
    while ((parent.get(root) ?? root) !== root) root = parent.get(root) as number;
    parent.set(i, root);
    return root;
  };
  for (const { a, b } of pairs) {
    if (!parent.has(a)) parent.set(a, a);
    if (!parent.has(b)) parent.set(b, b);
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(Math.max(ra, rb), Math.min(ra, rb));
  }
  const groups = new Map<number, number[]>();
  for (const i of parent.keys()) {
    const root = find(i);
    const list = groups.get(root);
    if (list === undefined) groups.set(root, [i]);
    else list.push(i);
  }
  return [...groups.values()]
    .map((g) => g.sort((x, y) => x - y))
    .sort((x, y) => y.length - x.length || (x[0] as number) - (y[0] as number));
}

export interface DuplicateCandidate {
  readonly fileId: number;
  readonly width: number;
  readonly height: number;
  readonly size: number;
  /** File date (ms since 1970). */
  readonly date: number;
  readonly sharpness: number;
}

/** The copy to keep: most pixels, then the oldest file (copies come later), then the sharpest. */
export function bestOf<T extends DuplicateCandidate>(photos: readonly T[]): T {
  return [...photos].sort(
    (x, y) =>
      y.width * y.height - x.width * x.height ||
      x.date - y.date ||
      y.sharpness - x.sharpness ||
      y.size - x.size ||
      x.fileId - y.fileId,
  )[0] as T;
}
