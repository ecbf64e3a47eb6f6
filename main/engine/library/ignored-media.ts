// Media files the last scans found but do not read as photos (videos), kept per synced folder so
// the Folders view and `facet index` can say how many there are. Rebuilt by every scan of a
// folder (the app scans its folders again when it starts), so it is kept in memory only.
import { sep } from 'node:path';
import type { IgnoredMedia } from './scanner';

function isUnder(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);
}

export class IgnoredMediaList {
  private readonly byPath = new Map<string, string>();

  /** What a scan of `folders` found: replaces what earlier scans found under them. */
  record(folders: readonly string[], ignored: readonly IgnoredMedia[]): void {
    for (const path of [...this.byPath.keys()])
      if (folders.some((folder) => isUnder(path, folder))) this.byPath.delete(path);
    for (const item of ignored) this.byPath.set(item.path, item.reason);
  }

  /** The ignored files under `folder`, in path order. */
  under(folder: string): IgnoredMedia[] {
    return [...this.byPath]
      .filter(([path]) => isUnder(path, folder))
      .map(([path, reason]) => ({ path, reason }))
      .sort((a, b) => (a.path < b.path ? -1 : 1));
  }
}
