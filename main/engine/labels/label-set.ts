// Label set files (DESIGN.md "Label set file"): the JSON form, and plain text with one label per
// line where indentation makes a child ("Shapes\n  Round\n    Circle" -> Shapes/Round/Circle).
import { basename, extname } from 'node:path';
import type { LabelMode } from '../../../preload/contract/labels';
import type { EngineErrorCode } from '../engine-error';
import { readRegularText } from '../../../native/read-regular-file';
import { splitLevels } from '../export/keywords';

/** Label files are small text; a larger one is not a label file. */
const MAX_LABEL_FILE_BYTES = 64 * 1024 * 1024;

// Limits every way in shares (editor, label files, keyword import, command line): each label is
// a text the model embeds and a row every photo is scored against, and names are shown in lists.
/** Characters in one level of a label's name ("Heron" in "Animals/Bird/Heron"). */
export const MAX_LABEL_LEVEL = 256;
/** Characters in a label's full name, levels and slashes included (a tree 1,000 deep fits). */
export const MAX_LABEL_PATH = 16_384;
/** Labels in one set, parents included. */
export const MAX_LABELS = 100_000;
/** Characters in a prompt or a set's name. */
export const MAX_TEXT = 1024;

// C0 and C1 control characters and DEL: they would rewrite a terminal or hide in a list.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

