// The one IPC contract between the renderer and the main process. Types only: main, preload,
// renderer and the browser-mode bridge import it with `import type`.

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
}

/** Request/response channels: `ipcRenderer.invoke(channel, ...args)` resolves to the return type. */
export interface InvokeChannels {
  /** Current engine state: model, execution provider, library size, indexing progress. */
  'engine:status': () => EngineStatus;
  /** The library's folders (roots), absolute paths. */
  'library:roots': () => readonly string[];
  /** Adds photo folders (or single photos) to the library and starts indexing them. */
  'library:add': (paths: readonly string[]) => AddFoldersResult;
  /** Removes a folder from the library (its rows only; files on disk are never touched). */
  'library:remove': (root: string) => void;
  /** Opens the native folder picker; resolves to the chosen folders, empty when cancelled. */
  'dialog:choose-folders': () => readonly string[];
}

/** Push channels from main to the renderer: `facet.on(channel, cb)`. */
export interface EventChannels {
  /** The engine's state changed (model loaded, indexing started, crash recovered, ...). */
  'engine:status': EngineStatus;
  /** Indexing progress, at most a few times per second. */
  'index:progress': IndexProgress;
}

export type InvokeChannel = keyof InvokeChannels;
export type EventChannel = keyof EventChannels;
export type InvokeArgs<C extends InvokeChannel> = Parameters<InvokeChannels[C]>;
export type InvokeResult<C extends InvokeChannel> = ReturnType<InvokeChannels[C]>;

/** What the preload exposes as `window.facet`: a small hand-written allow-list. */
export interface FacetApi {
  readonly engine: { status(): Promise<EngineStatus> };
  readonly library: {
    roots(): Promise<readonly string[]>;
    add(paths: readonly string[]): Promise<AddFoldersResult>;
    remove(root: string): Promise<void>;
  };
  readonly dialog: { chooseFolders(): Promise<readonly string[]> };
  /** Absolute path of a file dropped on the window (Electron's webUtils); null in browser mode. */
  pathForFile(file: File): string | null;
  /** URL of a library photo for <img src>: served only for files inside the library's folders. */
  photoUrl(path: string): string;
  /** Subscribes to a push channel; returns the unsubscribe function. */
  on<C extends EventChannel>(channel: C, listener: (payload: EventChannels[C]) => void): () => void;
}
