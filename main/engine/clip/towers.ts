// Opens the image and text towers on an execution provider, proving a GPU with a warm-up run.
import {
  openOnnxSession,
  supportedProviders,
  type ExecutionProvider,
  type OnnxSession,
  type TensorInfo,
  type TensorOutput,
} from '../../../native/onnx-session';
import type { Device } from '../engine-api';
import { ModelPackageError, PACKAGE_FILES, packageError, type ModelPackage } from './model-package';
import { normalisedRow } from './embeddings';
import { textBatch, textGraph, trimsPadding, type TextGraph } from './text-graph';

export interface Towers {
  readonly visual: OnnxSession;
  readonly textual: OnnxSession;
  /** Batch size the image graph requires, or null when its batch axis is dynamic. */
  readonly visualBatch: number | null;
  readonly textualBatch: number | null;
  /** The text tower's ids input and its attention-mask input, if any. */
  readonly textGraph: TextGraph;
  /** Whether text runs may stop at the longest text's last token (`trimsPadding`). */
  readonly textTrimsPadding: boolean;
  readonly device: ExecutionProvider;
  readonly deviceNote: string | null;
}

/** An explicitly requested device that cannot be used. */
export class DeviceError extends Error {
  override readonly name = 'DeviceError';
}

export interface TowerOptions {
  readonly device?: Device;
  /** Limit for opening a model and for the warm-up run on a GPU provider. */
  readonly warmUpTimeoutMs?: number;
  readonly threads?: number;
}

const AUTO_ORDER: Partial<Record<NodeJS.Platform, ExecutionProvider[]>> = {
  linux: ['webgpu', 'cuda'],
  win32: ['dml', 'webgpu'],
  darwin: ['coreml'],
};

const LABELS: Record<ExecutionProvider, string> = {
  cpu: 'CPU',
  webgpu: 'WebGPU',
  cuda: 'CUDA',
  dml: 'DirectML',
  coreml: 'Core ML',
};

function fixedBatch(info: TensorInfo): number | null {
  const first = info.shape[0];
  return typeof first === 'number' && first > 0 ? first : null;
}

/** The runtime's reason without its source location and failed-check prefix. */
function firstLine(error: unknown): string {
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
  const check = message.lastIndexOf(' was false. ');
  const reason = check >= 0 ? message.slice(check + ' was false. '.length) : message;
  return reason.replace(/^\S+\.(cc|cpp|h):\d+ /, '').trim() || 'unknown error';
}

/** Checks the graphs against the package and the shapes Facet feeds them. */
function checkGraphs(pkg: ModelPackage, visual: OnnxSession, textual: OnnxSession): TextGraph {
  const size = pkg.preprocess.size;
  const [, channels, height, width] = visual.input.shape;
  if (visual.input.type !== 'float32' || visual.input.shape.length !== 4) {
    throw packageError(pkg.dir, PACKAGE_FILES.visual, 'does not take a float32 [N,3,S,S] image');
  }
  if ([channels, height, width].some((d, i) => typeof d === 'number' && d !== [3, size, size][i])) {
    throw packageError(
      pkg.dir,
      PACKAGE_FILES.preprocess,
      `says size ${size} but the image model takes [${visual.input.shape.join(', ')}]`,
    );
  }
  const graph = textGraph(textual);
  if (typeof graph === 'string') throw packageError(pkg.dir, PACKAGE_FILES.textual, graph);
  if (graph.ids.type !== 'int32' && graph.ids.type !== 'int64') {
    throw packageError(
      pkg.dir,
      PACKAGE_FILES.textual,
      `takes ${graph.ids.type} ids, not int32 or int64`,
    );
  }
  const context = graph.ids.shape[1];
  if (typeof context === 'number' && context !== pkg.contextLength) {
    throw packageError(
      pkg.dir,
      PACKAGE_FILES.config,
      `says context length ${pkg.contextLength} but the text model takes ${context}`,
    );
  }
  checkEmbedSizes(pkg, outputSize(visual.output.shape), outputSize(textual.output.shape));
  return graph;
}

/** The embedding size a graph declares ([N, D] with D fixed), or null when it leaves it open. */
function outputSize(shape: readonly (number | string | null)[]): number | null {
  const last = shape.length === 2 ? shape[1] : undefined;
  return typeof last === 'number' && last > 0 ? last : null;
}

/**
 * Image and text vectors are compared with each other: towers of different sizes would give
 * confident, meaningless scores, so the package is refused before anything is indexed.
 */
function checkEmbedSizes(pkg: ModelPackage, image: number | null, text: number | null): void {
  if (image !== null && text !== null && image !== text) {
    throw packageError(
      pkg.dir,
      PACKAGE_FILES.visual,
      `gives embeddings of size ${image} but ${PACKAGE_FILES.textual.split('\\').join('/')} gives ${text}: the two towers are not from one model`,
    );
  }
  for (const [file, size] of [
    [PACKAGE_FILES.visual, image],
    [PACKAGE_FILES.textual, text],
  ] as const) {
    if (size !== null && size !== pkg.embedDim) {
      throw packageError(
        pkg.dir,
        file,
        `gives embeddings of size ${size} but config.json says embed_dim ${pkg.embedDim}`,
      );
    }
  }
}

