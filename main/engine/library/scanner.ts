// Finds the photos under a folder: recursive, hidden folders and files skipped, symlinked folders
// followed once (a link back up the tree cannot loop), results sorted so runs are repeatable.
import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { PHOTO_EXTENSIONS, RAW_EXTENSIONS, VIDEO_EXTENSIONS } from '../../../native/photo-formats';

export { PHOTO_EXTENSIONS };

export function isPhotoPath(path: string): boolean {
  return PHOTO_EXTENSIONS.has(extname(path).toLowerCase());
}

export interface ScannedPhoto {
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
}

export interface IgnoredMedia {
  readonly path: string;
  readonly reason: string;
}

export interface ScanResult {
  readonly photos: ScannedPhoto[];
  /** Folders that could not be listed, with the reason. */
  readonly problems: { readonly path: string; readonly error: string }[];
  /** Media files that are not read as photos (videos), so nothing disappears without a word. */
  readonly ignored: IgnoredMedia[];
  /** JPEGs that are the companion of a raw beside them (one photo, the raw its master). */
  readonly companions: { readonly path: string; readonly master: string }[];
}

export interface ScanOptions {
  /** Index the JPEG of a RAW+JPEG pair as a photo of its own (default: the raw stands for both). */
  readonly pairsApart?: boolean;
}

export function isVideoPath(path: string): boolean {
  return VIDEO_EXTENSIONS.has(extname(path).toLowerCase());
}

/** What pairs a raw with its JPEG: the folder and the name without extension, any case. */
export const pairKey = (path: string): string => {
  const name = basename(path);
  const dot = name.lastIndexOf('.');
  return join(dirname(path), (dot > 0 ? name.slice(0, dot) : name).toLowerCase());
};
export const JPEG_EXTENSIONS: ReadonlySet<string> = new Set(['.jpg', '.jpeg', '.jpe']);

/**
 * Splits RAW+JPEG pairs (one base name in one folder, as cameras write them): the raw is the master
 * and stays a photo, the JPEG becomes its companion. Videos beside photos are named here too: a
 * Live Photo's .MOV says whose motion it is.
 */
function pairUp(scan: ScanResult, options: ScanOptions): ScanResult {
  const raws = new Map<string, string>();
  const stills = new Map<string, string>();
  for (const photo of scan.photos) {
    if (RAW_EXTENSIONS.has(extname(photo.path).toLowerCase()))
      raws.set(pairKey(photo.path), photo.path);
    else stills.set(pairKey(photo.path), photo.path);
  }
  const companions: { path: string; master: string }[] = [];
  const photos = scan.photos.filter((photo) => {
    if (options.pairsApart === true || !JPEG_EXTENSIONS.has(extname(photo.path).toLowerCase()))
      return true;
    const master = raws.get(pairKey(photo.path));
    if (master === undefined) return true;
    companions.push({ path: photo.path, master });
    return false;
  });
  const ignored = scan.ignored.map(({ path }) => {
    const still = stills.get(pairKey(path)) ?? raws.get(pairKey(path));
    return {
      path,
      reason:
        still === undefined
          ? 'video: Facet indexes photos only'
          : `video of a Live Photo: its still ${basename(still)} is indexed`,
    };
  });
  return { ...scan, photos, ignored, companions };
}

function reason(error: unknown, path: string): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  // Node reads names as UTF-8: bytes that are not become U+FFFD, and that name does not exist.
  if (code === 'ENOENT' && path.includes('\uFFFD'))
    return 'its name is not valid UTF-8, so it cannot be opened by name; rename it (e.g. with convmv)';
  if (code === 'ENOENT') return 'no longer exists';
  return error instanceof Error ? error.message : String(error);
}

/** Every photo under `path` (a folder, or a single photo, which yields itself). */
export async function scanPhotos(path: string, options: ScanOptions = {}): Promise<ScanResult> {
  return pairUp(await scanFiles(path), options);
}

async function scanFiles(path: string): Promise<ScanResult> {
  const photos: ScannedPhoto[] = [];
  const problems: { path: string; error: string }[] = [];
  const ignored: IgnoredMedia[] = [];
  const result = { photos, problems, ignored, companions: [] };
  const top = await stat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return null;
    throw error;
  });
  if (top === null) return result; // gone since it was listed: it holds no photos
  if (top.isFile()) {
    if (isPhotoPath(path)) photos.push({ path, size: top.size, mtimeMs: top.mtimeMs });
    return result;
  }
  const visited = new Set<string>();

  const walk = async (folder: string): Promise<void> => {
    let entries: Dirent[];
    try {
      const real = await realpath(folder);
      if (visited.has(real)) return;
      visited.add(real);
      entries = await readdir(folder, { withFileTypes: true });
    } catch (error) {
      problems.push({ path: folder, error: reason(error, folder) });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const child = join(folder, entry.name);
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        const target = await stat(child).catch(() => null); // a dangling link is not a photo
        isDirectory = target?.isDirectory() ?? false;
        isFile = target?.isFile() ?? false;
      }
      if (isDirectory) {
        await walk(child);
      } else if (isFile && isVideoPath(child)) {
        ignored.push({ path: child, reason: '' });
      } else if (isFile && isPhotoPath(child)) {
        try {
          const info = await stat(child);
          photos.push({ path: child, size: info.size, mtimeMs: info.mtimeMs });
        } catch (error) {
          problems.push({ path: child, error: reason(error, child) });
        }
      }
    }
  };
  await walk(path);
  return result;
}

export type PathCheck =
  | { readonly ok: true; readonly kind: 'folder' | 'photo' }
  | { readonly ok: false; readonly reason: string };

/** Whether `path` can be added to a library: an existing folder or a supported photo. */
export async function checkLibraryPath(path: string): Promise<PathCheck> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => error);
  if (info instanceof Error) {
    if (info.code === 'ENOENT' || info.code === 'ENOTDIR')
      return { ok: false, reason: 'does not exist' };
    return { ok: false, reason: `cannot be read (${reason(info, path)})` };
  }
  if (info.isDirectory()) return { ok: true, kind: 'folder' };
  if (!info.isFile()) return { ok: false, reason: 'is not a folder or a photo' };
  if (!isPhotoPath(path)) {
    const known = [...PHOTO_EXTENSIONS]
      .filter((ext) => !RAW_EXTENSIONS.has(ext))
      .map((ext) => ext.slice(1))
      .concat('camera raw files')
      .join(', ');
    return { ok: false, reason: `is not a supported photo (${known})` };
  }
  return { ok: true, kind: 'photo' };
}
