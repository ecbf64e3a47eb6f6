// Label set files (DESIGN.md "Label set file"): the JSON form, and plain text with one label per
// line where indentation makes a child ("Shapes\n  Round\n    Circle" -> Shapes/Round/Circle).
import { basename, extname } from 'node:path';
import type { LabelMode } from '../../../preload/contract/labels';
import type { EngineErrorCode } from '../engine-error';
import { readRegularText } from '../../../native/read-regular-file';

/** Label files are small text; a larger one is not a label file. */
const MAX_LABEL_FILE_BYTES = 64 * 1024 * 1024;

export interface Label {
  /** Full name, `/` between levels: "Animals/Dog". */
  readonly name: string;
  /** Texts standing for the label; the leaf name when the file gives none. */
  readonly prompts: readonly string[];
  /** Cosine a photo needs in multi mode; null: derived from the photos being tagged. */
  readonly threshold: number | null;
}

export interface LabelSet {
  readonly name: string;
  readonly mode: LabelMode;
  readonly templates: readonly string[];
  /** The labels photos are scored against: those without children in the set. */
  readonly labels: readonly Label[];
  readonly file: string;
  /**
   * Kept from older files and ignored: every set judges its labels against "none of these", so
   * photos of something else get no tag in either mode.
   */
  readonly background?: boolean;
}

/** One label of the tree, parents included; prompts null: the leaf name stands for it. */
export interface LabelNode {
  readonly name: string;
  readonly prompts: readonly string[] | null;
  readonly threshold: number | null;
}

/** A label set file as the user wrote it: every label of the tree, in file order. */
export interface LabelDocument {
  readonly name: string;
  readonly mode: LabelMode;
  readonly templates: readonly string[];
  readonly background: boolean;
  readonly nodes: readonly LabelNode[];
}

export const DEFAULT_TEMPLATES: readonly string[] = ['a photo of a {}.'];

/** A label set that cannot be used; the message names the file and what is wrong. */
export class LabelSetError extends Error {
  override readonly name = 'LabelSetError';
  readonly code: EngineErrorCode = 'BAD_LABEL_SET';
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`Label set ${file}: ${problem}`);
  }
}

interface RawLabel {
  readonly name: string;
  readonly prompts?: readonly string[];
  readonly threshold?: number;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function nonEmptyStrings(value: unknown): value is string[] {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((item) => typeof item === 'string' && item.trim() !== '')
  );
}

/** "A / B" -> "A/B"; refuses empty levels. */
function normaliseName(name: string): string | null {
  const parts = name.split('/').map((part) => part.trim());
  return parts.some((part) => part === '') ? null : parts.join('/');
}

interface ParsedFile {
  readonly name: string;
  readonly mode: LabelMode;
  readonly templates: readonly string[];
  readonly background: boolean;
  readonly raw: RawLabel[];
}

function parseJson(file: string, text: string): ParsedFile {
  const fail = (problem: string): never => {
    throw new LabelSetError(file, problem);
  };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    fail(`is not valid JSON (${(error as Error).message})`);
  }
  if (!isObject(data)) return fail('must be a JSON object with "labels"');
  const name = data.name ?? basename(file, extname(file));
  if (typeof name !== 'string' || name.trim() === '') fail('"name" must be a non-empty string');
  const mode = data.mode ?? 'exclusive';
  if (mode !== 'exclusive' && mode !== 'multi') fail('"mode" must be "exclusive" or "multi"');
  const templates = data.templates ?? DEFAULT_TEMPLATES;
  if (!nonEmptyStrings(templates)) fail('"templates" must be a list of non-empty strings');
  (templates as string[]).forEach((template, i) => {
    if (!template.includes('{}')) fail(`templates[${i}] must contain {} (where the prompt goes)`);
  });
  if (data.background !== undefined && typeof data.background !== 'boolean')
    fail('"background" must be true or false');
  if (!Array.isArray(data.labels) || data.labels.length === 0)
    fail('"labels" must be a non-empty list');
  const raw = (data.labels as unknown[]).map((label, i): RawLabel => {
    const where = `labels[${i}]`;
    if (typeof label === 'string') return { name: label };
    if (!isObject(label)) return fail(`${where} must be an object with a "name" or a string`);
    if (typeof label.name !== 'string' || label.name.trim() === '')
      fail(`${where}.name must be a non-empty string`);
    if (label.prompts !== undefined && !nonEmptyStrings(label.prompts))
      fail(`${where}.prompts must be a list of non-empty strings`);
    const threshold = label.threshold;
    if (
      threshold !== undefined &&
      (typeof threshold !== 'number' || !Number.isFinite(threshold) || Math.abs(threshold) > 1)
    )
      fail(`${where}.threshold must be a number between -1 and 1 (a cosine similarity)`);
    return {
      name: label.name as string,
      ...(label.prompts !== undefined && { prompts: label.prompts as string[] }),
      ...(threshold !== undefined && { threshold: threshold as number }),
    };
  });
  return {
    name: (name as string).trim(),
    mode: mode as LabelMode,
    templates: templates as string[],
    background: data.background === true,
    raw,
  };
}

