// The engine: one library, the CLIP model (loaded on first need), and the EngineApi calls the
// app, the CLI and the tests make. Plain Node; the host process wraps it.
import { join, resolve } from 'node:path';
import type {
  AddFoldersOptions,
  AddFoldersResult,
  EngineStatus,
  IndexProgress,
} from '../../preload/contract';
import type { ServiceApi } from '../../preload/contract/define-service';
import { engineService } from '../../preload/contract/engine';
import {
  libraryService,
  type IndexRunState,
  type LibraryFolder,
  type PhotoProblem,
  type ThumbnailAnswer,
} from '../../preload/contract/library';
import { ActiveModel } from './active-model';
import type { ClipModel } from './clip/index';
import type { EngineContext } from './engine-context';
import { engineError } from './engine-error';
import {
  bindCalls,
  type Device,
  type EngineApi,
  type EngineEvents,
  type IndexOptions,
  type IndexReport,
  type LibraryStatusReport,
  type SearchResult,
  type TagOptions,
  type TagReport,
} from './engine-api';
import { readLabelSet } from './labels/label-set';
import { createExportService } from './export/service';
import { createModelsService } from './models/service';
import { createBrowseService } from './browse/service';
import { createLabelsService, createTagsService } from './labels/service';
import { createClustersService } from './clusters/service';
import { buildTagReport } from './labels/tag-report';
import { libraryTextEmbedder, textModelKey } from './labels/text-embeddings';
import { closeRawPreviewTool } from '../../native/raw-preview';
import { IgnoredMediaList } from './library/ignored-media';
import { embedMissing, syncPhotos, type FileProblem } from './library/indexer';
import { IndexControl } from './library/index-control';
import { Library, type FileRow } from './library/library';
import { nearest } from './library/nearest';
import { broadFolderQuestion } from './library/broad-folders';
import { checkLibraryPath } from './library/scanner';
import { ThumbnailCache, THUMBNAIL_SIZES, type ThumbnailSize } from './library/thumbnails';
import { FolderWatcher } from './library/watcher';
import { resolveLibraryPhoto } from './media-guard';

export { builtInModelDir } from './active-model';
export { defaultLibraryDir } from './library/library-dir';

export interface EngineOptions {
  /** The library lives in <libraryDir>/library.db. */
  readonly libraryDir: string;
  /** Model package used until the library has indexed with one (default: the built-in demo model). */
  readonly modelDir?: string;
  readonly device?: Device;
  readonly emit?: <E extends keyof EngineEvents>(name: E, payload: EngineEvents[E]) => void;
  /** Index folders in the background once addFolders has added them (default true). */
  readonly indexAfterAdd?: boolean;
}

export interface Engine extends EngineApi {
  close(): Promise<void>;
}

/** Photos shown with each folder in the folder list. */
const FOLDER_PREVIEW = 6;

interface IndexRun {
  readonly report: IndexReport;
  readonly files: FileRow[];
  readonly model: ClipModel;
}

class LibraryEngine implements ServiceApi<typeof engineService>, ServiceApi<typeof libraryService> {
  private readonly models: ActiveModel;
  private queue: Promise<unknown> = Promise.resolve();
  private progress: IndexProgress | null = null;
  private indexing = 0;
  private closing = false;
  private lastError: string | null = null;
  private readonly changeListeners: (() => void)[] = [];
  private readonly cleanups: (() => Promise<void> | void)[] = [];
  private readonly control = new IndexControl((state) =>
    this.options.emit?.('library:indexState', state),
  );
  private watcher: FolderWatcher | null = null;
  private readonly ignored = new IgnoredMediaList();
  private readonly thumbnails: ThumbnailCache;

  constructor(
    private readonly options: EngineOptions,
    private readonly library: Library,
  ) {
    this.thumbnails = new ThumbnailCache(join(resolve(options.libraryDir), 'thumbnails'));
    this.models = new ActiveModel(library, options, () => void this.emitStatus());
  }

