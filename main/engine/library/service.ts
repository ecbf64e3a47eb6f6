// The library domain's engine service: its roots and folders, the index runs and their control,
// watching the folders, thumbnails and the engine's status. The other domains borrow its library,
// model and turn-taking through the engine context (engine.ts joins them).
import { join, resolve } from 'node:path';
import type { AddFoldersOptions, AddFoldersResult, EngineStatus } from '../../../preload/contract';
import type { IndexRunState, LibraryFolder, PhotoProblem } from '../../../preload/contract/library';
import { ActiveModel, type ModelDefaults } from '../active-model';
import type { ServiceApi } from '../../../preload/contract/define-service';
import type { engineService } from '../../../preload/contract/engine';
import type {
  IndexOptions,
  IndexReport,
  LibraryStatusReport,
  SearchResult,
  TagOptions,
  TagReport,
  ThumbnailAnswer,
  libraryService,
} from '../../../preload/contract/library';
import { engineError } from '../engine-error';
import { resolveLibraryPhoto } from '../media-guard';
import { IndexRunner } from './index-runner';
import type { syncPhotos } from './indexer';
import type { Library } from './library';
import { commandLineCalls } from './command-line-calls';
import { problemInWords } from './problem-words';
import { IndexStatus, type EmitEvent } from './progress';
import { addRoots } from './roots';
import { ThumbnailCache, THUMBNAIL_SIZES, type ThumbnailSize } from './thumbnails';
import { FolderWatcher } from './watcher';

/** Photos shown with each folder in the folder list. */
const FOLDER_PREVIEW = 6;

export interface LibraryServiceOptions extends ModelDefaults {
  readonly library: Library;
  /** The folder holding library.db (thumbnails are cached beside it). */
  readonly libraryDir: string;
  readonly emit?: EmitEvent;
  /** Index folders in the background once addFolders has added them (default true). */
  readonly indexAfterAdd?: boolean;
  /** Scans paths and stores what changed (tests wrap it to count the scans). */
  readonly sync?: typeof syncPhotos;
}

/**
 * The library's calls (and the engine's status, which is the library's progress); `facet tag`,
 * `search` and `similar` are in command-line-calls.ts.
 */
