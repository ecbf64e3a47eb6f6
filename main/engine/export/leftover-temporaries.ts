// An export writes each sidecar to a hidden temporary beside it, then renames it into place. An
// export killed in between leaves `.photo.jpg.xmp.facet-PID-N.xmp` behind (some empty): the next
// export removes those whose writer is gone.
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

const TEMPORARY = /^\..+\.facet-(\d+)-\d+(\.[^./]+)?$/;
// A writer that is still alive after this long is not writing this file any more (pid reuse).
const STALE_MS = 60 * 60 * 1000;

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes leftover temporaries in `folders`; answers the paths removed. */
export async function removeLeftoverTemporaries(folders: Iterable<string>): Promise<string[]> {
  const removed: string[] = [];
  for (const folder of new Set(folders)) {
    const names = await readdir(folder).catch(() => [] as string[]);
    for (const name of names) {
      const match = TEMPORARY.exec(name);
      if (match === null) continue;
      const path = join(folder, name);
      const info = await stat(path).catch(() => null);
      if (info === null || !info.isFile()) continue;
      if (alive(Number(match[1])) && Date.now() - info.mtimeMs < STALE_MS) continue;
      await rm(path, { force: true }).then(
        () => removed.push(path),
        () => {}, // one that cannot be removed is left for the user: the export goes on
      );
    }
  }
  return removed;
}
