// Index runs: bring the library in line with the disk under some paths, then embed what has no
// embedding for the model yet. Runs (and the scans of other domains) take turns, one at a time.
import type { ActiveModel } from '../active-model';
import type { ClipModel } from '../clip/index';
import type { IndexOptions, IndexReport } from '../engine-api';
import { IgnoredMediaList } from './ignored-media';
import { IndexControl } from './index-control';
import {
  embedMissing,
  photosStoredUnder,
  syncPhotos,
  type FileProblem,
  type SyncResult,
} from './indexer';
import type { FileRow, Library } from './library';
import type { EmitEvent, IndexStatus } from './progress';
import type { ThumbnailCache } from './thumbnails';

export interface IndexRun {
  readonly report: IndexReport;
  readonly files: FileRow[];
  readonly model: ClipModel;
}

export interface IndexRunnerOptions {
  readonly library: Library;
  readonly models: ActiveModel;
  readonly thumbnails: ThumbnailCache;
  readonly status: IndexStatus;
  readonly emit?: EmitEvent;
  /** Called after each run and scan: photos were added, changed, embedded or removed. */
  readonly onChanged: () => void;
  /** Scans paths and stores what changed (syncPhotos; tests wrap it to count the scans). */
  readonly sync?: typeof syncPhotos;
}

export class IndexRunner {
  /** Media files the scans found but do not read as photos (videos), per folder. */
  readonly ignored = new IgnoredMediaList();
  readonly control: IndexControl;
  private queue: Promise<unknown> = Promise.resolve();
  private stopping = false;

  constructor(private readonly options: IndexRunnerOptions) {
    this.control = new IndexControl((state) => options.emit?.('library:indexState', state));
  }

  /** True once the engine is closing: no new run starts. */
  get closing(): boolean {
    return this.stopping;
  }

  /** Runs `work` when no index run is writing, and holds later runs until it is done. */
  serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.catch(() => {}).then(work);
    this.queue = next;
    return next;
  }

  /** Scans `paths` (inside the library's roots) and stores new, changed, moved and gone photos. */
  async scan(paths: readonly string[], options: IndexOptions = {}): Promise<SyncResult> {
    const sync = this.options.sync ?? syncPhotos;
    const result = await sync(this.options.library, paths, {
      pairsApart: options.rawJpeg === 'apart',
    });
    this.ignored.record(paths, result.ignored);
    await this.options.thumbnails.forget(result.gone).catch(() => {}); // a stale one is harmless
    return result;
  }

  /**
   * Indexes `paths` in its turn. `scanned` is the scan an add just made of them: the run embeds
   * their photos as stored now instead of listing the folders again.
   */
  run(paths: readonly string[], options: IndexOptions, scanned?: SyncResult): Promise<IndexRun> {
    return this.serially(() => this.runNow(paths, options, scanned));
  }

  /** A run nobody waits for: its failure shows in the status. */
  inBackground(paths: readonly string[], scanned?: SyncResult): void {
    if (this.stopping) return;
    void this.run(paths, {}, scanned).catch((error: unknown) =>
      this.options.status.failed(`Indexing stopped: ${(error as Error).message}`),
    );
  }

  /**
   * Starts no run from now on and ends the one in progress (a paused one would otherwise hold the
   * queue forever); resolves once the queue is empty.
   */
  stop(): Promise<void> {
    this.stopping = true;
    this.control.cancel();
    return this.queue.then(
      () => {},
      () => {},
    );
  }

  private async runNow(
    paths: readonly string[],
    options: IndexOptions,
    scanned: SyncResult | undefined,
  ): Promise<IndexRun> {
    const { library, models, status } = this.options;
    const model = await models.get(options);
    status.started();
    await status.emit();
    const job = library.startJob(paths, model.info.id, model.device);
    this.control.begin();
    try {
      const sync = scanned === undefined ? await this.scan(paths, options) : scanned;
      // A scan made before this run's turn came: what earlier runs did since is read back.
      const files = scanned === undefined ? sync.files : photosStoredUnder(library, paths);
      const embedded = await embedMissing({
        library,
        modelId: model.info.id,
        files,
        embedImages: (list) => model.embedImages(list),
        onProgress: (progress) => status.progressed(progress),
        shouldStop: () => this.stopping,
        control: this.control,
      });
      models.remember(model.info.dir);
      const errors: FileProblem[] = [...sync.problems, ...embedded.errors].sort((a, b) =>
        a.path < b.path ? -1 : 1,
      );
      library.finishJob(job, {
        files: files.length,
        embedded: embedded.embedded,
        errors: errors.length,
      });
      const report: IndexReport = {
        files: files.length,
        embedded: embedded.embedded,
        skipped: embedded.skipped,
        errors,
        ignored: sync.ignored,
        device: model.device,
      };
      return { report, files, model };
    } catch (error) {
      library.finishJob(job, { failed: (error as Error).message });
      throw error;
    } finally {
      this.control.end();
      status.finished();
      this.options.onChanged();
      await status.emit();
    }
  }
}
