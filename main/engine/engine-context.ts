// What the engine lends each domain service (labels, browse, clusters, export, models): the
// library, the active model, the event channel to the UI and the turn-taking of index runs.
import type { EventChannel, EventChannels } from '../../preload/contract';
import type { ClipModel } from './clip/index';
import type { IndexOptions } from './engine-api';
import type { Library } from './library/library';

export interface EngineContext {
  readonly library: Library;
  /** The folder holding library.db; domains keep their caches beside it. */
  readonly libraryDir: string;
  /** The active model (or the one the options name), loaded on first need. */
  model(options?: IndexOptions): Promise<ClipModel>;
  /** Id of the active model: the key of its embeddings, even before it is loaded. */
  activeModelId(): string;
  /** Folder of the active model package. */
  activeModelDir(): string;
  /** Makes `dir` the active model; photos without its embedding are queued for indexing. */
  setActiveModel(dir: string): Promise<void>;
  /** Pushes an event to the UI (and any other client of the engine). */
  emit<C extends EventChannel>(channel: C, payload: EventChannels[C]): void;
  /** Runs `work` when no index run is writing, and holds later runs until it is done. */
  serially<T>(work: () => Promise<T>): Promise<T>;
  /** Called after photos were added, changed, embedded or removed: re-derive what depends on them. */
  onLibraryChanged(listener: () => void): void;
  /** Called once when the engine closes, before the library does. */
  onClose(cleanup: () => Promise<void> | void): void;
}
