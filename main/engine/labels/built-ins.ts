// The label sets and template presets shipped in assets/label-sets: starting points a user copies
// into the library and then makes their own.
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BuiltInLabelSet, TemplatePreset } from '../../../preload/contract/labels';
import { parseLabelDocument, scoredLabels, type LabelDocument } from './label-set';
import { engineError } from '../engine-error';

const FOLDER = join('assets', 'label-sets');

/** assets/label-sets from the checkout or the bundle, else the packaged app's resources. */
export function builtInFolder(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 6; up++, dir = dirname(dir))
    if (existsSync(join(dir, FOLDER))) return join(dir, FOLDER);
  const resources = (process as { resourcesPath?: string }).resourcesPath;
  return resources === undefined ? FOLDER : join(resources, FOLDER);
}

const ID = /^[a-z0-9][a-z0-9-]*$/;

export async function readBuiltIn(id: string): Promise<LabelDocument> {
  if (!ID.test(id)) throw engineError('NOT_FOUND', `There is no built-in label set "${id}".`);
  const file = join(builtInFolder(), `${id}.json`);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw engineError('NOT_FOUND', `There is no built-in label set "${id}".`);
  }
  return parseLabelDocument(file, text);
}

export async function builtInLabelSets(): Promise<BuiltInLabelSet[]> {
  const names = (await readdir(builtInFolder()).catch(() => [] as string[]))
    .filter((name) => name.endsWith('.json'))
    .sort();
  const sets = await Promise.all(
    names.map(async (name) => {
      const id = name.slice(0, -'.json'.length);
      const document = await readBuiltIn(id);
      return {
        id,
        name: document.name,
        mode: document.mode,
        labels: scoredLabels(document.nodes).length,
      };
    }),
  );
  return sets;
}

export async function templatePresets(): Promise<TemplatePreset[]> {
  const folder = join(builtInFolder(), 'templates');
  const names = (await readdir(folder).catch(() => [] as string[]))
    .filter((name) => name.endsWith('.json'))
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const data = JSON.parse(await readFile(join(folder, name), 'utf8')) as {
        name: string;
        templates: string[];
      };
      return { id: name.slice(0, -'.json'.length), name: data.name, templates: data.templates };
    }),
  );
}
