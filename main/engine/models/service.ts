// The models domain of the engine: the catalog, downloads with progress, importing a folder, and
// switching the active model (embeddings are kept per model, so switching back costs nothing).
import type { ServiceApi } from '../../../preload/contract/define-service';
import type { modelsService } from '../../../preload/contract/models';
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type {
  CatalogModelSummary,
  HardwareSummary,
  InstalledModelSummary,
  ModelDownloadProgress,
  ModelsOverview,
} from '../../../preload/contract/models';
import type { EngineContext } from '../engine-context';
import { engineError } from '../engine-error';
import { catalogPath, findCatalogModel, readCatalog, type Catalog } from './catalog';
import { detectHardware, recommendModel } from './hardware';
import { importModelFolder } from './import-model';
import { DOWNLOADS_FOLDER, DownloadError, installFromCatalog } from './install-model';
import {
  assetsModelsDir,
  DEMO_MODEL_ID,
  findInstalled,
  listInstalledModels,
  modelsDirOf,
  type InstalledModel,
} from './installed-models';

const WELCOME_DISMISSED = 'models_welcome_dismissed';

/** The catalog file: FACET_MODEL_CATALOG when set (a mirror, or the tests' local server). */
function catalogFile(): string {
  const override = process.env['FACET_MODEL_CATALOG'];
  if (override !== undefined && override !== '') return resolve(override);
  return catalogPath(join(assetsModelsDir(), DEMO_MODEL_ID));
}

export function createModelsService(ctx: EngineContext): ServiceApi<typeof modelsService> {
  const modelsDir = modelsDirOf(ctx.libraryDir);
  const demoDir = join(assetsModelsDir(), DEMO_MODEL_ID);
  const downloads = new Map<
    string,
    { controller: AbortController; progress: ModelDownloadProgress }
  >();
  let catalog: Promise<Catalog> | null = null;
  let hardware: Promise<HardwareSummary> | null = null;

  const loadCatalog = (): Promise<Catalog> => {
    catalog ??= readCatalog(catalogFile()).catch((error: unknown) => {
      catalog = null;
      throw error;
    });
    return catalog;
  };
  const installed = (): Promise<InstalledModel[]> => listInstalledModels(modelsDir, demoDir);

  const summary = (model: InstalledModel): InstalledModelSummary => ({
    ...model,
    active: model.id === ctx.activeModelId(),
    embeddedPhotos: ctx.library.counts().embedded[model.id] ?? 0,
  });

  const changed = (): void => ctx.emit('models:changed', { activeModelId: ctx.activeModelId() });

  const report = (progress: ModelDownloadProgress): void => {
    const entry = downloads.get(progress.name);
    if (entry !== undefined) entry.progress = progress;
    ctx.emit('models:progress', progress);
  };

  async function partialBytes(name: string): Promise<number | null> {
    const dir = join(modelsDir, DOWNLOADS_FOLDER, name);
    if ((await stat(dir).catch(() => null)) === null) return null;
    let total = 0;
    for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
      if (entry.isFile() && !entry.name.endsWith('.etag'))
        total += (await stat(join(entry.parentPath, entry.name))).size;
    }
    return total;
  }

  async function overview(): Promise<ModelsOverview> {
    const [entries, models] = await Promise.all([loadCatalog(), installed()]);
    hardware ??= detectHardware(demoDir);
    const hw = await hardware;
    const ids = new Set(models.map((m) => m.id.toLowerCase()));
    const catalogSummaries: CatalogModelSummary[] = [];
    for (const model of entries.models) {
      catalogSummaries.push({
        name: model.name,
        title: model.title,
        description: model.description,
        embedDim: model.embedDim,
        imageSize: model.imageSize,
        languages: model.languages,
        speed: model.hints.speed,
        device: model.hints.device,
        memoryMiB: model.hints.memoryMiB,
        cpuMsPerImage: model.hints.cpuMsPerImage,
        recall: model.hints.recall,
        approxDownloadMiB: model.hints.approxDownloadMiB,
        downloadable: model.files.length > 0,
        exportCommand: model.export?.command ?? null,
        installed: ids.has(model.name.toLowerCase()),
        partialBytes: downloads.has(model.name) ? null : await partialBytes(model.name),
      });
    }
    return {
      catalog: catalogSummaries,
      installed: models.map(summary),
      activeModelId: ctx.activeModelId(),
      hardware: hw,
      recommended: recommendModel(entries, hw),
      firstRun: models.every((m) => m.builtIn) && ctx.library.setting(WELCOME_DISMISSED) === null,
      downloads: [...downloads.values()].map((d) => d.progress),
    };
  }

  ctx.onClose(() => {
    for (const { controller } of downloads.values()) controller.abort();
  });

  return {
    overview: overview,

    async install(name) {
      const model = findCatalogModel(await loadCatalog(), name);
      if (downloads.has(model.name))
        throw engineError('BUSY', `${model.name} is already being downloaded.`);
      const controller = new AbortController();
      const start: ModelDownloadProgress = {
        name: model.name,
        file: '',
        receivedBytes: 0,
        totalBytes: null,
        bytesPerSecond: 0,
        etaSeconds: null,
        state: 'downloading',
        error: null,
      };
      downloads.set(model.name, { controller, progress: start });
      report(start);
      let last = start;
      try {
        await installFromCatalog(model, modelsDir, {
          signal: controller.signal,
          onProgress: (p) => {
            last = { ...p, state: p.done ? 'verifying' : 'downloading', error: null };
            report(last);
          },
        });
        report({ ...last, state: 'installed', etaSeconds: 0 });
        changed();
        return summary(findInstalled(await installed(), model.name));
      } catch (error) {
        const cancelled = error instanceof DownloadError && error.code === 'CANCELLED';
        report({
          ...last,
          state: cancelled ? 'cancelled' : 'failed',
          error: cancelled ? null : (error as Error).message,
        });
        throw error;
      } finally {
        downloads.delete(model.name);
      }
    },

    async cancel(name) {
      const entry = [...downloads.entries()].find(
        ([key]) => key.toLowerCase() === name.toLowerCase(),
      );
      if (entry === undefined) return false;
      entry[1].controller.abort();
      return true;
    },

    async import(dir) {
      const taken = (await installed()).map((m) => m.id);
      const result = await importModelFolder(dir, modelsDir, taken);
      changed();
      return summary(findInstalled(await installed(), result.facts.id));
    },

    async use(id) {
      const model = findInstalled(await installed(), id);
      await ctx.setActiveModel(model.dir);
      ctx.library.setSetting(WELCOME_DISMISSED, '1');
      changed();
      return overview();
    },

    async dismissWelcome() {
      ctx.library.setSetting(WELCOME_DISMISSED, '1');
      changed();
    },
  };
}
