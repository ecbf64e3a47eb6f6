// The engine's service interface. The host process exposes exactly these methods over the
// protocol in host/protocol.ts; Electron main, the CLI and the tests call them through EngineClient.
import type {
  AddFoldersOptions,
  AddFoldersResult,
  EngineStatus,
  EventChannels,
} from '../../preload/contract';
import { EXPORT_METHODS, type ExportApi } from './export/service';
import { MODELS_METHODS, type ModelsApi } from './models/service';
import { LIBRARY_METHODS, type LibraryApi } from './library/library-api';
import { BROWSE_METHODS, type BrowseApi } from './browse/service';
import { LABELS_METHODS, type LabelsApi } from './labels/service';
import { CLUSTERS_METHODS, type ClustersApi } from './clusters/service';

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

/** The library and the engine itself; each domain adds its own API (see EngineApi below). */
export interface CoreApi {
  getStatus(): Promise<EngineStatus>;
  libraryStatus(): Promise<LibraryStatusReport>;
  listRoots(): Promise<readonly string[]>;
  /** Adds folders; broad ones (/ , a home folder) only with `confirmed`, else they are asked about. */
  addFolders(paths: readonly string[], options?: AddFoldersOptions): Promise<AddFoldersResult>;
  removeFolder(root: string): Promise<void>;
  index(paths: readonly string[], options: IndexOptions): Promise<IndexReport>;
  tag(paths: readonly string[], options: TagOptions): Promise<TagReport>;
  search(text: string, k: number): Promise<SearchResult>;
  similar(imagePath: string, k: number): Promise<SearchResult>;
}

/** Events the host pushes to its client: the contract's push channels, forwarded as they are. */
export type EngineEvents = EventChannels;

export const CORE_METHODS = [
  'getStatus',
  'libraryStatus',
  'listRoots',
  'addFolders',
  'removeFolder',
  'index',
  'tag',
  'search',
  'similar',
] as const satisfies readonly (keyof CoreApi)[];

// Each domain's service (main/engine/<domain>/service.ts) joins the engine here, one line each.
export type EngineApi = CoreApi &
  BrowseApi &
  LabelsApi &
  ClustersApi &
  ExportApi &
  ModelsApi &
  LibraryApi;

/** The methods the host answers; the check below fails to compile when a method is missing. */
export const ENGINE_METHODS = [
  ...CORE_METHODS,
  ...BROWSE_METHODS,
  ...LABELS_METHODS,
  ...CLUSTERS_METHODS,
  ...EXPORT_METHODS,
  ...MODELS_METHODS,
  ...LIBRARY_METHODS,
] as const;

type Unlisted = Exclude<keyof EngineApi, (typeof ENGINE_METHODS)[number]>;
export const ALL_METHODS_LISTED: [Unlisted] extends [never] ? true : Unlisted = true;
