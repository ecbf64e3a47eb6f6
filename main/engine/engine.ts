// The engine: one library, the CLIP model (loaded on first need), and the EngineApi calls the
// app, the CLI and the tests make. This file only joins the domains: the library domain owns the
// roots, index runs and status and lends the others what they share through the EngineContext.
// Plain Node; the host process (host/host.ts) wraps it.
import { resolve } from 'node:path';
import { closeRawPreviewTool } from '../../native/raw-preview';
import type { ModelDefaults } from './active-model';
import type { EngineContext } from './engine-context';
import type { CoreApi, EngineApi } from './engine-api';
import { createBrowseService } from './browse/service';
import { createClustersService } from './clusters/service';
import { createExportService } from './export/service';
import { createLabelsService } from './labels/service';
import { createModelsService } from './models/service';
import { commandLineCalls } from './library/command-line-calls';
import { Library } from './library/library';
import { LIBRARY_METHODS, type LibraryApi } from './library/library-api';
import type { EmitEvent } from './library/progress';
import { LIBRARY_CORE_METHODS, LibraryService, type LibraryCoreMethod } from './library/service';

export { builtInModelDir } from './active-model';
export { defaultLibraryDir } from './library/library-dir';

export interface EngineOptions extends ModelDefaults {
  /** The library lives in <libraryDir>/library.db. */
  readonly libraryDir: string;
  readonly emit?: EmitEvent;
  /** Index folders in the background once addFolders has added them (default true). */
  readonly indexAfterAdd?: boolean;
}

export interface Engine extends EngineApi {
  close(): Promise<void>;
}

/** Binds the named methods of `service`, so they can be spread into the engine object. */
function methodsOf<T extends object>(service: T, names: readonly (keyof T)[]): Partial<T> {
  return Object.fromEntries(
    names.map((name) => [name, (service[name] as (...args: unknown[]) => unknown).bind(service)]),
  ) as Partial<T>;
}

export async function createEngine(options: EngineOptions): Promise<Engine> {
  const libraryDir = resolve(options.libraryDir);
  const library = new Library(libraryDir);
  const libraryService = new LibraryService({ ...options, library, libraryDir });
  const cleanups: (() => Promise<void> | void)[] = [];
  const ctx: EngineContext = {
    library,
    libraryDir,
    model: (modelOptions) => libraryService.models.get(modelOptions ?? {}),
    activeModelId: () => libraryService.models.id(),
    activeModelDir: () => libraryService.models.dir(),
    setActiveModel: (dir) => libraryService.setActiveModel(dir),
    emit: (channel, payload) => options.emit?.(channel, payload),
    serially: (work) => libraryService.runner.serially(work),
    onLibraryChanged: (listener) => libraryService.onChanged(listener),
    onClose: (cleanup) => void cleanups.push(cleanup),
  };
  const engine: EngineApi = {
    ...(methodsOf(libraryService, LIBRARY_CORE_METHODS) as Pick<CoreApi, LibraryCoreMethod>),
    ...commandLineCalls(libraryService, library),
    ...createBrowseService(ctx),
    ...createLabelsService(ctx),
    ...createClustersService(ctx),
    ...createExportService(ctx),
    ...createModelsService(ctx),
    ...(methodsOf(libraryService, LIBRARY_METHODS) as LibraryApi),
  };
  const close = async (): Promise<void> => {
    await libraryService.stop(); // no index run writes from here on
    for (const cleanup of cleanups.splice(0)) await Promise.resolve(cleanup()).catch(() => {});
    await libraryService.models.close();
    await closeRawPreviewTool();
    library.close();
  };
  return { ...engine, close };
}
