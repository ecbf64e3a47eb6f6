// What the status bar and `facet status` show of the engine: the model, the library's counts and
// the index run in progress (how far it got, or why it stopped), pushed to the UI as it changes.
import type { EngineStatus, IndexProgress } from '../../../preload/contract';
import type { ActiveModel } from '../active-model';
import type { EngineEvents } from '../engine-api';
import type { Library } from './library';

/** Pushes an event to the UI (and any other client of the engine). */
export type EmitEvent = <E extends keyof EngineEvents>(name: E, payload: EngineEvents[E]) => void;

export class IndexStatus {
  private indexing = 0;
  private progress: IndexProgress | null = null;
  private lastError: string | null = null;

  constructor(
    private readonly library: Library,
    private readonly models: () => ActiveModel,
    private readonly emitEvent?: EmitEvent,
  ) {}

  /** An index run starts: an earlier run's error is no longer news. */
  started(): void {
    this.indexing++;
    this.lastError = null;
    this.progress = null;
  }

  progressed(progress: IndexProgress): void {
    this.progress = progress;
    this.emitEvent?.('index:progress', progress);
  }

  finished(): void {
    this.indexing--;
    this.progress = null;
  }

  /** Something in the background stopped (a run, the watcher): the status says so until the next run. */
  failed(message: string): void {
    this.lastError = message;
    void this.emit();
  }

  current(): EngineStatus {
    const models = this.models();
    const model = models.current;
    const modelId = models.id();
    const counts = this.library.counts();
    return {
      state: this.indexing > 0 ? 'indexing' : this.lastError !== null ? 'error' : 'ready',
      message: this.lastError,
      model:
        model === null ? { id: modelId, name: modelId } : { id: modelId, name: model.info.name },
      device: model?.device ?? null,
      library: {
        roots: counts.roots,
        files: counts.files,
        embedded: counts.embedded[modelId] ?? 0,
      },
      progress: this.indexing > 0 ? this.progress : null,
      modelLoading: models.loading,
    };
  }

  async emit(): Promise<void> {
    this.emitEvent?.('engine:status', this.current());
  }
}