  async status(): Promise<EngineStatus> {
    const model = this.models.current;
    const modelId = this.models.id();
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
      modelLoading: this.models.loading,
    };
  }

  async summary(): Promise<LibraryStatusReport> {
    const counts = this.library.counts();
    return {
      roots: this.library.roots().map((root) => root.path),
      files: counts.files,
      embedded: counts.embedded,
      errors: counts.errors,
    };
  }

  async roots(): Promise<readonly string[]> {
    return this.library.roots().map((root) => root.path);
  }

  async add(paths: readonly string[], options: AddFoldersOptions = {}): Promise<AddFoldersResult> {
    const added: string[] = [];
    const refused: { path: string; reason: string }[] = [];
    const unconfirmed: { path: string; question: string }[] = [];
    for (const input of paths) {
      const path = resolve(input);
      const check = await checkLibraryPath(path);
      const covering = this.library.rootCovering(path);
      const question =
        check.ok && covering === null && options.confirmed !== true
          ? await broadFolderQuestion(path)
          : null;
      if (!check.ok) refused.push({ path, reason: check.reason });
      else if (question !== null) unconfirmed.push({ path, question: question.question });
      else if (covering !== null)
        refused.push({
          path,
          reason:
            covering.path === path
              ? 'is already in the library'
              : `is already in the library (inside ${covering.path})`,
        });
      else {
        this.library.addRoot(path, check.kind);
        added.push(path);
      }
    }
    if (added.length > 0) {
      // Not queued behind a running index: the folder list and counts update at once.
      this.ignored.record(added, (await syncPhotos(this.library, added)).ignored);
      this.watchRoots();
      this.libraryChanged();
      await this.emitStatus();
      if (this.options.indexAfterAdd ?? true) this.indexInBackground(added);
    }
    return { added, refused, unconfirmed };
  }

  async remove(root: string): Promise<void> {
    const photos = this.library.filesUnder(resolve(root)).map((file) => file.path);
    if (!this.library.removeRoot(resolve(root)))
      throw engineError('BAD_PATH', `${resolve(root)} is not a folder of the library.`);
    this.watchRoots();
    this.libraryChanged();
    await this.emitStatus();
    void this.thumbnails.forget(photos).catch(() => {}); // in the background: there may be many
  }

  async index(paths: readonly string[], options: IndexOptions): Promise<IndexReport> {
    const resolved = await this.addForIndex(paths, options.confirmed === true);
    return (await this.serially(() => this.runIndex(resolved, options))).report;
  }

  async tag(paths: readonly string[], options: TagOptions): Promise<TagReport> {
    if (options.top !== undefined && !(Number.isInteger(options.top) && options.top > 0))
      throw engineError('BAD_ARGUMENT', 'top must be a whole number above 0.');
    const labelSet = await readLabelSet(resolve(options.labels));
    const resolved = await this.addForIndex(paths, options.confirmed === true);
    const run = await this.serially(() => this.runIndex(resolved, options));
    return buildTagReport({
      labelSet,
      model: run.model,
      files: run.files,
      errors: run.report.errors,
      embedded: run.report.embedded,
      matrix: this.library.embeddingMatrix(run.model.info.id, new Set(run.files.map((f) => f.id))),
      embedTexts: libraryTextEmbedder(this.library.db, textModelKey(run.model.info), (texts) =>
        run.model.embedTexts(texts),
      ),
      ...(options.top !== undefined && { top: options.top }),
    });
  }

  async search(text: string, k: number): Promise<SearchResult> {
    if (text.trim() === '') throw engineError('EMPTY_QUERY', 'Type something to search for.');
    const model = await this.models.get({});
    const [query] = await model.embedTexts([text]);
    const matrix = this.library.embeddingMatrix(model.info.id);
    return { results: nearest(matrix, query as Float32Array, k) };
  }

  async similar(imagePath: string, k: number): Promise<SearchResult> {
    const path = resolve(imagePath);
    const check = await checkLibraryPath(path);
    if (!check.ok) throw engineError('BAD_PATH', `${path} ${check.reason}.`);
    if (check.kind !== 'photo') throw engineError('BAD_PATH', `${path} is a folder, not a photo.`);
    const model = await this.models.get({});
    let query = this.library.embeddingOf(path, model.info.id);
    if (query === null) {
      for await (const result of model.embedImages([path])) {
        if (!result.ok) throw engineError('UNREADABLE', `${path} cannot be read: ${result.error}`);
        query = result.embedding;
      }
    }
    const matrix = this.library.embeddingMatrix(model.info.id);
    return { results: nearest(matrix, query as Float32Array, k) };
  }

  async folders(): Promise<readonly LibraryFolder[]> {
    return this.library
      .folderSummaries(this.models.id(), FOLDER_PREVIEW)
      .map((folder) => ({ ...folder, videos: this.ignored.under(folder.path).length }));
  }

  async pauseIndex(): Promise<boolean> {
    return this.control.pause();
  }

  async resumeIndex(): Promise<boolean> {
    return this.control.resume();
  }

  async cancelIndex(): Promise<boolean> {
    return this.control.cancel();
  }

  async indexState(): Promise<IndexRunState> {
    return this.control.current;
  }

  async problems(): Promise<readonly PhotoProblem[]> {
    return this.library.problems();
  }

  async problemCount(): Promise<number> {
    return this.library.problems().length;
  }

  async watch(): Promise<void> {
    if (this.watcher !== null || this.closing) return;
    this.watcher = new FolderWatcher({
      onChanges: (paths) => this.indexChanges(paths),
      onError: (error) => {
        this.lastError = `Watching the folders failed: ${error.message}`;
        void this.emitStatus();
      },
    });
    this.watchRoots();
    await this.watcher.ready();
    // What changed while the app was closed (or a run that was cut short) is caught up now.
    const roots = this.library.roots().map((root) => root.path);
    if (roots.length > 0) this.indexInBackground(roots);
  }

  async thumbnail(path: string, size: ThumbnailSize): Promise<ThumbnailAnswer> {
    if (!THUMBNAIL_SIZES.includes(size))
      return {
        ok: false,
        status: 404,
        reason: `Thumbnails come in ${THUMBNAIL_SIZES.join(', ')}.`,
      };
    const roots = this.library.roots().map((root) => root.path);
    const access = await resolveLibraryPhoto(path, roots);
    if (!access.ok) return access;
    try {
      return { ok: true, file: await this.thumbnails.file(access.path, size) };
    } catch (error) {
      return { ok: false, status: 415, reason: `No thumbnail: ${(error as Error).message}` };
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    this.control.cancel(); // a paused run would otherwise hold the queue forever
    await this.watcher?.close();
    this.watcher = null;
    await this.queue.catch(() => {});
    for (const cleanup of this.cleanups.splice(0)) await Promise.resolve(cleanup()).catch(() => {});
    await this.models.close();
    await closeRawPreviewTool();
    this.library.close();
  }

  /** What the domain services get: see engine-context.ts. */
  context(): EngineContext {
    return {
      library: this.library,
      libraryDir: resolve(this.options.libraryDir),
      model: (options) => this.models.get(options ?? {}),
      activeModelId: () => this.models.id(),
      activeModelDir: () => this.models.dir(),
      setActiveModel: (dir) => this.setActiveModel(dir),
      emit: (channel, payload) => this.options.emit?.(channel, payload),
      serially: (work) => this.serially(work),
      onLibraryChanged: (listener) => void this.changeListeners.push(listener),
      onClose: (cleanup) => void this.cleanups.push(cleanup),
    };
  }

  /** Switches models; photos it has not embedded yet are indexed in the background. */
  private async setActiveModel(dir: string): Promise<void> {
    const modelDir = resolve(dir);
    await this.models.get({ modelDir }); // refuses a broken package before anything changes
    this.models.remember(modelDir);
    await this.emitStatus();
    const roots = this.library.roots().map((root) => root.path);
    if (roots.length > 0) this.indexInBackground(roots);
  }

  /** The watcher follows the roots (when the app asked for watching). */
  private watchRoots(): void {
    this.watcher?.setFolders(this.library.roots().map((root) => root.path));
  }

  /** A batch of changed paths from the watcher: synced and embedded like any index run. */
  private indexChanges(paths: readonly string[]): void {
    const inLibrary = paths.filter((path) => this.library.rootCovering(path) !== null);
    if (inLibrary.length > 0 && !this.closing) this.indexInBackground(inLibrary);
  }

  private indexInBackground(paths: readonly string[]): void {
    void this.serially(() => this.runIndex(paths, {})).catch((error: unknown) => {
      this.lastError = `Indexing stopped: ${(error as Error).message}`;
      void this.emitStatus();
    });
  }

  private libraryChanged(): void {
    for (const listener of this.changeListeners) {
      try {
        listener();
      } catch {
        // one domain's stale cache must not stop the others from hearing of the change
      }
    }
  }

  /** Checks the paths and adds those not yet covered as roots; refuses the call on a bad one. */
  private async addForIndex(paths: readonly string[], confirmed: boolean): Promise<string[]> {
    if (paths.length === 0) throw engineError('BAD_ARGUMENT', 'Name at least one folder or photo.');
    const resolved = [...new Set(paths.map((path) => resolve(path)))];
    const checks = await Promise.all(resolved.map((path) => checkLibraryPath(path)));
    checks.forEach((check, i) => {
      if (!check.ok) throw engineError('BAD_PATH', `${resolved[i] as string} ${check.reason}.`);
    });
    for (const path of resolved) {
      if (confirmed || this.library.rootCovering(path) !== null) continue;
      const question = await broadFolderQuestion(path);
      if (question !== null)
        throw engineError(
          'NEEDS_CONFIRMATION',
          `${question.question}. Run again with --yes to index it, or name the photo folders inside it.`,
        );
    }
    checks.forEach((check, i) => {
      const path = resolved[i] as string;
      if (check.ok && this.library.rootCovering(path) === null)
        this.library.addRoot(path, check.kind);
    });
    return resolved;
  }

  /** Index runs (and scans) take turns: two runs never write the same rows at once. */
  private serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.catch(() => {}).then(work);
    this.queue = next;
    return next;
  }

  private async runIndex(paths: readonly string[], options: IndexOptions): Promise<IndexRun> {
    const model = await this.models.get(options);
    this.indexing++;
    this.lastError = null;
    this.progress = null;
    await this.emitStatus();
    const job = this.library.startJob(paths, model.info.id, model.device);
    this.control.begin();
    try {
      const sync = await syncPhotos(this.library, paths, {
        pairsApart: options.rawJpeg === 'apart',
      });
      this.ignored.record(paths, sync.ignored);
      await this.thumbnails.forget(sync.gone).catch(() => {}); // a stale thumbnail is harmless
      const embedded = await embedMissing({
        library: this.library,
        modelId: model.info.id,
        files: sync.files,
        embedImages: (list) => model.embedImages(list),
        onProgress: (progress) => {
          this.progress = progress;
          this.options.emit?.('index:progress', progress);
        },
        shouldStop: () => this.closing,
        control: this.control,
      });
      this.models.remember(model.info.dir);
      const errors: FileProblem[] = [...sync.problems, ...embedded.errors].sort((a, b) =>
        a.path < b.path ? -1 : 1,
      );
      this.library.finishJob(job, {
        files: sync.files.length,
        embedded: embedded.embedded,
        errors: errors.length,
      });
      const report: IndexReport = {
        files: sync.files.length,
        embedded: embedded.embedded,
        skipped: embedded.skipped,
        errors,
        ignored: sync.ignored,
        device: model.device,
      };
      return { report, files: sync.files, model };
    } catch (error) {
      this.library.finishJob(job, { failed: (error as Error).message });
      throw error;
    } finally {
      this.control.end();
      this.indexing--;
      this.progress = null;
      this.libraryChanged();
      await this.emitStatus();
    }
  }

  private async emitStatus(): Promise<void> {
    if (this.options.emit === undefined) return;
    this.options.emit('engine:status', await this.status());
  }
}

export async function createEngine(options: EngineOptions): Promise<Engine> {
  const library = new Library(resolve(options.libraryDir));
  const core = new LibraryEngine(options, library);
  const ctx = core.context();
  // Each domain's service joins the engine here, one line each.
  const engine: EngineApi = {
    engine: bindCalls(engineService, core),
    library: bindCalls(libraryService, core),
    browse: createBrowseService(ctx),
    labels: createLabelsService(ctx),
    tags: createTagsService(ctx),
    clusters: createClustersService(ctx),
    export: createExportService(ctx),
    models: createModelsService(ctx),
  };
  return { ...engine, close: () => core.close() };
}
