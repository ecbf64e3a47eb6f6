// Installs a catalog model: every file is downloaded into a hidden folder inside the models
// folder, checked (size, SHA-256, then the whole package is loaded), and only then renamed into
// place, so a half-downloaded or corrupt model is never offered or used.
import { createReadStream } from 'node:fs';
import { mkdir, readdir, rename, rm, rmdir, stat, statfs } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { engineError } from '../engine-error';
import { filesFromListing, type CatalogFile, type CatalogModel } from './catalog';
import { DownloadError, downloadToPartial, formatBytes, isDiskFull } from './download-file';
import { checkModelFolder, type ModelFacts } from './package-check';
import { DownloadMeter, type DownloadProgress } from './download-meter';

export { DownloadError };
export type { DownloadProgress };

export const DOWNLOADS_FOLDER = '.downloads';

export interface InstallOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: DownloadProgress) => void;
  /** Free bytes on the disk holding `dir` (a parameter so a full disk can be tested). */
  readonly freeBytes?: (dir: string) => Promise<number>;
}

export interface InstallResult {
  readonly dir: string;
  readonly facts: ModelFacts;
  readonly bytes: number;
}

async function diskFreeBytes(dir: string): Promise<number> {
  const info = await statfs(dir);
  return Number(info.bavail) * Number(info.bsize);
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function sizeOf(path: string): Promise<number | null> {
  return (await stat(path).catch(() => null))?.size ?? null;
}

/** The file list: the catalog's, completed by the repository listing when it can be read. */
async function resolveFiles(model: CatalogModel, signal?: AbortSignal): Promise<CatalogFile[]> {
  if (model.listing === null) return model.files;
  try {
    const response = await fetch(model.listing, { signal });
    if (!response.ok) return model.files;
    return filesFromListing(model, await response.json());
  } catch {
    if (signal?.aborted) throw new DownloadError('The download was cancelled.', 'CANCELLED');
    return model.files; // the files themselves may still be reachable; the package check decides
  }
}

/** Refuses to start a download the disk cannot hold, naming what is needed and what is free. */
async function checkSpace(
  model: CatalogModel,
  files: readonly CatalogFile[],
  staging: string,
  modelsDir: string,
  freeBytes: (dir: string) => Promise<number>,
): Promise<void> {
  let needed = 0;
  for (const file of files) {
    if (file.size === null) continue;
    const done = await sizeOf(join(staging, file.path));
    const partial = (await sizeOf(join(staging, `${file.path}.part`))) ?? 0;
    if (done === null) needed += Math.max(0, file.size - partial);
  }
  const free = await freeBytes(staging);
  if (needed > free)
    throw new DownloadError(
      `Not enough disk space for ${model.name}: it needs ${formatBytes(needed)} more, but only ${formatBytes(free)} is free on the disk holding ${modelsDir}.`,
      'DISK_FULL',
    );
}

/** Checks a finished file against the catalog; a bad one is deleted so the next try refetches it. */
async function verify(model: CatalogModel, file: CatalogFile, path: string): Promise<void> {
  const label = `${file.path} of ${model.name}`;
  const size = (await sizeOf(path)) ?? 0;
  const fail = async (problem: string): Promise<never> => {
    await rm(path, { force: true });
    await rm(`${path}.etag`, { force: true });
    throw new DownloadError(
      `${label} is corrupt: ${problem}. The file was discarded and the model was not installed; install again to download it anew.`,
      'CHECKSUM',
    );
  };
  if (file.size !== null && size !== file.size)
    await fail(`it has ${size} bytes, the catalog expects ${file.size}`);
  if (file.sha256 !== null) {
    const actual = await sha256Of(path);
    if (actual !== file.sha256)
      await fail(`its SHA-256 is ${actual}, the catalog expects ${file.sha256}`);
  }
}

export async function installFromCatalog(
  model: CatalogModel,
  modelsDir: string,
  options: InstallOptions = {},
): Promise<InstallResult> {
  if (model.files.length === 0)
    throw engineError(
      'NOT_DOWNLOADABLE',
      `${model.name} cannot be downloaded: no public ONNX export exists. ${model.export ? `Export it with "${model.export.command}", then "${model.export.then}".` : ''}`.trim(),
    );
  const target = join(modelsDir, model.name);
  if ((await sizeOf(target)) !== null)
    throw engineError('ALREADY_INSTALLED', `${model.name} is already installed (${target}).`);
  const staging = join(modelsDir, DOWNLOADS_FOLDER, model.name);
  await mkdir(staging, { recursive: true });
  const { signal } = options;
  try {
    const files = await resolveFiles(model, signal);
    await checkSpace(model, files, staging, modelsDir, options.freeBytes ?? diskFreeBytes);
    const meter = new DownloadMeter(model.name, files, options.onProgress);
    for (const file of files) {
      const done = join(staging, file.path);
      const partial = `${done}.part`;
      meter.startFile(file.path);
      const finished = await sizeOf(done);
      if (finished !== null) {
        meter.skip(file.path, finished); // verified on an earlier try
        continue;
      }
      await mkdir(dirname(done), { recursive: true });
      await downloadToPartial({
        url: file.url,
        partial,
        label: `${file.path} of ${model.name}`,
        signal,
        onSize: (bytes) => meter.setSize(file.path, bytes),
        onResume: (bytes) => meter.resume(file.path, bytes),
        onBytes: (bytes) => meter.add(bytes),
      });
      await verify(model, file, partial);
      await rm(`${partial}.etag`, { force: true });
      await rename(partial, done);
    }
    meter.finish();
    const facts = await checkModelFolder(staging).catch(async (error: Error) => {
      // A package that fails to load will not heal by resuming: drop it entirely.
      await rm(staging, { recursive: true, force: true });
      throw engineError(
        'MODEL_PACKAGE',
        `${model.name} was downloaded but cannot be used, so it was not installed: ${error.message}`,
      );
    });
    await rename(staging, target);
    await rmdir(join(modelsDir, DOWNLOADS_FOLDER)).catch(() => {}); // only when no other download waits
    return { dir: target, facts, bytes: meter.totalBytes() };
  } catch (error) {
    if (error instanceof DownloadError && error.code === 'CANCELLED')
      await rm(staging, { recursive: true, force: true });
    if (isDiskFull(error))
      throw new DownloadError(
        `The disk is full: ${model.name} could not be written to ${staging}. Free some space and install again; the download resumes where it stopped.`,
        'DISK_FULL',
      );
    throw error;
  }
}

/** Partial downloads that could be resumed, by model name. */
export async function unfinishedDownloads(modelsDir: string): Promise<string[]> {
  const entries = await readdir(join(modelsDir, DOWNLOADS_FOLDER), { withFileTypes: true }).catch(
    () => [],
  );
  return entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name);
}
