// Where Facet's indexing time goes: each stage of the pipeline timed alone, with the settings
// the CLIP core uses (same decode concurrency, libvips threads, batch size and onnxruntime threads).
import { availableParallelism } from 'node:os';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeImage, decodeThreadPoolSize, setDecodeThreads } from '../native/image-preprocess';
import { openOnnxSession } from '../native/onnx-session';
import { readModelPackage } from '../main/engine/clip/model-package';

export interface StageProfile {
  /** Photos/s decoded, shrunk and cropped by sharp alone, at the core's decode concurrency. */
  readonly decode_per_s: number;
  readonly decoders: number;
  /** Photos/s through the image tower alone (onnxruntime, CPU, batches of `batch`). */
  readonly inference_per_s: number;
  readonly batch: number;
}

const BATCH = 32;

export async function profileStages(
  modelDir: string,
  folder: string,
  photos = 64,
): Promise<StageProfile> {
  const pkg = await readModelPackage(modelDir);
  const cores = availableParallelism();
  const decoders = Math.max(1, Math.min(cores, decodeThreadPoolSize()));
  setDecodeThreads(Math.max(1, Math.floor(cores / decoders)));
  const names = (await readdir(folder)).sort().slice(0, photos);
  const paths = names.map((name) => join(folder, name));
  let next = 0;
  const decodeStart = performance.now();
  await Promise.all(
    Array.from({ length: decoders }, async () => {
      while (next < paths.length) await decodeImage(paths[next++]!, pkg.preprocess);
    }),
  );
  const decodeSeconds = (performance.now() - decodeStart) / 1000;

  const size = pkg.preprocess.size;
  const session = await openOnnxSession(pkg.visualPath, { provider: 'cpu', threads: cores });
  try {
    const input = new Float32Array(BATCH * 3 * size * size).map(() => Math.random() * 2 - 1);
    const dims = [BATCH, 3, size, size];
    await session.run(input, dims); // first run allocates and tunes
    const runs = 2;
    const inferStart = performance.now();
    for (let i = 0; i < runs; i++) await session.run(input, dims);
    const inferSeconds = (performance.now() - inferStart) / 1000;
    return {
      decode_per_s: paths.length / decodeSeconds,
      decoders,
      inference_per_s: (runs * BATCH) / inferSeconds,
      batch: BATCH,
    };
  } finally {
    await session.close();
  }
}
