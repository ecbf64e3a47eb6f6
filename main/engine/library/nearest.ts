// Exact nearest-neighbour search: one pass of dot products over the stored (unit) embeddings.
import type { EmbeddingMatrix } from './library';

export interface Match {
  readonly path: string;
  readonly score: number;
}

export function nearest(matrix: EmbeddingMatrix, query: Float32Array, k: number): Match[] {
  const { dim, vectors, paths } = matrix;
  if (dim === 0 || k <= 0) return [];
  if (query.length !== dim) {
    throw new Error(
      `The query has ${query.length} dimensions but the stored embeddings have ${dim}.`,
    );
  }
  const scores = new Float32Array(paths.length);
  for (let row = 0; row < paths.length; row++) {
    let dot = 0;
    const offset = row * dim;
    for (let i = 0; i < dim; i++) dot += (vectors[offset + i] as number) * (query[i] as number);
    scores[row] = dot;
  }
  const order = Array.from(scores.keys()).sort(
    (a, b) => (scores[b] as number) - (scores[a] as number),
  );
  return order.slice(0, k).map((row) => ({
    path: paths[row] as string,
    score: scores[row] as number,
  }));
}
