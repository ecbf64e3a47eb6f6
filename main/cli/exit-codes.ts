// The one table of `facet` exit codes, shared by every subcommand (README "Exit codes"): a script
// can tell a typo from a broken model from an unusable library without reading the message.
import { errorCode } from '../engine/engine-error';

export const EXIT = {
  /** The run completed (some photos may have been unreadable: they are listed). */
  ok: 0,
  /** Something Facet did not expect: the message says what; please report it. */
  failed: 1,
  /** A bad argument: an unknown option, a missing file or folder, a broken label file. */
  usage: 2,
  /** The model package is missing or broken, or the device cannot run it. */
  model: 3,
  /** The library cannot be opened, read or written, is damaged, or is from a newer Facet. */
  library: 4,
  /** A file Facet writes (sidecar, table, model) could not be written: permission, disk full. */
  write: 5,
  /** The command needs a confirmation it was not given (--yes). */
  confirm: 6,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

// Engine codes and the codes of Node and SQLite errors that cross the engine's protocol.
const BY_CODE: Readonly<Record<string, ExitCode>> = {
  BAD_PATH: EXIT.usage,
  BAD_ARGUMENT: EXIT.usage,
  BAD_LABEL_SET: EXIT.usage,
  BAD_LABEL_EDIT: EXIT.usage,
  EMPTY_QUERY: EXIT.usage,
  UNREADABLE: EXIT.usage,
  NOT_FOUND: EXIT.usage,
  NOT_INDEXED: EXIT.usage,
  LABEL_EXISTS: EXIT.usage,
  LABEL_SET_EXISTS: EXIT.usage,
  UNKNOWN_MODEL: EXIT.usage,
  ALREADY_INSTALLED: EXIT.usage,
  NOT_DOWNLOADABLE: EXIT.usage,
  MODEL_PACKAGE: EXIT.model,
  MODEL_LOAD: EXIT.model,
  DEVICE: EXIT.model,
  LIBRARY_UNAVAILABLE: EXIT.library,
  LIBRARY_TOO_NEW: EXIT.library,
  LIBRARY_DAMAGED: EXIT.library,
  LIBRARY_READ_ONLY: EXIT.library,
  BUSY: EXIT.library,
  SQLITE_CORRUPT: EXIT.library,
  SQLITE_NOTADB: EXIT.library,
  SQLITE_FULL: EXIT.library,
  SQLITE_READONLY: EXIT.library,
  SQLITE_CANTOPEN: EXIT.library,
  SQLITE_BUSY: EXIT.library,
  SQLITE_IOERR: EXIT.library,
  DISK_FULL: EXIT.write,
  WRITE_FAILED: EXIT.write,
  ENOSPC: EXIT.write,
  EDQUOT: EXIT.write,
  EACCES: EXIT.write,
  EPERM: EXIT.write,
  EROFS: EXIT.write,
  NEEDS_CONFIRMATION: EXIT.confirm,
};

/** The exit code for an error a command could not recover from. */
export function exitCodeFor(error: unknown): ExitCode {
  const code = errorCode(error);
  if (code !== undefined) {
    const exact = BY_CODE[code];
    if (exact !== undefined) return exact;
    // SQLite's extended codes (SQLITE_CORRUPT_INDEX, SQLITE_IOERR_WRITE, ...) share their family's.
    const family = BY_CODE[code.replace(/^(SQLITE_[A-Z]+)_.*$/, '$1')];
    if (family !== undefined) return family;
  }
  // The engine opens the library as it starts: a start that fails is a library it cannot use.
  const message = error instanceof Error ? error.message : String(error);
  return message.startsWith('The engine could not start') ? EXIT.library : EXIT.failed;
}

/** The table as the README and `facet --help` print it. */
export const EXIT_CODE_TABLE: readonly (readonly [ExitCode, string])[] = [
  [EXIT.ok, 'done (unreadable photos are listed, not fatal)'],
  [EXIT.failed, 'an unexpected failure (please report it with the message)'],
  [EXIT.usage, 'a bad argument: unknown option, missing file or folder, broken label file'],
  [EXIT.model, 'the model package is missing or broken, or the device cannot run it'],
  [EXIT.library, 'the library cannot be opened, read or written, is damaged, or is newer'],
  [EXIT.write, 'a file Facet writes (sidecar, table, model) could not be written'],
  [EXIT.confirm, 'the command needs --yes (e.g. adding / or a whole home folder)'],
];