async function open(pkg: ModelPackage, provider: ExecutionProvider, options: TowerOptions) {
  const gpu = provider !== 'cpu';
  const timeoutMs = gpu ? (options.warmUpTimeoutMs ?? 120_000) : undefined;
  const openOne = async (path: string, file: string): Promise<OnnxSession> => {
    try {
      return await openOnnxSession(path, { provider, threads: options.threads, timeoutMs });
    } catch (error) {
      // On the CPU a load failure is the file's fault; on a GPU it may be the device's.
      if (gpu) throw error;
      throw packageError(pkg.dir, file, `could not be loaded: ${firstLine(error)}`);
    }
  };
  const visual = await openOne(pkg.visualPath, PACKAGE_FILES.visual);
  let textual: OnnxSession;
  try {
    textual = await openOne(pkg.textualPath, PACKAGE_FILES.textual);
  } catch (error) {
    await visual.close();
    throw error;
  }
  try {
    const graph = checkGraphs(pkg, visual, textual);
    // On the CPU too: a tower that answers NaN or the wrong size is refused before it indexes.
    const textTrimsPadding = await warmUp(pkg, visual, textual, graph, timeoutMs, gpu);
    return { visual, textual, textGraph: graph, textTrimsPadding };
  } catch (error) {
    await Promise.all([visual.close(), textual.close()]);
    throw error;
  }
}

/**
 * Runs a small batch through both towers and checks the answers are usable. On a GPU a bad answer
 * may be the device's (the caller falls back to the CPU); on the CPU it is the package's. Answers
 * whether text runs may leave the padding off.
 */
async function warmUp(
  pkg: ModelPackage,
  visual: OnnxSession,
  textual: OnnxSession,
  graph: TextGraph,
  timeoutMs: number | undefined,
  gpu: boolean,
): Promise<boolean> {
  const size = pkg.preprocess.size;
  const images = fixedBatch(visual.input) ?? 1;
  const image = await visual.run(
    new Float32Array(images * 3 * size * size),
    [images, 3, size, size],
    timeoutMs,
  );
  const input = pkg.tokenizer.encode('a photo');
  const texts = fixedBatch(graph.ids) ?? 1;
  const runText = (length: number) => {
    const batch = textBatch(graph, Array<typeof input>(texts).fill(input), length);
    return textual.run(batch.ids, [texts, length], timeoutMs, batch.feeds);
  };
  const firstUnit = (output: TensorOutput) =>
    normalisedRow(output.data, 0, output.data.length / texts);
  const text = await runText(pkg.contextLength);
  const answers = [
    [PACKAGE_FILES.visual, image, images],
    [PACKAGE_FILES.textual, text, texts],
  ] as const;
  for (const [file, output, rows] of answers) {
    const problem =
      output.dims.length !== 2 || output.dims[0] !== rows
        ? `answers a [${output.dims.join(', ')}] tensor, not [${rows}, D] embeddings`
        : output.data.every(Number.isFinite)
          ? null
          : 'answers NaN or infinite numbers on a test input';
    if (problem === null) continue;
    if (gpu) throw new Error(`${file.split('\\').join('/')} ${problem}`);
    throw packageError(pkg.dir, file, problem);
  }
  checkEmbedSizes(pkg, Number(image.dims[1]), Number(text.dims[1]));
  // The padded answer is the one just checked: only the shorter run is new.
  return trimsPadding(graph, input, pkg.contextLength, firstUnit(text), async (length) =>
    firstUnit(await runText(length)),
  );
}

/** Opens both towers on the requested device; `auto` falls back to the CPU with the reason. */
export async function openTowers(pkg: ModelPackage, options: TowerOptions = {}): Promise<Towers> {
  const device = options.device ?? 'auto';
  const available = supportedProviders();
  const done = (
    sessions: Pick<Towers, 'visual' | 'textual' | 'textGraph' | 'textTrimsPadding'>,
    provider: ExecutionProvider,
    deviceNote: string | null,
  ): Towers => ({
    ...sessions,
    visualBatch: fixedBatch(sessions.visual.input),
    textualBatch: fixedBatch(sessions.textGraph.ids),
    device: provider,
    deviceNote,
  });

  if (device === 'cpu') return done(await open(pkg, 'cpu', options), 'cpu', null);
  if (device !== 'auto') {
    const label = LABELS[device];
    if (!available.includes(device)) {
      const why =
        device === 'cuda'
          ? 'its provider libraries are not installed'
          : 'this build of onnxruntime does not include it';
      throw new DeviceError(`The ${label} device cannot be used on this computer: ${why}.`);
    }
    try {
      return done(await open(pkg, device, options), device, null);
    } catch (error) {
      if (error instanceof ModelPackageError) throw error;
      throw new DeviceError(`The ${label} device could not run ${pkg.name}: ${firstLine(error)}`);
    }
  }

  const reasons: string[] = [];
  for (const provider of AUTO_ORDER[process.platform] ?? []) {
    if (!available.includes(provider)) {
      reasons.push(
        `${LABELS[provider]} is not available${provider === 'cuda' ? ' (provider libraries not installed)' : ''}`,
      );
      continue;
    }
    try {
      return done(await open(pkg, provider, options), provider, null);
    } catch (error) {
      reasons.push(`${LABELS[provider]} failed: ${firstLine(error)}`);
    }
  }
  const note =
    reasons.length > 0
      ? `Running on the CPU: ${reasons.join('; ')}.`
      : 'Running on the CPU: no GPU provider is offered on this platform.';
  return done(await open(pkg, 'cpu', options), 'cpu', note);
}
