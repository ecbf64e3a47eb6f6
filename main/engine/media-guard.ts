// Decides whether a photo URL may be served: only image files that really live inside one of the
// library's folders, so a page that asks for facet-media://photo/<anything> cannot read other files.
import { realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { PHOTO_EXTENSIONS } from '../../native/photo-formats';

export type PhotoAccess =
  | { readonly ok: true; readonly path: string }
  | { readonly ok: false; readonly status: 403 | 404; readonly reason: string };

/** Extensions the photo protocol serves (the photos Facet indexes); anything else is refused first. */
export { PHOTO_EXTENSIONS };

const ELECTRON_PREFIX = 'facet-media://photo/';
const BROWSER_PREFIX = '/facet-media/photo/';

/** Photo URL for <img src> in Electron (the contract's `photoUrl`). */
export function photoUrl(path: string): string {
  return `${ELECTRON_PREFIX}${encodeURIComponent(path)}`;
}

/**
 * The absolute path a photo URL asks for, decoded once: accepts `facet-media://photo/<enc>` and the
 * browser-mode `/facet-media/photo/<enc>` (path plus optional query). Null when it is not a photo URL.
 */
export function photoPathFromUrl(url: string): string | null {
  let encoded: string;
  if (url.startsWith(ELECTRON_PREFIX)) encoded = url.slice(ELECTRON_PREFIX.length);
  else if (url.startsWith(BROWSER_PREFIX)) encoded = url.slice(BROWSER_PREFIX.length);
  else return null;
  encoded = encoded.replace(/[?#].*$/s, '');
  try {
    const path = decodeURIComponent(encoded);
    return path === '' ? null : path;
  } catch {
    return null; // malformed percent-encoding
  }
}

function isInside(root: string, file: string): boolean {
  const rel = relative(root, file);
  if (rel === '') return true; // a root may be a single photo
  return rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

function hasParentSegment(path: string): boolean {
  return path.split(/[\\/]/).some((segment) => segment === '..');
}

function isPhotoName(path: string): boolean {
  return PHOTO_EXTENSIONS.has(extname(path).toLowerCase());
}

async function realRoots(roots: readonly string[]): Promise<string[]> {
  const resolved = await Promise.all(roots.map((root) => realpath(root).catch(() => null)));
  return resolved.filter((root): root is string => root !== null);
}

/**
 * Resolves a requested photo path against the library's roots. Both sides are resolved with
 * realpath, so a symlink inside a root that points outside it is refused.
 */
export async function resolveLibraryPhoto(
  requested: string,
  roots: readonly string[],
): Promise<PhotoAccess> {
  if (requested.includes('\0') || !isAbsolute(requested)) {
    return { ok: false, status: 403, reason: 'Not an absolute path.' };
  }
  if (hasParentSegment(requested)) {
    return { ok: false, status: 403, reason: 'The path tries to leave its folder (..).' };
  }
  if (!isPhotoName(requested)) {
    return { ok: false, status: 403, reason: 'Not a photo file type.' };
  }
  // Refuse paths outside the roots before touching the disk, so existence outside them never leaks.
  const lexical = resolve(requested);
  if (!roots.some((root) => isInside(resolve(root), lexical))) {
    return { ok: false, status: 403, reason: 'The file is not inside a library folder.' };
  }
  let real: string;
  try {
    real = await realpath(lexical);
  } catch {
    return { ok: false, status: 404, reason: 'No such photo.' };
  }
  if (!(await realRoots(roots)).some((root) => isInside(root, real))) {
    return { ok: false, status: 403, reason: 'The file links outside the library folders.' };
  }
  if (!isPhotoName(real)) {
    return { ok: false, status: 403, reason: 'The link points to a file that is not a photo.' };
  }
  const info = await stat(real).catch(() => null);
  if (info === null || !info.isFile()) {
    return { ok: false, status: 404, reason: 'No such photo.' };
  }
  return { ok: true, path: real };
}
