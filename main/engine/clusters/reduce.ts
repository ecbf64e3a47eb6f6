// The reduced space clusters are found in: embeddings centred on the library's mean (so
// "similar" means similar relative to this library), compared by what they say about words (the
// text metric below), and projected on their main directions.

export interface ReducedSpace {
  readonly dim: number;
  readonly rank: number;
  readonly mean: Float32Array;
  /** rank x dim, row-major: a photo's coordinates are its centred embedding times each row. */
  readonly basis: Float32Array;
}

/** Rows used to estimate the covariance; more adds seconds and changes little. */
const COVARIANCE_SAMPLE = 6000;
const MAX_RANK = 32;
const POWER_STEPS = 30;

/** Deterministic pseudo-random numbers: the same library gives the same clusters every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}

/**
 * L with L·Lᵀ = the Gram matrix of `texts` (unit text embeddings, plus a little of the identity so
 * it is definite): x·L compares photos as the lists of their similarities to those texts would.
 * Two photos are then alike when the same words describe them, not when their pixels are alike.
 */
export function textMetric(texts: readonly Float32Array[], dim: number): Float64Array {
  const gram = new Float64Array(dim * dim);
  for (const text of texts)
    for (let i = 0; i < dim; i++) {
      const ti = text[i] as number;
      if (ti === 0) continue;
      for (let j = 0; j <= i; j++)
        gram[i * dim + j] = (gram[i * dim + j] as number) + ti * (text[j] as number);
    }
  let trace = 0;
  for (let i = 0; i < dim; i++) trace += gram[i * dim + i] as number;
  const ridge = (1e-4 * trace) / dim || 1;
  for (let i = 0; i < dim; i++) gram[i * dim + i] = (gram[i * dim + i] as number) + ridge;
  // Cholesky, lower triangle in place.
  const lower = new Float64Array(dim * dim);
  for (let i = 0; i < dim; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = gram[i * dim + j] as number;
      for (let k = 0; k < j; k++)
        sum -= (lower[i * dim + k] as number) * (lower[j * dim + k] as number);
      lower[i * dim + j] =
        i === j ? Math.sqrt(Math.max(sum, ridge)) : sum / (lower[j * dim + j] as number);
    }
  }
  return lower;
}

/** Lᵀ·C·L for a symmetric C and a lower-triangular L: the covariance in the text metric. */
function inMetric(covariance: Float64Array, lower: Float64Array, dim: number): Float64Array {
  const cl = new Float64Array(dim * dim);
  for (let i = 0; i < dim; i++)
    for (let k = 0; k < dim; k++) {
      const c = covariance[i * dim + k] as number;
      if (c === 0) continue;
      for (let j = 0; j <= k; j++)
        cl[i * dim + j] = (cl[i * dim + j] as number) + c * (lower[k * dim + j] as number);
    }
  const out = new Float64Array(dim * dim);
  for (let k = 0; k < dim; k++)
    for (let i = 0; i <= k; i++) {
      const l = lower[k * dim + i] as number;
      if (l === 0) continue;
      for (let j = 0; j < dim; j++)
        out[i * dim + j] = (out[i * dim + j] as number) + l * (cl[k * dim + j] as number);
    }
  return out;
}

