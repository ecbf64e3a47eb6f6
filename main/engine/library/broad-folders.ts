// Folders too broad to add without asking: the whole disk, a system folder, a whole home folder.
// Adding one indexes every photo on it (icons and caches included) and lets the photo protocol
// serve all of them, so the user is told how many photos that is and must confirm.
import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join, parse, resolve, sep } from 'node:path';
import { isPhotoPath } from './scanner';

const SYSTEM_FOLDERS = [
  '/bin',
  '/boot',
  '/dev',
  '/etc',
  '/lib',
  '/lib32',
  '/lib64',
  '/opt',
  '/proc',
  '/root',
  '/run',
  '/sbin',
  '/snap',
  '/srv',
  '/sys',
  '/tmp',
  '/usr',
  '/var',
  '/Applications',
  '/Library',
  '/System',
  '/Volumes',
  '/private',
];
const WINDOWS_FOLDERS = ['windows', 'program files', 'program files (x86)', 'programdata', 'users'];
const HOME_PARENTS = ['/home', '/Users'];

/** Why adding `path` needs a confirmation, or null when it is an ordinary photo folder. */
export function broadFolderReason(input: string, home: string = homedir()): string | null {
  const path = resolve(input);
  const { root } = parse(path);
  if (path === root) return 'the whole disk';
  if (resolve(home) === path) return 'your whole home folder';
  if (HOME_PARENTS.includes(path)) return 'the folder of every user’s home';
  if (HOME_PARENTS.includes(dirname(path)) && dirname(path) !== root) return 'a whole home folder';
  if (sep === '/' && SYSTEM_FOLDERS.some((folder) => path === folder)) return 'a system folder';
  if (
    sep === '\\' &&
    dirname(path) === root &&
    WINDOWS_FOLDERS.includes(path.slice(root.length).toLowerCase())
  )
    return 'a system folder';
  return null;
}

export interface PhotoCount {
  readonly photos: number;
  /** False when counting stopped at the deadline: there are at least `photos`. */
  readonly complete: boolean;
}

// Kernel and device trees hold no photos and some of their files never end.
const SKIPPED = new Set(['/proc', '/sys', '/dev', '/run']);

/** How many photos `path` holds, by name only (no file is opened), counting for at most `ms`. */
export async function countPhotos(path: string, ms = 5000): Promise<PhotoCount> {
  const deadline = Date.now() + ms;
  let photos = 0;
  const pending = [resolve(path)];
  while (pending.length > 0) {
    if (Date.now() > deadline) return { photos, complete: false };
    const folder = pending.pop() as string;
    let entries: Dirent[];
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch {
      continue; // unreadable: the index run reports it, the count need not
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const child = join(folder, entry.name);
      if (entry.isDirectory() && !SKIPPED.has(child)) pending.push(child);
      else if (entry.isFile() && isPhotoPath(child)) photos += 1;
    }
  }
  return { photos, complete: true };
}

/** What the user is asked before `path` is added, or null when it needs no asking. */
export async function broadFolderQuestion(
  path: string,
): Promise<{ reason: string; photos: number; complete: boolean; question: string } | null> {
  const reason = broadFolderReason(path);
  if (reason === null) return null;
  const { photos, complete } = await countPhotos(path);
  const count = `${complete ? '' : 'at least '}${photos.toLocaleString('en')} photo${photos === 1 ? '' : 's'}`;
  return {
    reason,
    photos,
    complete,
    question: `${path} is ${reason}: Facet would index ${count} from it (icons and caches too) and show them in the app`,
  };
}
