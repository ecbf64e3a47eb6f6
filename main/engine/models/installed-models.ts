// The models installed in a library's models folder, plus the built-in demo model. Folders whose
// name starts with a dot are downloads and imports in progress and are never offered.
import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InstalledModelSummary } from '../../../preload/contract/models';
import { engineError } from '../engine-error';

export const MODELS_FOLDER = 'models';
export const DEMO_MODEL_ID = 'tiny-clip-shapes';

/** A model folder as found on disk; the library adds whether it is active and what it embedded. */
export type InstalledModel = Omit<InstalledModelSummary, 'active' | 'embeddedPhotos'>;

export function modelsDirOf(libraryDir: string): string {
  return join(libraryDir, MODELS_FOLDER);
}

/** assets/models, found from this file whether it runs from source or a bundle. */
export function assetsModelsDir(): string {
  const resources = (process as { resourcesPath?: string }).resourcesPath;
  const candidates: string[] = [];
  if (resources !== undefined) candidates.push(join(resources, 'assets', 'models'));
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 6; up++, dir = dirname(dir)) candidates.push(join(dir, 'assets', 'models'));
  return (
    candidates.find((candidate) => existsSync(join(candidate, DEMO_MODEL_ID, 'config.json'))) ??
    resolve('assets', 'models')
  );
}

async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += await folderBytes(path);
    else if (entry.isFile()) total += (await stat(path)).size;
  }
  return total;
}

async function describe(dir: string, builtIn: boolean): Promise<InstalledModel | null> {
  let config: Record<string, unknown>;
  try {
    config = JSON.parse(await readFile(join(dir, 'config.json'), 'utf8')) as Record<
      string,
      unknown
    >;
  } catch {
    return null;
  }
  const number = (value: unknown): number | null =>
    typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : null;
  const vision = (config.vision_cfg ?? {}) as Record<string, unknown>;
  const id = basename(dir);
  return {
    id,
    name: typeof config.name === 'string' && config.name !== '' ? config.name : id,
    dir,
    builtIn,
    embedDim: number(config.embed_dim),
    imageSize: number(vision.image_size),
    bytes: await folderBytes(dir),
  };
}

/** The built-in demo model first, then the library's models by name. */
export async function listInstalledModels(
  modelsDir: string,
  builtInDir: string,
): Promise<InstalledModel[]> {
  const models: InstalledModel[] = [];
  const demo = await describe(resolve(builtInDir), true);
  if (demo !== null) models.push(demo);
  const entries = await readdir(modelsDir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const model = await describe(join(modelsDir, entry.name), false);
    if (model !== null && model.id !== demo?.id) models.push(model);
  }
  return models;
}

/** An installed model by id (folder name) or display name. */
export function findInstalled(models: readonly InstalledModel[], name: string): InstalledModel {
  const wanted = name.toLowerCase();
  const model =
    models.find((m) => m.id.toLowerCase() === wanted) ??
    models.find((m) => m.name.toLowerCase() === wanted);
  if (model === undefined)
    throw engineError(
      'UNKNOWN_MODEL',
      `No installed model is named ${name}. Installed: ${models.map((m) => m.id).join(', ')}.`,
    );
  return model;
}
