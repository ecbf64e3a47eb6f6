// Photos -> embeddings: bounded parallel decoding feeding batches that run while the next fills.
import type { DecodedImage } from '../../../native/image-preprocess';
import { BoundedQueue, type Taken } from './bounded-queue';

export type ImageEmbedding =
  | {
      readonly path: string;
      readonly ok: true;
      readonly embedding: Float32Array;
      readonly width: number;
      readonly height: number;
      readonly format: string;
    }
  | { readonly path: string; readonly ok: false; readonly error: string };

export interface ImagePipeline {
  /** Decodes and resizes one photo; rejects with a readable reason. */
  readonly decode: (path: string) => Promise<DecodedImage>;
  /** Writes a decoded photo as normalised CHW floats into `batch` at `offset`. */
  readonly write: (image: DecodedImage, batch: Float32Array, offset: number) => void;
  /** Embeds the first `count` images of `batch` (one L2-normalised vector each). */
  readonly embed: (batch: Float32Array, count: number) => Promise<Float32Array[]>;
  /** Floats per image in a batch (3 x size x size). */
  readonly imageLength: number;
  readonly batchSize: number;
  /** Photos decoding at once. */
  readonly decoders: number;
  /** A partial batch runs when no photo has arrived for this long and the model is idle. */
  readonly lingerMs?: number;
}

type Decoded = { path: string; image: DecodedImage } | { path: string; error: string };
type Output = ImageEmbedding | { fatal: Error };

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Pulls from sync or async iterables one at a time, so paths are read lazily. */
function pathSource(paths: Iterable<string> | AsyncIterable<string>) {
  const iterator =
    Symbol.asyncIterator in paths
      ? (paths as AsyncIterable<string>)[Symbol.asyncIterator]()
      : (paths as Iterable<string>)[Symbol.iterator]();
  let chain: Promise<IteratorResult<string>> = Promise.resolve({ done: false, value: '' });
  let finished = false;
  return {
    next(): Promise<IteratorResult<string>> {
      chain = chain.then(async () => {
        if (finished) return { done: true, value: undefined };
        const result = await iterator.next();
        if (result.done) finished = true;
        return result;
      });
      return chain;
    },
    async stop(): Promise<void> {
      if (finished) return;
      finished = true;
      await iterator.return?.();
    },
  };
}

export async function* runImagePipeline(
  paths: Iterable<string> | AsyncIterable<string>,
  pipeline: ImagePipeline,
): AsyncGenerator<ImageEmbedding> {
  const { batchSize, imageLength } = pipeline;
  const source = pathSource(paths);
  const decoded = new BoundedQueue<Decoded>(batchSize);
  const output = new BoundedQueue<Output>(batchSize * 2);
  let cancelled = false;

  const decoder = async (): Promise<void> => {
    while (!cancelled) {
      const next = await source.next();
      if (next.done) return;
      const path = next.value;
      try {
        await decoded.push({ path, image: await pipeline.decode(path) });
      } catch (error) {
        await decoded.push({ path, error: reason(error) });
      }
    }
  };

  const decoding = Promise.all(Array.from({ length: pipeline.decoders }, decoder)).finally(() =>
    decoded.close(),
  );

  const batcher = async (): Promise<void> => {
    const buffers = [
      new Float32Array(batchSize * imageLength),
      new Float32Array(batchSize * imageLength),
    ];
    let current = 0;
    let members: { path: string; image: DecodedImage }[] = [];
    let running: Promise<void> = Promise.resolve();
    let idle = true;
    let failure: { error: unknown } | null = null;

    const flush = async (): Promise<void> => {
      if (members.length === 0) return;
      await running; // the other buffer is free once its batch has run
      if (failure) throw failure.error;
      const batch = buffers[current] as Float32Array;
      const batchMembers = members;
      members = [];
      current = 1 - current;
      idle = false;
      running = pipeline.embed(batch, batchMembers.length).then(async (embeddings) => {
        idle = true;
        for (const [i, { path, image }] of batchMembers.entries()) {
          const embedding = embeddings[i] as Float32Array;
          const { width, height, format } = image;
          // A NaN stored as an embedding would score null against every label, silently.
          if (!embedding.every(Number.isFinite))
            await output.push({
              path,
              ok: false,
              error: 'the model gave no usable embedding for it',
            });
          else await output.push({ path, ok: true, embedding, width, height, format });
        }
      });
      // Handled at once (a later await rethrows it) so a failed run is never an unhandled rejection.
      running = running.catch((error: unknown) => {
        failure = { error };
        decoded.close();
      });
    };

    let pending: Promise<Taken<Decoded>> | null = null;
    for (;;) {
      pending ??= decoded.take();
      const next =
        members.length > 0 && idle
          ? await Promise.race([pending, delay(pipeline.lingerMs ?? 100)])
          : await pending;
      if (next === undefined) {
        await flush(); // the source is slow: run what has arrived
        continue;
      }
      pending = null;
      if (next.done) break;
      const item = next.value;
      if ('error' in item) {
        await output.push({ path: item.path, ok: false, error: item.error });
        continue;
      }
      pipeline.write(item.image, buffers[current] as Float32Array, members.length * imageLength);
      members.push(item);
      if (members.length === batchSize) await flush();
    }
    await flush();
    await running;
    if (failure) throw (failure as { error: unknown }).error;
  };

  const work = Promise.all([decoding, batcher()])
    .catch((error: unknown) =>
      output.push({ fatal: error instanceof Error ? error : new Error(reason(error)) }),
    )
    .finally(() => output.close());

  try {
    for (;;) {
      const next = await output.take();
      if (next.done) break;
      if ('fatal' in next.value) throw next.value.fatal;
      yield next.value;
    }
    await work;
  } finally {
    cancelled = true;
    decoded.close();
    output.close();
    await source.stop().catch(() => undefined);
  }
}

function delay(ms: number): Promise<undefined> {
  return new Promise((resolve) => setTimeout(() => resolve(undefined), ms).unref());
}