export class LibraryService
  implements ServiceApi<typeof libraryService>, ServiceApi<typeof engineService>
{
  readonly models: ActiveModel;
  readonly indexStatus: IndexStatus;
  readonly runner: IndexRunner;
  private readonly library: Library;
  private readonly thumbnails: ThumbnailCache;
  private readonly changeListeners: (() => void)[] = [];
  private watcher: FolderWatcher | null = null;
  private readonly commandLine: ReturnType<typeof commandLineCalls>;

  constructor(private readonly options: LibraryServiceOptions) {
    this.library = options.library;
    this.thumbnails = new ThumbnailCache(join(resolve(options.libraryDir), 'thumbnails'));
    this.models = new ActiveModel(options.library, options, () => void this.indexStatus.emit());
    this.indexStatus = new IndexStatus(options.library, () => this.models, options.emit);
    this.runner = new IndexRunner({
      library: options.library,
      models: this.models,
      thumbnails: this.thumbnails,
      status: this.indexStatus,
      ...(options.emit !== undefined && { emit: options.emit }),
      onChanged: () => this.changed(),
      ...(options.sync !== undefined && { sync: options.sync }),
    });
    this.commandLine = commandLineCalls(this, options.library);
  }

  /** `listener` hears when photos were added, changed, embedded or removed. */
  onChanged(listener: () => void): void {
    this.changeListeners.push(listener);
  }

  async status(): Promise<EngineStatus> {
    return this.indexStatus.current();
  }

  async summary(): Promise<LibraryStatusReport> {
    const counts = this.library.counts();
    const { files, embedded, errors } = counts;
    return { roots: this.rootPaths(), files, embedded, errors };
  }

  async roots(): Promise<readonly string[]> {
    return this.rootPaths();
  }

  async add(paths: readonly string[], options: AddFoldersOptions = {}): Promise<AddFoldersResult> {
    const outcomes = await addRoots(this.library, paths, { confirmed: options.confirmed === true });
    const added: string[] = [];
    const refused: { path: string; reason: string }[] = [];
    const unconfirmed: { path: string; question: string }[] = [];
    for (const outcome of outcomes) {
      const { path } = outcome;
      if (outcome.verdict === 'added') added.push(path);
      else if (outcome.verdict === 'refused') refused.push({ path, reason: outcome.reason });
      else if (outcome.verdict === 'unconfirmed')
        unconfirmed.push({ path, question: outcome.question });
      else if (outcome.verdict === 'covered') {
        const inside = outcome.root === path ? '' : ` (inside ${outcome.root})`;
        refused.push({ path, reason: `is already in the library${inside}` });
      }
    }
    if (added.length > 0) {
      // Not queued behind a running index: the folder list and counts update at once. This scan
      // is the one the index run embeds from.
      const scanned = await this.runner.scan(added);
      this.watchRoots();
      this.changed();
      await this.indexStatus.emit();
      if (this.options.indexAfterAdd ?? true) this.runner.inBackground(added, scanned);
    }
    return { added, refused, unconfirmed };
  }

  async remove(root: string): Promise<void> {
    const photos = this.library.filesUnder(resolve(root)).map((file) => file.path);
    if (!this.library.removeRoot(resolve(root)))
      throw engineError('BAD_PATH', `${resolve(root)} is not a folder of the library.`);
    this.watchRoots();
    this.changed();
    await this.indexStatus.emit();
    void this.thumbnails.forget(photos).catch(() => {}); // in the background: there may be many
  }

  async index(paths: readonly string[], options: IndexOptions): Promise<IndexReport> {
    const resolved = await this.addForIndex(paths, options.confirmed === true);
    return (await this.runner.run(resolved, options)).report;
  }

  async folders(): Promise<readonly LibraryFolder[]> {
    return this.library
      .folderSummaries(this.models.id(), FOLDER_PREVIEW)
      .map((folder) => ({ ...folder, videos: this.runner.ignored.under(folder.path).length }));
  }

  async pauseIndex(): Promise<boolean> {
    return this.runner.control.pause();
  }

  async resumeIndex(): Promise<boolean> {
    return this.runner.control.resume();
  }

  async cancelIndex(): Promise<boolean> {
    return this.runner.control.cancel();
  }

  async indexState(): Promise<IndexRunState> {
    return this.runner.control.current;
  }

  async problems(): Promise<readonly PhotoProblem[]> {
    return Promise.all(
      this.library.problems().map(async ({ path, reason, at }) => ({
        path,
        reason: await problemInWords(path, reason),
        detail: reason,
        at,
      })),
    );
  }

  async problemCount(): Promise<number> {
    return this.library.problems().length;
  }

  tag(paths: readonly string[], options: TagOptions): Promise<TagReport> {
    return this.commandLine.tag(paths, options);
  }

  search(text: string, k: number): Promise<SearchResult> {
    return this.commandLine.search(text, k);
  }

  similar(imagePath: string, k: number): Promise<SearchResult> {
    return this.commandLine.similar(imagePath, k);
  }

  async retryProblem(path: string): Promise<boolean> {
    const target = resolve(path);
    const isProblem = () => this.library.problems().some((problem) => problem.path === target);
    if (!isProblem()) throw engineError('NOT_FOUND', 'That photo is no longer among the problems.');
    await this.runner.run([target], {});
    return !isProblem();
  }

  async watch(): Promise<void> {
    if (this.watcher !== null || this.runner.closing) return;
    this.watcher = new FolderWatcher({
      onChanges: (paths) => this.indexChanges(paths),
      onError: (error) => this.indexStatus.failed(`Watching the folders failed: ${error.message}`),
    });
    this.watchRoots();
    await this.watcher.ready();
    // What changed while the app was closed (or a run that was cut short) is caught up now.
    const roots = this.rootPaths();
    if (roots.length > 0) this.runner.inBackground(roots);
  }

  async thumbnail(path: string, size: ThumbnailSize): Promise<ThumbnailAnswer> {
    if (!THUMBNAIL_SIZES.includes(size))
      return {
        ok: false,
        status: 404,
        reason: `Thumbnails come in ${THUMBNAIL_SIZES.join(', ')}.`,
      };
    const access = await resolveLibraryPhoto(path, this.rootPaths());
    if (!access.ok) return access;
    try {
      return { ok: true, file: await this.thumbnails.file(access.path, size) };
    } catch (error) {
      return { ok: false, status: 415, reason: `No thumbnail: ${(error as Error).message}` };
    }
  }

  /** Switches models; photos it has not embedded yet are indexed in the background. */
  async setActiveModel(dir: string): Promise<void> {
    const modelDir = resolve(dir);
    await this.models.get({ modelDir }); // refuses a broken package before anything changes
    this.models.remember(modelDir);
    await this.indexStatus.emit();
    const roots = this.rootPaths();
    if (roots.length > 0) this.runner.inBackground(roots);
  }

  /** Stops watching and index runs (what they stored stays); the engine closes the rest. */
  async stop(): Promise<void> {
    const stopped = this.runner.stop(); // from now on no run starts, not even the watcher's
    await this.watcher?.close();
    this.watcher = null;
    await stopped;
  }

  /**
   * Adds the paths `facet index` and `facet tag` name (those not in the library yet), refusing
   * the whole call for a bad or unconfirmed one.
   */
  async addForIndex(paths: readonly string[], confirmed: boolean): Promise<string[]> {
    if (paths.length === 0) throw engineError('BAD_ARGUMENT', 'Name at least one folder or photo.');
    const resolved = [...new Set(paths.map((path) => resolve(path)))];
    const outcomes = await addRoots(this.library, resolved, { confirmed, allOrNothing: true });
    for (const outcome of outcomes)
      if (outcome.verdict === 'refused')
        throw engineError('BAD_PATH', `${outcome.path} ${outcome.reason}.`);
    for (const outcome of outcomes)
      if (outcome.verdict === 'unconfirmed')
        throw engineError(
          'NEEDS_CONFIRMATION',
          `${outcome.question}. Run again with --yes to index it, or name the photo folders inside it.`,
        );
    return resolved;
  }

  private rootPaths(): string[] {
    return this.library.roots().map((root) => root.path);
  }

  /** The watcher follows the roots (when the app asked for watching). */
  private watchRoots(): void {
    this.watcher?.setFolders(this.rootPaths());
  }

  /** A batch of changed paths from the watcher: synced and embedded like any index run. */
  private indexChanges(paths: readonly string[]): void {
    const inLibrary = paths.filter((path) => this.library.rootCovering(path) !== null);
    if (inLibrary.length > 0) this.runner.inBackground(inLibrary);
  }

  private changed(): void {
    for (const listener of this.changeListeners) {
      try {
        listener();
      } catch {
        // one domain's stale cache must not stop the others from hearing of the change
      }
    }
  }
}
