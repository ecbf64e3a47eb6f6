// Finds the photos under a folder: recursive, hidden folders and files skipped, symlinked folders
// followed once (a link back up the tree cannot loop), results sorted so runs are repeatable.
import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';

export const PHOTO_EXTENSIONS: ReadonlySet<string> = new Set([
  '.jpg',
  '.jpeg',
  '.png',
  '.webp',
  '.tiff',
  '.tif',
  '.gif',
  '.avif',
  '.heic',
  '.heif',
]);

export function isPhotoPath(path: string): boolean {
  return PHOTO_EXTENSIONS.has(extname(path).toLowerCase());
}

export interface ScannedPhoto {
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
}

export interface ScanResult {
  readonly photos: ScannedPhoto[];
  /** Folders that could not be listed, with the reason. */
  readonly problems: { readonly path: string; readonly error: string }[];
}

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOENT') return 'no longer exists';
  return error instanceof Error ? error.message : String(error);
}

/** Every photo under `path` (a folder, or a single photo, which yields itself). */
export async function scanPhotos(path: string): Promise<ScanResult> {
  const photos: ScannedPhoto[] = [];
  const problems: { path: string; error: string }[] = [];
  const top = await stat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return null;
    throw error;
  });
  if (top === null) return { photos, problems }; // gone since it was listed: it holds no photos
  if (top.isFile()) {
    if (isPhotoPath(path)) photos.push({ path, size: top.size, mtimeMs: top.mtimeMs });
    return { photos, problems };
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
      problems.push({ path: folder, error: reason(error) });
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
      } else if (isFile && isPhotoPath(child)) {
        try {
          const info = await stat(child);
          photos.push({ path: child, size: info.size, mtimeMs: info.mtimeMs });
        } catch (error) {
          problems.push({ path: child, error: reason(error) });
        }
      }
    }
  };
  await walk(path);
  return { photos, problems };
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
    return { ok: false, reason: `cannot be read (${reason(info)})` };
  }
  if (info.isDirectory()) return { ok: true, kind: 'folder' };
  if (!info.isFile()) return { ok: false, reason: 'is not a folder or a photo' };
  if (!isPhotoPath(path)) {
    const known = [...PHOTO_EXTENSIONS].map((ext) => ext.slice(1)).join(', ');
    return { ok: false, reason: `is not a supported photo (${known})` };
  }
  return { ok: true, kind: 'photo' };
}