const shortened = (text: string) =>
  JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}...` : text).replace(/\\u00/g, '\\x');

/** Why `name` cannot be a label's name ("is too long ..."), or null when it can. */
export function labelNameProblem(name: string): string | null {
  if (CONTROL.test(name)) return `name ${shortened(name)} holds a control character`;
  const level = pathLevels(name).find((part) => part.trim().length > MAX_LABEL_LEVEL);
  if (level !== undefined)
    return `name level ${shortened(level)} is too long (${level.trim().length.toLocaleString('en')} characters, at most ${MAX_LABEL_LEVEL})`;
  if (name.length > MAX_LABEL_PATH)
    return `name of ${name.length.toLocaleString('en')} characters is too long (at most ${MAX_LABEL_PATH.toLocaleString('en')})`;
  return null;
}

/** Why `text` cannot be a prompt, or null. */
export function promptProblem(text: string): string | null {
  if (CONTROL.test(text)) return `${shortened(text)} holds a control character`;
  if (text.length > MAX_TEXT)
    return `of ${text.length.toLocaleString('en')} characters is too long (at most ${MAX_TEXT})`;
  return null;
}

/** Why `name` cannot name a label set, or null. */
export function setNameProblem(name: string): string | null {
  if (CONTROL.test(name)) return `${shortened(name)} holds a control character`;
  if (name.length > MAX_TEXT)
    return `of ${name.length.toLocaleString('en')} characters is too long (at most ${MAX_TEXT})`;
  return null;
}

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
  const parts = pathLevels(name).map((part) => part.trim());
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
  const nameProblem = setNameProblem(name as string);
  if (nameProblem !== null) fail(`"name" ${nameProblem}`);
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
    for (const prompt of (label.prompts as string[] | undefined) ?? []) {
      const problem = promptProblem(prompt);
      if (problem !== null) fail(`${where}.prompts: the prompt ${problem}`);
    }
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
  // The first indented line decides: tabs or spaces. A mix reads differently in every editor.
  let indentWith: { char: string; line: number } | null = null;
  text.split(/\r?\n/).forEach((line, i) => {
    const content = line.trim();
    if (content === '' || content.startsWith('#')) return;
    const whitespace = /^[\t ]*/.exec(line)?.[0] ?? '';
    if (whitespace.includes('\t') && whitespace.includes(' '))
      throw new LabelSetError(
        file,
        `line ${i + 1} is indented with both tabs and spaces; indent with one or the other`,
      );
    if (whitespace !== '') {
      indentWith ??= { char: whitespace[0] as string, line: i + 1 };
      if (whitespace[0] !== indentWith.char)
        throw new LabelSetError(
          file,
          `line ${i + 1} is indented with ${whitespace[0] === '\t' ? 'tabs' : 'spaces'} but line ${indentWith.line} with ${indentWith.char === '\t' ? 'tabs' : 'spaces'}; indent with one or the other`,
        );
    }
    const indent = whitespace.length;
    let closed: number | null = null;
    while (stack.length > 0 && (stack[stack.length - 1] as { indent: number }).indent >= indent)
      closed = (stack.pop() as { indent: number }).indent;
    const parent = stack[stack.length - 1];
    if (parent === undefined && indent > 0 && labels.length > 0)
      throw new LabelSetError(file, `line ${i + 1} is indented but has no label above it`);
    // Going back out must land on a level already used, else the line's parent is a guess.
    if (closed !== null && closed !== indent && parent !== undefined)
      throw new LabelSetError(
        file,
        `line ${i + 1} is indented ${indent} but no label above it is; line it up with one`,
      );
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
    const problem = labelNameProblem(label.name);
    if (problem !== null) throw new LabelSetError(file, `a label ${problem}`);
    const name = normaliseName(label.name);
    if (name === null)
      throw new LabelSetError(file, `label "${label.name}" has an empty level (check its "/")`);
    if (nodes.has(name) && !implied.has(name))
      throw new LabelSetError(file, `label "${name}" is listed twice`);
    // Parents in order, outermost first, added only until one is already there.
    const missing: string[] = [];
    for (
      let parent = parentOf(name);
      parent !== null && !nodes.has(parent);
      parent = parentOf(parent)
    )
      missing.push(parent);
    for (let i = missing.length - 1; i >= 0; i--) {
      const parent = missing[i] as string;
      implied.add(parent);
      nodes.set(parent, { name: parent, prompts: null, threshold: null });
    }
    implied.delete(name);
    nodes.set(name, { name, prompts: label.prompts ?? null, threshold: label.threshold ?? null });
    if (nodes.size > MAX_LABELS)
      throw new LabelSetError(
        file,
        `has more than ${MAX_LABELS.toLocaleString('en')} labels (parents included); split it into several sets`,
      );
  }
  return [...nodes.values()];
}

/** The labels photos are scored against: those without children. */
export function scoredLabels(nodes: readonly LabelNode[]): Label[] {
  // Every parent is a node too, so each node's own parent is enough (linear however deep).
  const parents = new Set<string>();
  for (const node of nodes) {
    const parent = parentOf(node.name);
    if (parent !== null) parents.add(parent);
  }
  return nodes
    .filter((node) => !parents.has(node.name))
    .map((node) => ({
      name: node.name,
      prompts: node.prompts ?? [splitLevels(node.name).pop() ?? node.name],
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

/**
 * Where a name's levels meet: each `/` that is not escaped. `AC\/DC/Live` (a keyword read from
 * another app) is "AC/DC" with "Live" under it, as splitLevels (export/keywords.ts) reads it.
 */
export function levelBreaks(name: string): number[] {
  const breaks: number[] = [];
  for (let i = 0; i < name.length; i++) {
    const char = name[i];
    if (char === '\\' && (name[i + 1] === '/' || name[i + 1] === '\\')) i++;
    else if (char === '/') breaks.push(i);
  }
  return breaks;
}

/** "A/B/C" -> ["A", "A/B", "A/B/C"] as written (escapes kept), one per level. */
export function pathLevels(name: string): string[] {
  const breaks = [...levelBreaks(name), name.length];
  return breaks.map((at, i) => name.slice(i === 0 ? 0 : (breaks[i - 1] as number) + 1, at));
}

/** "A/B/C" -> ["A", "A/B"]: the labels above it, outermost first. */
export function ancestorsOf(name: string): string[] {
  return levelBreaks(name).map((at) => name.slice(0, at));
}

/** "A/B/C" -> "A/B"; null for a top-level label. */
export function parentOf(name: string): string | null {
  const at = levelBreaks(name).pop();
  return at === undefined ? null : name.slice(0, at);
}