function parsePlainText(file: string, text: string): RawLabel[] {
  const labels: RawLabel[] = [];
  // Open ancestors: each with its indentation width and name.
  const stack: { indent: number; name: string }[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const content = line.trim();
    if (content === '' || content.startsWith('#')) return;
    const indent = (/^[\t ]*/.exec(line)?.[0] ?? '').replace(/\t/g, '    ').length;
    while (stack.length > 0 && (stack[stack.length - 1] as { indent: number }).indent >= indent)
      stack.pop();
    const parent = stack[stack.length - 1];
    if (parent === undefined && indent > 0 && labels.length > 0)
      throw new LabelSetError(file, `line ${i + 1} is indented but has no label above it`);
    const name = parent === undefined ? content : `${parent.name}/${content}`;
    labels.push({ name });
    stack.push({ indent, name });
  });
  return labels;
}

/** Checks names; adds the parents a file implies ("A/B" without "A" listed). */
function labelNodes(file: string, raw: readonly RawLabel[]): LabelNode[] {
  const nodes = new Map<string, LabelNode>();
  const implied = new Set<string>(); // parents only named by their children so far
  for (const label of raw) {
    const name = normaliseName(label.name);
    if (name === null)
      throw new LabelSetError(file, `label "${label.name}" has an empty level (check its "/")`);
    if (nodes.has(name) && !implied.has(name))
      throw new LabelSetError(file, `label "${name}" is listed twice`);
    for (const parent of ancestorsOf(name)) {
      if (!nodes.has(parent)) {
        implied.add(parent);
        nodes.set(parent, { name: parent, prompts: null, threshold: null });
      }
    }
    implied.delete(name);
    nodes.set(name, { name, prompts: label.prompts ?? null, threshold: label.threshold ?? null });
  }
  return [...nodes.values()];
}

/** The labels photos are scored against: those without children. */
export function scoredLabels(nodes: readonly LabelNode[]): Label[] {
  const parents = new Set(nodes.flatMap((node) => ancestorsOf(node.name)));
  return nodes
    .filter((node) => !parents.has(node.name))
    .map((node) => ({
      name: node.name,
      prompts: node.prompts ?? [node.name.split('/').pop() as string],
      threshold: node.threshold,
    }));
}

/** Parses a label set file into its tree; `.json` files (or text starting with `{`) are JSON. */
export function parseLabelDocument(file: string, text: string): LabelDocument {
  const json = extname(file).toLowerCase() === '.json' || text.trimStart().startsWith('{');
  const parsed: ParsedFile = json
    ? parseJson(file, text)
    : {
        name: basename(file, extname(file)),
        mode: 'exclusive',
        templates: DEFAULT_TEMPLATES,
        background: false,
        raw: parsePlainText(file, text),
      };
  const nodes = labelNodes(file, parsed.raw);
  if (nodes.length === 0) throw new LabelSetError(file, 'has no labels');
  return {
    name: parsed.name,
    mode: parsed.mode,
    templates: parsed.templates,
    background: parsed.background,
    nodes,
  };
}

/** The set photos are scored with; refuses one that cannot tag anything. */
export function labelSetOf(document: LabelDocument, file: string): LabelSet {
  const labels = scoredLabels(document.nodes);
  if (labels.length === 0) throw new LabelSetError(file, 'has no labels');
  return {
    name: document.name,
    mode: document.mode,
    templates: document.templates,
    labels,
    file,
    background: document.background,
  };
}

/** Parses a label set from its text; `.json` files (or text starting with `{`) are JSON. */
export function parseLabelSet(file: string, text: string): LabelSet {
  return labelSetOf(parseLabelDocument(file, text), file);
}

export async function readLabelSet(file: string): Promise<LabelSet> {
  let text: string;
  try {
    // Never blocks: a FIFO or device is refused at once, a stalled drive after the deadline.
    text = await readRegularText(file, { maxBytes: MAX_LABEL_FILE_BYTES });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new LabelSetError(file, `cannot be read (${why})`);
  }
  return parseLabelSet(file, text);
}

/** "A/B/C" -> ["A", "A/B"]: the labels above it, outermost first. */
export function ancestorsOf(name: string): string[] {
  const parts = name.split('/');
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('/'));
}
