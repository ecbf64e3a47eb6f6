// Reads an OpenCLIP model package in the layout Immich publishes (DESIGN.md "Model package").
import { readdir, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { createTextTokenizer, type TextTokenizer } from '../../../native/clip-tokenizer';
import type { Interpolation, PreprocessSpec } from '../../../native/image-preprocess';
import { FileReadError, readRegularText, specialKind } from '../../../native/read-regular-file';
import { readScoreRule, type ScoreRule } from './score-rule';
import { readTextRules, TextRulesError, type TextFamily } from './text-rules';

/** A missing or broken file in a model package; `file` is its absolute path. */
export class ModelPackageError extends Error {
  override readonly name = 'ModelPackageError';
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
  }
}

export const PACKAGE_FILES = {
  config: 'config.json',
  visual: join('visual', 'model.onnx'),
  preprocess: join('visual', 'preprocess_cfg.json'),
  textual: join('textual', 'model.onnx'),
  tokenizer: join('textual', 'tokenizer.json'),
  tokenizerConfig: join('textual', 'tokenizer_config.json'),
  specialTokensMap: join('textual', 'special_tokens_map.json'),
} as const;

export interface ModelPackage {
  readonly id: string;
  readonly name: string;
  readonly dir: string;
  readonly embedDim: number;
  readonly contextLength: number;
  readonly logitScale: number;
  readonly scoreRule: ScoreRule;
  /** How its text tower reads text (text-rules.ts). */
  readonly textFamily: TextFamily;
  readonly preprocess: PreprocessSpec;
  readonly visualPath: string;
  readonly textualPath: string;
  readonly tokenizer: TextTokenizer;
}

// open_clip's OPENAI_DATASET_MEAN / _STD, its defaults when a package does not say.
const OPENAI_MEAN = [0.48145466, 0.4578275, 0.40821073] as const;
const OPENAI_STD = [0.26862954, 0.26130258, 0.27577711] as const;
const INTERPOLATIONS: readonly Interpolation[] = ['bicubic', 'bilinear', 'lanczos', 'nearest'];

type Json = Record<string, unknown>;

export const MIN_IMAGE_SIZE = 8;
export const MAX_IMAGE_SIZE = 2048;

export function packageError(dir: string, file: string, problem: string): ModelPackageError {
  return new ModelPackageError(
    join(dir, file),
    `${file.split('\\').join('/')} ${problem} (model package ${dir})`,
  );
}

/** Package files are read whole: none but the graphs (which onnxruntime opens) is this large. */
const MAX_JSON_BYTES = 256 * 1024 * 1024;

async function requireFile(dir: string, file: string): Promise<string> {
  const path = join(dir, file);
  const info = await stat(path).catch(() => null);
  if (info === null) throw packageError(dir, file, 'is missing');
  const kind = specialKind(info);
  if (kind !== null) throw packageError(dir, file, `is ${kind}, not a regular file`);
  return path;
}

/**
 * onnxruntime opens the graphs and their external-data files itself, with blocking reads: a FIFO
 * among them would hang the load, so the tower's folder must hold only files and folders.
 */
