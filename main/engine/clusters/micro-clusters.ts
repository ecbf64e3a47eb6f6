// Large libraries are first split into many small groups (spherical k-means in the reduced
// space, in two levels so each photo is compared with a few dozen centres rather than
// thousands), and the average-linkage tree is built over the groups.
import { seededRandom } from './reduce';

const ITERATIONS = 5;

/** Point -> group (0..groups-1, about `groups` of them) for `count` unit rows of `dim` values. */
export function microClusters(
  points: Float32Array,
  count: number,
  dim: number,
  groups: number,
): Int32Array {
  const random = seededRandom(11);
  const all = Int32Array.from({ length: count }, (_, i) => i);
  const coarseCount = Math.max(1, Math.round(Math.sqrt(groups)));
  const coarse = kmeans(points, all, dim, coarseCount, random);
  const cells = new Map<number, number[]>();
  coarse.forEach((cell, i) => {
    const list = cells.get(cell);
    if (list === undefined) cells.set(cell, [i]);
    else list.push(i);
  });
  const out = new Int32Array(count);
  let next = 0;
  for (const members of cells.values()) {
    const rows = Int32Array.from(members);
    const k = Math.max(1, Math.round((groups * rows.length) / count));
    const fine = kmeans(points, rows, dim, k, random);
    const ids = new Map<number, number>();
    fine.forEach((c, i) => {
      let id = ids.get(c);
      if (id === undefined) ids.set(c, (id = next++));
      out[rows[i] as number] = id;
    });
  }
  return out;
}

/** Spherical k-means over the given rows; returns each row's centre (0..k-1). */
function kmeans(
  points: Float32Array,
  rows: Int32Array,
  dim: number,
  wanted: number,
  random: () => number,
): Int32Array {
  const k = Math.min(wanted, rows.length);
  const centroids = new Float32Array(k * dim);
  const picked = new Set<number>();
  for (let c = 0; c < k; c++) {
    let pick = Math.floor(random() * rows.length);
    while (picked.has(pick)) pick = (pick + 1) % rows.length;
    picked.add(pick);
    const row = rows[pick] as number;
    centroids.set(points.subarray(row * dim, row * dim + dim), c * dim);
  }
  const assignment = new Int32Array(rows.length);
  for (let iteration = 0; iteration < ITERATIONS; iteration++) {
    assign(points, rows, dim, centroids, k, assignment);
    const sums = new Float64Array(k * dim);
    const sizes = new Int32Array(k);
    rows.forEach((row, i) => {
      const c = assignment[i] as number;
      sizes[c] = (sizes[c] as number) + 1;
      const o = row * dim;
      const s = c * dim;
      for (let j = 0; j < dim; j++)
        sums[s + j] = (sums[s + j] as number) + (points[o + j] as number);
    });
    for (let c = 0; c < k; c++) {
      const s = c * dim;
      if (sizes[c] === 0) {
        // An empty centre restarts on a random photo rather than being lost.
        const row = rows[Math.floor(random() * rows.length)] as number;
        centroids.set(points.subarray(row * dim, row * dim + dim), s);
        continue;
      }
      let norm = 0;
      for (let j = 0; j < dim; j++) norm += (sums[s + j] as number) ** 2;
      norm = Math.sqrt(norm) || 1;
      for (let j = 0; j < dim; j++) centroids[s + j] = (sums[s + j] as number) / norm;
    }
  }
  assign(points, rows, dim, centroids, k, assignment);
  return assignment;
}

function assign(
  points: Float32Array,
  rows: Int32Array,
  dim: number,
  centroids: Float32Array,
  k: number,
  out: Int32Array,
): void {
  rows.forEach((row, i) => {
    const o = row * dim;
    let best = 0;
    let bestDot = -Infinity;
    for (let c = 0; c < k; c++) {
      const s = c * dim;
      let dot = 0;
      for (let j = 0; j < dim; j++) dot += (points[o + j] as number) * (centroids[s + j] as number);
      if (dot > bestDot) {
        bestDot = dot;
        best = c;
      }
    }
    out[i] = best;
  });
}
