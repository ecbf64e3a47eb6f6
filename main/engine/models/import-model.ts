// Imports a model folder from disk: checked where it is (so the error names the user's own file),
// copied into a hidden folder inside the models folder, then renamed into place.
import { cp, mkdir, rename, rm, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { engineError } from '../engine-error';
import { checkModelFolder, type ModelFacts } from './package-check';

export const IMPORTS_FOLDER = '.imports';

export interface ImportResult {
  readonly dir: string;
  readonly facts: ModelFacts;
}

/** `taken`: ids already in use (installed models and the built-in one). */
export async function importModelFolder(
  source: string,
  modelsDir: string,
  taken: readonly string[],
  name?: string,
): Promise<ImportResult> {
  const from = resolve(source);
  const info = await stat(from).catch(() => null);
  if (!info?.isDirectory())
    throw engineError('BAD_PATH', `${from} is not a folder: import a model package folder.`);
  const id = name ?? basename(from);
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(id))
    throw engineError(
      'BAD_ARGUMENT',
      `"${id}" cannot name a model: use letters, digits, . _ or -.`,
    );
  if (taken.some((other) => other.toLowerCase() === id.toLowerCase()))
    throw engineError('ALREADY_INSTALLED', `A model named ${id} is already installed.`);
  const facts = await checkModelFolder(from);
  const staging = join(modelsDir, IMPORTS_FOLDER, `${id}-${process.pid}-${Date.now()}`);
  const target = join(modelsDir, id);
  await mkdir(join(modelsDir, IMPORTS_FOLDER), { recursive: true });
  try {
    await cp(from, staging, { recursive: true, errorOnExist: true, force: false });
    await rename(staging, target);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC' || code === 'EDQUOT')
      throw engineError(
        'DISK_FULL',
        `The disk is full: ${id} could not be copied into ${modelsDir}.`,
      );
    throw error;
  }
  return { dir: target, facts: { ...facts, id } };
}
