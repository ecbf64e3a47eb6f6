// Watches the library's folders while the app runs and hands the changed paths over in batches:
// a burst of changes (a camera import, a folder moved) becomes one sync instead of thousands.
import { watch, type FSWatcher } from 'chokidar';
import type { Stats } from 'node:fs';
import { relative, sep } from 'node:path';
import { isInside } from './library';
import { isPhotoPath } from './scanner';

export interface FolderWatcherOptions {
  /** Called with the changed photos and folders (deleted ones included), outermost first. */
  readonly onChanges: (paths: string[]) => void;
  /** A batch is handed over once nothing changed for this long (default 400 ms)... */
  readonly quietMs?: number;
  /** ...or this long after its first change, whichever comes first (default 2 s). */
  readonly maxWaitMs?: number;
  readonly onError?: (error: Error) => void;
}

/** Keeps only the outermost of nested paths: syncing a folder covers everything inside it. */
export function outermost(paths: Iterable<string>): string[] {
  const sorted = [...new Set(paths)].sort();
  const kept: string[] = [];
  for (const path of sorted) {
    const last = kept.at(-1);
    if (last === undefined || !isInside(path, last)) kept.push(path);
  }
  return kept;
}

export class FolderWatcher {
  private watcher: FSWatcher | null = null;
  private folders = new Set<string>();
  private pending = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private firstChangeAt = 0;
  private readyPromise: Promise<void> = Promise.resolve();

  constructor(private readonly options: FolderWatcherOptions) {}

  /** Resolves once the initial listing of every watched folder is done (changes after it count). */
  ready(): Promise<void> {
    return this.readyPromise;
  }

  /** Watches exactly `folders` (folder or single-photo roots) from now on. */
  setFolders(folders: readonly string[]): void {
    const wanted = new Set(folders);
    const added = folders.filter((folder) => !this.folders.has(folder));
    const removed = [...this.folders].filter((folder) => !wanted.has(folder));
    this.folders = wanted;
    if (removed.length > 0 && this.watcher !== null) {
      // chokidar's unwatch ignores the path for good, even under a folder still watched: start over.
      void this.watcher.close();
      this.watcher = null;
    }
    if (this.watcher === null) {
      if (wanted.size > 0) this.watcher = this.start([...wanted]);
      return;
    }
    if (added.length > 0) {
      const watcher = this.watcher;
      this.readyPromise = new Promise((done) => watcher.once('ready', () => done()));
      watcher.add(added);
    }
  }

  async close(): Promise<void> {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.pending.clear();
    const watcher = this.watcher;
    this.watcher = null;
    this.folders.clear();
    await watcher?.close();
  }

  private start(folders: string[]): FSWatcher {
    const watcher = watch(folders, {
      ignoreInitial: true,
      // A symlinked folder can point back up the tree; the scanner follows links, the watcher not.
      followSymlinks: false,
      ignored: (path: string, stats?: Stats) =>
        this.isHidden(path) || (stats?.isFile() === true && !isPhotoPath(path)),
      // A photo still being copied in is indexed once its size stops changing.
      awaitWriteFinish: { stabilityThreshold: 250, pollInterval: 100 },
    });
    this.readyPromise = new Promise((done) => watcher.once('ready', () => done()));
    watcher.on('all', (event, path) => {
      if (event === 'addDir' || event === 'unlinkDir') this.changed(path);
      else if (isPhotoPath(path)) this.changed(path);
    });
    watcher.on('error', (error) => this.options.onError?.(error as Error));
    return watcher;
  }

  /** Hidden below a watched folder (the folder itself may sit inside a hidden one). */
  private isHidden(path: string): boolean {
    for (const folder of this.folders) {
      if (!isInside(path, folder)) continue;
      const rel = relative(folder, path);
      return rel !== '' && rel.split(sep).some((part) => part.startsWith('.'));
    }
    return false;
  }

  private changed(path: string): void {
    const now = Date.now();
    if (this.pending.size === 0) this.firstChangeAt = now;
    this.pending.add(path);
    if (this.timer !== null) clearTimeout(this.timer);
    const quiet = this.options.quietMs ?? 400;
    const maxWait = this.options.maxWaitMs ?? 2000;
    const wait = Math.max(0, Math.min(quiet, this.firstChangeAt + maxWait - now));
    this.timer = setTimeout(() => this.flush(), wait);
  }

  private flush(): void {
    this.timer = null;
    const paths = outermost(this.pending);
    this.pending.clear();
    if (paths.length > 0) this.options.onChanges(paths);
  }
}
