// The CLIP core: loads a model package and embeds photos and texts with it.
import { availableParallelism } from 'node:os';
import {
  decodeThreadPoolSize,
  normalisationTables,
  setDecodeThreads,
  writeNormalisedCHW,
} from '../../../native/image-preprocess';
import type { Device } from '../engine-api';
import { runBatched } from './embeddings';
import { runImagePipeline, type ImageEmbedding } from './image-pipeline';
import { ModelPackageError, readModelPackage } from './model-package';
import { createPhotoDecoder } from './photo-decoder';
import { cachedText, storeText } from './text-cache';
import { textBatch, usedLength } from './text-graph';
import type { TextFamily } from './text-rules';
import { DeviceError, openTowers } from './towers';

export { ModelPackageError, DeviceError };
export type { ImageEmbedding };

export interface ClipModelInfo {
  /** Stable id: the package's folder name, e.g. "tiny-clip-shapes". */
  readonly id: string;
  readonly name: string;
  /** Absolute path of the model package. */
  readonly dir: string;
  readonly embedDim: number;
  readonly imageSize: number;
  readonly contextLength: number;
  /** Already exp'd: config.json "logit_scale" if present, else 100. */
  readonly logitScale: number;
  /** SigLIP's learnt "logit_bias" from config.json; null for softmax (CLIP) models. */
  readonly logitBias: number | null;
  /** How the text tower reads text (clip, siglip, xlm-roberta, nllb, hugging-face). */
  readonly textFamily: TextFamily;
  /** The language its texts are read in, where the model takes one (NLLB); else null. */
  readonly language: string | null;
  /** Whether text runs stop at the longest text's last token (the graph answers the same without the padding). */
  readonly textTrimsPadding: boolean;
}

export interface ClipModel {
  readonly info: ClipModelInfo;
  /** Provider actually in use: 'cpu' | 'webgpu' | 'cuda' | ... */
  readonly device: string;
  /** Why auto fell back to the CPU, if it did. */
  readonly deviceNote: string | null;
  /** L2-normalised, cached per (model, text). */
  embedTexts(texts: readonly string[]): Promise<Float32Array[]>;
  /** Decodes with bounded concurrency, batches, yields one result per path (any order). Never throws for a bad file. */
  embedImages(paths: Iterable<string> | AsyncIterable<string>): AsyncIterable<ImageEmbedding>;
  close(): Promise<void>;
}

export interface LoadOptions {
  readonly device?: Device;
  /** Images per model run (default 32). */
  readonly batchSize?: number;
  /** Photos decoded at once (default: cores, at most the decode thread pool). */
  readonly decoders?: number;
  /** Limit for opening and warming up a GPU provider (default 120 s). */
  readonly warmUpTimeoutMs?: number;
  /** BCP 47 tag of the language label and search texts are written in (NLLB models); default English. */
  readonly language?: string | null;
}

const TEXT_BATCH = 64;

export async function loadClipModel(dir: string, options: LoadOptions = {}): Promise<ClipModel> {
  const language = options.language ?? process.env['FACET_LANGUAGE'] ?? null;
  const pkg = await readModelPackage(dir, { language });
  const towers = await openTowers(pkg, {
    device: options.device,
    warmUpTimeoutMs: options.warmUpTimeoutMs,
  });
  const cores = availableParallelism();
  const decoders = Math.max(1, options.decoders ?? Math.min(cores, decodeThreadPoolSize()));
  setDecodeThreads(Math.max(1, Math.floor(cores / decoders)));

  const size = pkg.preprocess.size;
  const tables = normalisationTables(pkg.preprocess);
  // The language is part of the key: an NLLB model reads the same words differently in each.
  const cacheKey = `${pkg.id}\u0000${pkg.dir}\u0000${towers.device}\u0000${language ?? ''}`;
  const contextLength = pkg.contextLength;
  let closed = false;
  const assertOpen = (): void => {
    if (closed) throw new Error(`The model ${pkg.name} has been closed.`);
  };

  const info: ClipModelInfo = {
    id: pkg.id,
    name: pkg.name,
    dir: pkg.dir,
    embedDim: pkg.embedDim,
    imageSize: size,
    contextLength,
    logitScale: pkg.logitScale,
    logitBias: pkg.scoreRule.bias,
    textFamily: pkg.textFamily,
    language: pkg.textFamily === 'nllb' ? (language ?? 'en') : null,
    textTrimsPadding: towers.textTrimsPadding,
  };

  return {
    info,
    device: towers.device,
    deviceNote: towers.deviceNote,

    async embedTexts(texts) {
      assertOpen();
      const missing = [...new Set(texts.filter((text) => !cachedText(cacheKey, text)))];
      if (missing.length > 0) {
        const inputs = missing.map((text) => pkg.tokenizer.encode(text));
        const length = info.textTrimsPadding ? usedLength(inputs) : contextLength;
        const { ids, feeds } = textBatch(towers.textGraph, inputs, length);
        const vectors = await runBatched(
          towers.textual,
          towers.textualBatch,
          ids,
          missing.length,
          [length],
          TEXT_BATCH,
          feeds,
        );
        missing.forEach((text, i) => storeText(cacheKey, text, vectors[i] as Float32Array));
      }
      // Copies, so a caller changing a vector cannot change the cache.
      return texts.map((text) => (cachedText(cacheKey, text) as Float32Array).slice());
    },

    embedImages(paths) {
      assertOpen();
      return runImagePipeline(paths, {
        decode: createPhotoDecoder(pkg.preprocess),
        write: (image, batch, offset) =>
          writeNormalisedCHW(image.pixels, tables, pkg.preprocess.channelOrder, batch, offset),
        embed: (batch, count) =>
          runBatched(towers.visual, towers.visualBatch, batch, count, [3, size, size]),
        imageLength: 3 * size * size,
        batchSize: Math.max(1, options.batchSize ?? 32),
        decoders,
      });
    },

    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([towers.visual.close(), towers.textual.close()]);
    },
  };
}
