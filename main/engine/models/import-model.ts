// Imports a model folder from disk: checked where it is (so the error names the user's own file),
// copied into a hidden folder inside the models folder, then renamed into place.
import { cp, mkdir, rename, rm, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
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
    throw Object.assign(new Error(`${from} is not a folder: import a model package folder.`), {
      code: 'BAD_PATH',
    });
  const id = name ?? basename(from);
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(id))
    throw Object.assign(new Error(`"${id}" cannot name a model: use letters, digits, . _ or -.`), {
      code: 'BAD_ARGUMENT',
    });
  if (taken.some((other) => other.toLowerCase() === id.toLowerCase()))
    throw Object.assign(new Error(`A model named ${id} is already installed.`), {
      code: 'ALREADY_INSTALLED',
    });
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
      throw Object.assign(
        new Error(`The disk is full: ${id} could not be copied into ${modelsDir}.`),
        { code: 'DISK_FULL' },
      );
    throw error;
  }
  return { dir: target, facts: { ...facts, id } };
}
