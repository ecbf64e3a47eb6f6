// The library's own channels beside the core ones: controlling an index run, the photos that could
// not be read, and watching the folders while the app runs.

/** What the index run is doing: none, running, paused by the user, or stopping after a cancel. */
export type IndexRunState = 'idle' | 'running' | 'paused' | 'cancelling';

/** A photo the library could not read, and why (shown in the Problems panel). */
export interface PhotoProblem {
  readonly path: string;
  /** What happened, in plain words: "The file is empty". */
  readonly reason: string;
  /** What the decoder or the system said, for whoever wants the technical detail. */
  readonly detail: string;
  /** When it was found unreadable, ms since the epoch. */
  readonly at: number;
}

/** A folder (or single photo) of the library, as the folder list shows it. */
export interface LibraryFolder {
  readonly path: string;
  readonly kind: 'folder' | 'photo';
  readonly photos: number;
  /** Photos embedded with the active model (searchable). */
  readonly embedded: number;
  /** Photos that could not be read. */
  readonly problems: number;
  /** Videos found in it, which Facet does not index. */
  readonly videos: number;
  /** A few of its indexed photos, in path order, for thumbnails. */
  readonly preview: readonly string[];
}

/** What the app's "Repair library" saved from a damaged library (as `facet repair` reports it). */
export interface LibraryRepairResult {
  /** The repaired library file. */
  readonly file: string;
  /** Where the damaged file is kept, as it was. */
  readonly damagedCopy: string;
  /** Tag decisions (confirmed and rejected) saved. */
  readonly decisions: number;
  readonly labelSets: number;
  readonly photos: number;
  /** Photos whose embedding was lost: the next index run embeds them again. */
  readonly toEmbed: number;
  /** Tables rows may be missing from. */
  readonly damagedTables: readonly string[];
}

export interface LibraryInvokeChannels {
  /** The library's folders with their counts and a few photos each, in path order. */
  'library:folders': () => readonly LibraryFolder[];
  /** Pauses the index run in progress (what it stored stays); false when none is running. */
  'library:pause-index': () => boolean;
  /** Resumes a paused index run; false when none is paused. */
  'library:resume-index': () => boolean;
  /** Stops the index run after the photo in hand (what it stored stays); false when none runs. */
  'library:cancel-index': () => boolean;
  /** Whether an index run is going, paused or stopping. */
  'library:index-state': () => IndexRunState;
  /** The photos that could not be read, with the reason, in path order. */
  'library:problems': () => readonly PhotoProblem[];
  /** Reads one unreadable photo again; true when it now reads and has left the problems. */
  'library:retry-problem': (path: string) => boolean;
  /** Watches the library's folders while the app runs, and catches up with changes made meanwhile. */
  'library:watch': () => void;
  /**
   * Repairs a damaged library as `facet repair` does (a copy of the damaged file is kept, what can
   * be read is saved), then the engine starts again on it. Answered by the shell, not the engine.
   */
  'library:repair': () => LibraryRepairResult;
}

export interface LibraryEventChannels {
  /** The index run was started, paused, resumed, cancelled or finished. */
  'library:index-state': IndexRunState;
}