async function requireRegularFolder(dir: string, folder: string): Promise<void> {
  const entries = await readdir(join(dir, folder), { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const file = join(folder, entry.name);
    const info = await stat(join(dir, file)).catch(() => null);
    const kind = info === null ? null : specialKind(info);
    if (kind !== null && kind !== 'a folder')
      throw packageError(dir, file, `is ${kind}, not a regular file`);
  }
}

async function readJson(dir: string, file: string, optional = false): Promise<Json | undefined> {
  const path = join(dir, file);
  let text: string;
  try {
    // Never blocks: a FIFO config.json is refused at once, a stalled drive after the deadline.
    text = await readRegularText(path, { maxBytes: MAX_JSON_BYTES });
  } catch (error) {
    const missing = !(error instanceof FileReadError) || error.code === 'ENOENT';
    if (missing && optional) return undefined;
    if (missing) throw packageError(dir, file, 'is missing');
    throw packageError(dir, file, (error as Error).message.replace(/^\S+ /, ''));
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw packageError(dir, file, `is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw packageError(dir, file, 'does not hold a JSON object');
  }
  return value as Json;
}

function positiveInteger(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}

function triple(value: unknown, fallback: readonly number[]): [number, number, number] | null {
  const list = value === undefined ? fallback : typeof value === 'number' ? [value] : value;
  if (!Array.isArray(list) || !list.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    return null;
  }
  const numbers = list as number[];
  if (numbers.length === 1) return [numbers[0]!, numbers[0]!, numbers[0]!];
  return numbers.length === 3 ? [numbers[0]!, numbers[1]!, numbers[2]!] : null;
}

function readPreprocess(dir: string, cfg: Json, imageSize: number | undefined): PreprocessSpec {
  const file = PACKAGE_FILES.preprocess;
  const bad = (problem: string): ModelPackageError => packageError(dir, file, problem);
  const sizes = Array.isArray(cfg.size) ? cfg.size : [cfg.size ?? imageSize];
  const size = positiveInteger(sizes[0]);
  if (size === undefined || !sizes.every((s) => s === size)) {
    throw bad(`has an unusable "size" ${JSON.stringify(cfg.size)} (a square size is needed)`);
  }
  // CLIP models take 224 to 512 pixels; far outside that, the tensors alone would exhaust memory.
  if (size < MIN_IMAGE_SIZE || size > MAX_IMAGE_SIZE) {
    throw bad(`has "size" ${size}, outside ${MIN_IMAGE_SIZE} to ${MAX_IMAGE_SIZE} pixels`);
  }
  const mode = cfg.mode ?? 'RGB';
  if (mode !== 'RGB' && mode !== 'BGR') throw bad(`has an unsupported "mode" ${String(mode)}`);
  const interpolation = cfg.interpolation ?? 'bicubic';
  if (!INTERPOLATIONS.includes(interpolation as Interpolation)) {
    throw bad(`has an unsupported "interpolation" ${String(interpolation)}`);
  }
  const resizeMode = cfg.resize_mode ?? 'shortest';
  if (resizeMode !== 'shortest' && resizeMode !== 'squash') {
    throw bad(`has an unsupported "resize_mode" ${String(resizeMode)}`);
  }
  const mean = triple(cfg.mean, OPENAI_MEAN);
  const std = triple(cfg.std, OPENAI_STD);
  const fill = triple(cfg.fill_color, [0]);
  if (!mean || !std || std.some((s) => s === 0)) throw bad('has an unusable "mean" or "std"');
  if (!fill) throw bad('has an unusable "fill_color"');
  return {
    size,
    interpolation: interpolation as Interpolation,
    resizeMode,
    mean,
    std,
    fillColor: fill.map((v) => Math.max(0, Math.min(255, Math.round(v)))) as [
      number,
      number,
      number,
    ],
    channelOrder: mode,
  };
}

export interface PackageOptions {
  /** BCP 47 tag of the language texts are written in (NLLB packages); English when absent. */
  readonly language?: string | null;
}

/** Reads and checks every file of the package except the ONNX graphs, which the runtime opens. */
export async function readModelPackage(
  dirInput: string,
  options: PackageOptions = {},
): Promise<ModelPackage> {
  const dir = resolve(dirInput);
  const dirInfo = await stat(dir).catch(() => null);
  if (!dirInfo?.isDirectory()) {
    throw new ModelPackageError(dir, `The model package folder ${dir} does not exist`);
  }
  const config = (await readJson(dir, PACKAGE_FILES.config)) as Json;
  const visualPath = await requireFile(dir, PACKAGE_FILES.visual);
  const textualPath = await requireFile(dir, PACKAGE_FILES.textual);
  await requireRegularFolder(dir, 'visual');
  await requireRegularFolder(dir, 'textual');
  const preprocessCfg = (await readJson(dir, PACKAGE_FILES.preprocess)) as Json;
  const tokenizerJson = (await readJson(dir, PACKAGE_FILES.tokenizer)) as Json;
  const tokenizerConfig = await readJson(dir, PACKAGE_FILES.tokenizerConfig, true);
  const specialTokensMap = await readJson(dir, PACKAGE_FILES.specialTokensMap, true);

  const embedDim = positiveInteger(config.embed_dim);
  if (embedDim === undefined) {
    throw packageError(dir, PACKAGE_FILES.config, 'has no positive integer "embed_dim"');
  }
  const visionCfg = (config.vision_cfg ?? {}) as Json;
  const textCfg = (config.text_cfg ?? {}) as Json;
  const contextLength =
    textCfg.context_length === undefined ? 77 : positiveInteger(textCfg.context_length);
  if (contextLength === undefined) {
    throw packageError(dir, PACKAGE_FILES.config, 'has an unusable "text_cfg.context_length"');
  }
  const scoreRule = readScoreRule(config);
  if (typeof scoreRule === 'string') throw packageError(dir, PACKAGE_FILES.config, scoreRule);
  const preprocess = readPreprocess(dir, preprocessCfg, positiveInteger(visionCfg.image_size));

  let tokenizer: TextTokenizer;
  let textFamily: TextFamily;
  try {
    const rules = readTextRules({
      config,
      tokenizerConfig,
      specialTokensMap,
      contextLength,
      language: options.language ?? null,
    });
    textFamily = rules.family;
    tokenizer = createTextTokenizer(tokenizerJson, tokenizerConfig, rules);
  } catch (error) {
    // Refused rather than fed ids its text tower was never trained on.
    if (error instanceof TextRulesError)
      throw packageError(dir, join(...error.file.split('/')), error.message);
    throw packageError(dir, PACKAGE_FILES.tokenizer, `cannot be used: ${(error as Error).message}`);
  }
  const id = basename(dir);
  const name = typeof config.name === 'string' && config.name ? config.name : id;
  return {
    id,
    name,
    dir,
    embedDim,
    contextLength,
    logitScale: scoreRule.scale,
    scoreRule,
    textFamily,
    preprocess,
    visualPath,
    textualPath,
    tokenizer,
  };
}
