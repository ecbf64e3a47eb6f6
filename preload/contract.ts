// The one IPC contract between the renderer and the main process: main, preload, renderer and
// the browser-mode bridge import its types; the only value is the channel-name pattern, so the
// sandboxed preload bundles no declarations (and no zod).

/** What the engine is doing right now, as the status bar shows it. */
export type EngineState = 'starting' | 'ready' | 'indexing' | 'error' | 'restarting';

export interface EngineStatus {
  readonly state: EngineState;
  /** Human-readable detail for the status bar ("Engine restarted after a crash", ...). */
  readonly message: string | null;
  /** The active model, or null when none is installed. */
  readonly model: { readonly id: string; readonly name: string } | null;
  /** The execution provider in use ("cpu", "webgpu", "cuda", ...), null until a model is loaded. */
  readonly device: string | null;
  readonly library: { readonly roots: number; readonly files: number; readonly embedded: number };
  readonly progress: IndexProgress | null;
  /** True while the model loads (it can take a minute for a large one on first use). */
  readonly modelLoading?: boolean;
}

export interface IndexProgress {
  readonly done: number;
  readonly total: number;
  readonly filesPerSecond: number;
  readonly etaSeconds: number | null;
  readonly currentFolder: string | null;
}

export interface AddFoldersResult {
  /** Folders (or photos) now in the library, absolute paths. */
  readonly added: readonly string[];
  /** Paths that were refused, with the reason shown to the user. */
  readonly refused: readonly { readonly path: string; readonly reason: string }[];
  /**
   * Folders not added until the user confirms: the whole disk, a system folder or a whole home
   * folder, with the question to ask (it says how many photos that would index).
   */
  readonly unconfirmed: readonly { readonly path: string; readonly question: string }[];
}

export interface AddFoldersOptions {
  /** The user said yes to adding broad folders. */
  readonly confirmed?: boolean;
}

/** Push channels of the library and the engine: `facet.on(channel, cb)`. */
export interface CoreEventChannels {
  /** The engine's state changed (model loaded, indexing started, crash recovered, ...). */
  'engine:status': EngineStatus;
  /** Indexing progress, at most a few times per second. */
  'index:progress': IndexProgress;
}

// Each domain declares its calls once, in preload/contract/<domain>.ts (see define-service.ts);
// the channels, their types and the renderer's `facet.<domain>.<name>()` are derived from them.
import type { PageChannels } from './contract/define-service';
import type { engineService } from './contract/engine';
import type { libraryService } from './contract/library';
import type { browseService } from './contract/browse';
import type { labelsService, tagsService } from './contract/labels';
import type { clustersService } from './contract/clusters';
import type { exportService } from './contract/export';
import type { modelsService } from './contract/models';
import type { dialogService, shellService } from './contract/shell';
import type { LabelsEventChannels } from './contract/labels';
import type { ClustersEventChannels } from './contract/clusters';
import type { ExportEventChannels } from './contract/export';
import type { ModelsEventChannels } from './contract/models';
import type { LibraryEventChannels } from './contract/library';
import type { CallOutcome } from './contract/errors';
export type { CallError, CallOutcome, ErrorCode } from './contract/errors';

/** Request/response channels, `<domain>:<name>`: `facet.invoke(channel, ...args)`. */
export type InvokeChannels = PageChannels<typeof engineService> &
  PageChannels<typeof libraryService> &
  PageChannels<typeof browseService> &
  PageChannels<typeof labelsService> &
  PageChannels<typeof tagsService> &
  PageChannels<typeof clustersService> &
  PageChannels<typeof exportService> &
  PageChannels<typeof modelsService> &
  PageChannels<typeof dialogService> &
  PageChannels<typeof shellService>;

/** Push channels from the engine (through main) to the renderer. */
export type EventChannels = CoreEventChannels &
  LabelsEventChannels &
  ClustersEventChannels &
  ExportEventChannels &
  ModelsEventChannels &
  LibraryEventChannels;

export type InvokeChannel = keyof InvokeChannels;
export type EventChannel = keyof EventChannels;
export type InvokeArgs<C extends InvokeChannel> = Parameters<InvokeChannels[C]>;
export type InvokeResult<C extends InvokeChannel> = ReturnType<InvokeChannels[C]>;

type DomainOf<C> = C extends `${infer D}:${string}` ? D : never;
/** The page's calls by domain and name, `facet.browse.photos(query)` (renderer/src/engine-call.ts). */
export type FacetCalls = {
  readonly [D in DomainOf<InvokeChannel>]: {
    readonly [C in InvokeChannel as C extends `${D}:${infer N}` ? N : never]: (
      ...args: InvokeArgs<C>
    ) => Promise<InvokeResult<C>>;
  };
};

/** Channel names are `<domain>:<name>` (events may be kebab-case); the preload forwards nothing else. */
export const CHANNEL_NAME = /^[a-z]+:[a-z][A-Za-z]*(?:-[a-z]+)*$/;

/** What the preload exposes as `window.facet`. Main answers only the contract's channels. */
export interface FacetApi {
  /**
   * Calls a channel; resolves to its result or to why it was refused (code and message), never
   * rejects: an Error's code would not survive Electron's IPC and contextBridge, data does.
   */
  invoke<C extends InvokeChannel>(
    channel: C,
    ...args: InvokeArgs<C>
  ): Promise<CallOutcome<InvokeResult<C>>>;
  /** Subscribes to a push channel; returns the unsubscribe function. */
  on<C extends EventChannel>(channel: C, listener: (payload: EventChannels[C]) => void): () => void;
  /** Absolute path of a file dropped on the window (Electron's webUtils); null in browser mode. */
  pathForFile(file: File): string | null;
  /** URL of a library photo for <img src>: served only for files inside the library's folders. */
  photoUrl(path: string): string;
  /** URL of a cached thumbnail (longest side `size` pixels) of a library photo. */
  thumbUrl(path: string, size: ThumbnailSize): string;
}

export type ThumbnailSize = 128 | 256 | 512;
