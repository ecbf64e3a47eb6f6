// A label set written back to the file formats it can be read from (DESIGN.md "Label set file").
import type { LabelSetDetail } from '../../../preload/contract/labels';
import { ancestorsOf, pathLevels } from './label-set';

/** A file name from the set's name: "Food & drink" -> "food-drink.json". */
export function fileNameFor(name: string, format: 'json' | 'text'): string {
  const stem =
    name
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '') || 'labels';
  return `${stem}.${format === 'json' ? 'json' : 'txt'}`;
}

/** JSON: every label with prompts or a threshold, and each leaf; parents follow from the paths. */
export function labelSetJson(detail: LabelSetDetail): string {
  const parents = new Set(detail.labels.flatMap((label) => ancestorsOf(label.path)));
  const labels = detail.labels
    .filter(
      (label) => !parents.has(label.path) || label.prompts !== null || label.threshold !== null,
    )
    .map((label) => ({
      name: label.path,
      ...(label.prompts !== null && { prompts: label.prompts }),
      ...(label.threshold !== null && { threshold: label.threshold }),
    }));
  const document = {
    name: detail.name,
    mode: detail.mode,
    templates: detail.templates,
    ...(detail.background && { background: true }),
    labels,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** Plain text: one label per line, two spaces of indent per level (prompts are not kept). */
export function labelSetText(detail: LabelSetDetail): string {
  const lines = [`# ${detail.name}`];
  for (const label of detail.labels) {
    const levels = pathLevels(label.path);
    lines.push(`${'  '.repeat(levels.length - 1)}${levels[levels.length - 1] as string}`);
  }
  return `${lines.join('\n')}\n`;
}
