// The library's calls: its folders, controlling an index run, the photos that could not be read,
// watching the folders while the app runs, and the command line's index, tag and search.
import { z } from 'zod';
import type { AddFoldersResult } from '../contract';
import { absolutePath, defineService, none, returns } from './define-service';

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

export type Device = 'auto' | 'cpu' | 'webgpu' | 'cuda' | 'dml' | 'coreml';

export interface IndexOptions {
  /** Model package folder; default: the library's active model, else the built-in demo model. */
  readonly modelDir?: string;
  readonly device?: Device;
  /** RAW+JPEG pairs: one photo (the raw, default) or each file a photo of its own. */
  readonly rawJpeg?: 'together' | 'apart';
  /** The user confirmed (--yes) adding / , a system folder or a whole home folder. */
  readonly confirmed?: boolean;
}

/** `facet index --json`, as DESIGN.md specifies it. */
export interface IndexReport {
  readonly files: number;
  readonly embedded: number;
  readonly skipped: number;
  readonly errors: readonly { readonly path: string; readonly error: string }[];
  /** Media files found but not read as photos (videos), so nothing disappears without a word. */
  readonly ignored: readonly { readonly path: string; readonly reason: string }[];
  readonly device: string;
}

export interface TagOptions extends IndexOptions {
  /** Path of a label set file (JSON or indented plain text). */
  readonly labels: string;
  readonly top?: number;
}

/** `facet tag --json`. */
export interface TagReport {
  readonly files: readonly {
    readonly path: string;
    /** Exactly the tags Facet suggests (how sure it is, 0 to 1), best first. */
    readonly tags: readonly { readonly label: string; readonly score: number }[];
    /** The set's best-scoring labels, suggested or not, best first. */
    readonly candidates: readonly { readonly label: string; readonly score: number }[];
    readonly error: string | null;
  }[];
  readonly summary: Readonly<Record<string, unknown>>;
}

export interface SearchResult {
  readonly results: readonly { readonly path: string; readonly score: number }[];
}

/** `facet status --json`. */
export interface LibraryStatusReport {
  readonly roots: readonly string[];
  readonly files: number;
  readonly embedded: Readonly<Record<string, number>>;
  readonly errors: number;
}

/** A thumbnail request answered: the cached file to send, or why nothing is sent. */
export type ThumbnailAnswer =
  | { readonly ok: true; readonly file: string }
  | { readonly ok: false; readonly status: 403 | 404 | 415; readonly reason: string };

const device = z.enum([
  'auto',
  'cpu',
  'webgpu',
  'cuda',
  'dml',
  'coreml',
]) satisfies z.ZodType<Device>;
const paths = z.array(z.string().min(1)).max(10_000);
const indexOptions = z.object({
  modelDir: z.string().optional(),
  device: device.optional(),
  rawJpeg: z.enum(['together', 'apart']).optional(),
  confirmed: z.boolean().optional(),
});
const count = z.number().int().min(1);

export const libraryService = defineService('library', {
  roots: {
    args: none,
    result: returns<readonly string[]>(),
    doc: "The library's folders (roots), absolute paths.",
  },
  add: {
    args: z.tuple([
      z.array(absolutePath).min(1, 'needs at least one path').max(10_000),
      z.strictObject({ confirmed: z.boolean().optional() }).optional(),
    ]),
    result: returns<AddFoldersResult>(),
    doc: 'Adds photo folders (or single photos) to the library and starts indexing them; broad ones (/ , a home folder) only when confirmed, else they are asked about.',
  },
  remove: {
    args: z.tuple([absolutePath]),
    result: returns<void>(),
    doc: 'Removes a folder from the library (its rows only; files on disk are never touched).',
  },
  folders: {
    args: none,
    result: returns<readonly LibraryFolder[]>(),
    doc: "The library's folders with their counts and a few photos each, in path order.",
  },
  pauseIndex: {
    args: none,
    result: returns<boolean>(),
    doc: 'Pauses the index run in progress (what it stored stays); false when none is running.',
  },
  resumeIndex: {
    args: none,
    result: returns<boolean>(),
    doc: 'Resumes a paused index run; false when none is paused.',
  },
  cancelIndex: {
    args: none,
    result: returns<boolean>(),
    doc: 'Stops the index run after the photo in hand (what it stored stays); false when none runs.',
  },
  indexState: {
    args: none,
    result: returns<IndexRunState>(),
    doc: 'Whether an index run is going, paused or stopping.',
  },
  problems: {
    args: none,
    result: returns<readonly PhotoProblem[]>(),
    doc: 'The photos that could not be read, with the reason, in path order.',
  },
  retryProblem: {
    args: z.tuple([absolutePath]),
    result: returns<boolean>(),
    doc: 'Reads one unreadable photo again; true when it now reads and has left the problems.',
  },
  problemCount: {
    args: none,
    result: returns<number>(),
    doc: 'How many photos could not be read: the count beside Folders in the sidebar.',
  },
  watch: {
    args: none,
    result: returns<void>(),
    doc: "Watches the library's folders while the app runs, and catches up with changes made meanwhile.",
  },
  repair: {
    args: none,
    result: returns<LibraryRepairResult>(),
    doc: 'Repairs a damaged library as `facet repair` does (a copy of the damaged file is kept, what can be read is saved), then the engine starts again on it.',
    answeredBy: 'client',
  },
  summary: {
    args: none,
    result: returns<LibraryStatusReport>(),
    doc: '`facet status`: roots, files, embeddings per model, unreadable files.',
    renderer: false,
  },
  index: {
    args: z.tuple([paths, indexOptions]),
    result: returns<IndexReport>(),
    doc: '`facet index`: adds the folders and indexes them, answering when done.',
    renderer: false,
  },
  tag: {
    args: z.tuple([
      paths,
      indexOptions.extend({ labels: z.string().min(1), top: count.optional() }),
    ]),
    result: returns<TagReport>(),
    doc: '`facet tag`: indexes the folders and tags them with a label set file.',
    renderer: false,
  },
  search: {
    args: z.tuple([z.string(), count]),
    result: returns<SearchResult>(),
    doc: '`facet search`: the k photos nearest to words.',
    renderer: false,
  },
  similar: {
    args: z.tuple([z.string().min(1), count]),
    result: returns<SearchResult>(),
    doc: '`facet similar`: the k photos nearest to a photo, in the library or not.',
    renderer: false,
  },
  thumbnail: {
    args: z.tuple([z.string().min(1), z.union([z.literal(128), z.literal(256), z.literal(512)])]),
    result: returns<ThumbnailAnswer>(),
    doc: "The cached thumbnail of a photo inside the library's folders (made on first request), for the photo protocol.",
    renderer: false,
  },
});

export interface LibraryEventChannels {
  /** The index run was started, paused, resumed, cancelled or finished. */
  'library:indexState': IndexRunState;
}