export function fitReducedSpace(
  vectors: Float32Array,
  count: number,
  dim: number,
  metric: Float64Array | null = null,
): ReducedSpace {
  const mean = new Float64Array(dim);
  for (let row = 0; row < count; row++) {
    const offset = row * dim;
    for (let i = 0; i < dim; i++) mean[i] = (mean[i] as number) + (vectors[offset + i] as number);
  }
  for (let i = 0; i < dim; i++) mean[i] = (mean[i] as number) / Math.max(1, count);

  const step = Math.max(1, Math.floor(count / COVARIANCE_SAMPLE));
  const covariance = new Float64Array(dim * dim);
  const centred = new Float64Array(dim);
  for (let row = 0; row < count; row += step) {
    const offset = row * dim;
    for (let i = 0; i < dim; i++)
      centred[i] = (vectors[offset + i] as number) - (mean[i] as number);
    for (let i = 0; i < dim; i++) {
      const ci = centred[i] as number;
      if (ci === 0) continue;
      const base = i * dim;
      for (let j = i; j < dim; j++)
        covariance[base + j] = (covariance[base + j] as number) + ci * (centred[j] as number);
    }
  }
  for (let i = 0; i < dim; i++)
    for (let j = 0; j < i; j++) covariance[i * dim + j] = covariance[j * dim + i] as number;

  const rank = Math.max(1, Math.min(MAX_RANK, dim, count));
  if (metric === null) {
    const basis = topEigenvectors(covariance, dim, rank);
    return { dim, rank, mean: Float32Array.from(mean), basis: Float32Array.from(basis) };
  }
  // Main directions b of x·L; a photo's coordinate on one is (x - mean)·(L·b).
  const directions = topEigenvectors(inMetric(covariance, metric, dim), dim, rank);
  const basis = new Float32Array(rank * dim);
  for (let k = 0; k < rank; k++)
    for (let i = 0; i < dim; i++) {
      let sum = 0;
      for (let j = 0; j <= i; j++)
        sum += (metric[i * dim + j] as number) * (directions[k * dim + j] as number);
      basis[k * dim + i] = sum;
    }
  return { dim, rank, mean: Float32Array.from(mean), basis };
}

/** Subspace iteration: the leading eigenvectors of a symmetric matrix, rows of the result. */
function topEigenvectors(matrix: Float64Array, dim: number, rank: number): Float64Array {
  const random = seededRandom(7);
  let q = new Float64Array(rank * dim).map(() => random() - 0.5);
  orthonormalise(q, rank, dim);
  for (let step = 0; step < POWER_STEPS; step++) {
    const next = new Float64Array(rank * dim);
    for (let k = 0; k < rank; k++) {
      const qk = k * dim;
      for (let i = 0; i < dim; i++) {
        let sum = 0;
        const row = i * dim;
        for (let j = 0; j < dim; j++) sum += (matrix[row + j] as number) * (q[qk + j] as number);
        next[qk + i] = sum;
      }
    }
    orthonormalise(next, rank, dim);
    q = next;
  }
  return q;
}

/** Gram-Schmidt on the rows; a row that collapses is replaced by a unit axis. */
function orthonormalise(rows: Float64Array, count: number, dim: number): void {
  for (let k = 0; k < count; k++) {
    const a = k * dim;
    for (let pass = 0; pass < 2; pass++) {
      for (let m = 0; m < k; m++) {
        const b = m * dim;
        let dot = 0;
        for (let i = 0; i < dim; i++) dot += (rows[a + i] as number) * (rows[b + i] as number);
        for (let i = 0; i < dim; i++)
          rows[a + i] = (rows[a + i] as number) - dot * (rows[b + i] as number);
      }
    }
    let norm = 0;
    for (let i = 0; i < dim; i++) norm += (rows[a + i] as number) ** 2;
    norm = Math.sqrt(norm);
    if (norm < 1e-12) {
      rows.fill(0, a, a + dim);
      rows[a + (k % dim)] = 1;
    } else for (let i = 0; i < dim; i++) rows[a + i] = (rows[a + i] as number) / norm;
  }
}

/** Centres, projects and L2-normalises `count` rows: count x rank, row-major. */
export function project(space: ReducedSpace, vectors: Float32Array, count: number): Float32Array {
  const { dim, rank, mean, basis } = space;
  const out = new Float32Array(count * rank);
  const centred = new Float32Array(dim);
  for (let row = 0; row < count; row++) {
    const offset = row * dim;
    for (let i = 0; i < dim; i++)
      centred[i] = (vectors[offset + i] as number) - (mean[i] as number);
    let norm = 0;
    const o = row * rank;
    for (let k = 0; k < rank; k++) {
      let sum = 0;
      const b = k * dim;
      for (let i = 0; i < dim; i++) sum += (centred[i] as number) * (basis[b + i] as number);
      out[o + k] = sum;
      norm += sum * sum;
    }
    norm = Math.sqrt(norm) || 1;
    for (let k = 0; k < rank; k++) out[o + k] = (out[o + k] as number) / norm;
  }
  return out;
}
