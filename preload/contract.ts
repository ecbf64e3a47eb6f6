// The one IPC contract between the renderer and the main process: main, preload, renderer and
// the browser-mode bridge import its types; the only value is the channel-name pattern.

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

/** The library and the engine: request/response channels, `facet.invoke(channel, ...args)`. */
export interface CoreInvokeChannels {
  /** Current engine state: model, execution provider, library size, indexing progress. */
  'engine:status': () => EngineStatus;
  /** The library's folders (roots), absolute paths. */
  'library:roots': () => readonly string[];
  /** Adds photo folders (or single photos) to the library and starts indexing them. */
  'library:add': (paths: readonly string[], options?: AddFoldersOptions) => AddFoldersResult;
  /** Removes a folder from the library (its rows only; files on disk are never touched). */
  'library:remove': (root: string) => void;
  /** Opens the native folder picker; resolves to the chosen folders, empty when cancelled. */
  'dialog:choose-folders': () => readonly string[];
}

/** Push channels of the library and the engine: `facet.on(channel, cb)`. */
export interface CoreEventChannels {
  /** The engine's state changed (model loaded, indexing started, crash recovered, ...). */
  'engine:status': EngineStatus;
  /** Indexing progress, at most a few times per second. */
  'index:progress': IndexProgress;
}

// Each domain declares its channels in preload/contract/<domain>.ts; the contract joins them here.
import type { BrowseInvokeChannels } from './contract/browse';
import type { LabelsEventChannels, LabelsInvokeChannels } from './contract/labels';
import type { ClustersEventChannels, ClustersInvokeChannels } from './contract/clusters';
import type { ExportEventChannels, ExportInvokeChannels } from './contract/export';
import type { ModelsEventChannels, ModelsInvokeChannels } from './contract/models';
import type { LibraryEventChannels, LibraryInvokeChannels } from './contract/library';
import type { CallOutcome } from './contract/errors';
export type { CallError, CallOutcome, ErrorCode } from './contract/errors';
/** Request/response channels: `ipcRenderer.invoke(channel, ...args)` resolves to the return type. */
export type InvokeChannels = CoreInvokeChannels &
  BrowseInvokeChannels &
  LabelsInvokeChannels &
  ClustersInvokeChannels &
  ExportInvokeChannels &
  ModelsInvokeChannels &
  LibraryInvokeChannels;

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

/** Channel names are `<domain>:<kebab-name>`; the preload forwards nothing else. */
export const CHANNEL_NAME = /^[a-z]+:[a-z]+(?:-[a-z]+)*$/;

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
