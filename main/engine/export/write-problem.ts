// Why a sidecar or photo could not be written, in words a person can act on: which file, what
// stopped it, what to do. Raw "EPERM: operation not permitted, rename ..." says none of that.

function codeOf(error: unknown): string | undefined {
  for (let e = error; e instanceof Error; e = (e as { cause?: unknown }).cause) {
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

export function writeProblem(error: unknown, target: string): string {
  const message = error instanceof Error ? error.message : String(error);
  switch (codeOf(error)) {
    case 'EPERM':
    case 'EACCES':
      return `Facet may not write ${target} (permission denied: the file or its folder is read-only, locked or immutable); change its permissions, then export again`;
    case 'ENOSPC':
    case 'EDQUOT':
      return `${target} could not be written: the disk is full; free some space, then export again`;
    case 'EROFS':
      return `${target} could not be written: the drive is read-only; export to another folder with --out, or make the drive writable`;
    case 'EISDIR':
      return `${target} is a folder, not a sidecar file; rename or move that folder, then export again`;
    default:
      return message;
  }
}
