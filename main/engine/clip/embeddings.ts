// Runs a tower on a batch, honouring a fixed batch axis, and L2-normalises every row it returns.
import type { OnnxSession, RunFeeds } from '../../../native/onnx-session';

/** Copies `row` of an [N, D] output into its own unit-length vector. */
export function normalisedRow(data: Float32Array, row: number, dim: number): Float32Array {
  const vector = data.slice(row * dim, (row + 1) * dim);
  let sum = 0;
  for (let i = 0; i < dim; i++) sum += vector[i]! * vector[i]!;
  const norm = Math.sqrt(sum);
  if (norm > 0) for (let i = 0; i < dim; i++) vector[i]! /= norm;
  return vector;
}

/**
 * Embeds `count` items laid out back to back in `data` (each `itemLength` long, shaped
 * `itemDims`). A graph whose batch axis is fixed gets exactly that many items per run.
 * `feeds.extra` tensors (an attention mask) are laid out like `data` and cut the same way.
 */
export async function runBatched<T extends Float32Array | Int32Array>(
  session: OnnxSession,
  fixedBatch: number | null,
  data: T,
  count: number,
  itemDims: readonly number[],
  maxBatch = Infinity,
  feeds: RunFeeds = {},
): Promise<Float32Array[]> {
  const itemLength = itemDims.reduce((a, b) => a * b, 1);
  const step = fixedBatch ?? Math.max(1, Math.min(count, maxBatch));
  const vectors: Float32Array[] = [];
  for (let start = 0; start < count; start += step) {
    const rows = Math.min(step, count - start);
    const cut = <A extends Float32Array | Int32Array>(all: A): A => {
      const chunk = all.subarray(start * itemLength, (start + rows) * itemLength) as A;
      if (fixedBatch === null || rows >= fixedBatch) return chunk;
      // Pad the last run up to the graph's fixed batch; the padding rows are discarded.
      const padded = new (all.constructor as new (n: number) => A)(fixedBatch * itemLength);
      padded.set(chunk);
      return padded;
    };
    const extra = Object.fromEntries(
      Object.entries(feeds.extra ?? {}).map(([name, all]) => [name, cut(all)]),
    );
    const output = await session.run(cut(data), [fixedBatch ?? rows, ...itemDims], undefined, {
      input: feeds.input,
      extra,
    });
    const dim = output.data.length / (output.dims[0] ?? 1);
    for (let row = 0; row < rows; row++) vectors.push(normalisedRow(output.data, row, dim));
  }
  return vectors;
}
