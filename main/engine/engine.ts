// The engine: one library, the CLIP model (loaded on first need), and the EngineApi calls the
// app, the CLI and the tests make. This file only joins the domains: the library domain owns the
// roots, index runs and status and lends the others what they share through the EngineContext.
// Plain Node; the host process (host/host.ts) wraps it.
import { resolve } from 'node:path';
import { closeRawPreviewTool } from '../../native/raw-preview';
import type { ModelDefaults } from './active-model';
import type { EngineContext } from './engine-context';
import { engineService } from '../../preload/contract/engine';
import { libraryService } from '../../preload/contract/library';
import { bindCalls, type EngineApi } from './engine-api';
import { createBrowseService } from './browse/service';
import { createClustersService } from './clusters/service';
import { createExportService } from './export/service';
import { createLabelsService, createTagsService } from './labels/service';
import { createModelsService } from './models/service';
import { Library } from './library/library';
import type { EmitEvent } from './library/progress';
import { LibraryService } from './library/service';

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

export async function createEngine(options: EngineOptions): Promise<Engine> {
  const libraryDir = resolve(options.libraryDir);
  const library = new Library(libraryDir);
  const libraryCalls = new LibraryService({ ...options, library, libraryDir });
  const cleanups: (() => Promise<void> | void)[] = [];
  const ctx: EngineContext = {
    library,
    libraryDir,
    model: (modelOptions) => libraryCalls.models.get(modelOptions ?? {}),
    activeModelId: () => libraryCalls.models.id(),
    activeModelDir: () => libraryCalls.models.dir(),
    setActiveModel: (dir) => libraryCalls.setActiveModel(dir),
    emit: (channel, payload) => options.emit?.(channel, payload),
    serially: (work) => libraryCalls.runner.serially(work),
    onLibraryChanged: (listener) => libraryCalls.onChanged(listener),
    onClose: (cleanup) => void cleanups.push(cleanup),
  };
  // Each domain's service joins the engine here, one line each.
  const engine: EngineApi = {
    engine: bindCalls(engineService, libraryCalls),
    library: bindCalls(libraryService, libraryCalls),
    browse: createBrowseService(ctx),
    labels: createLabelsService(ctx),
    tags: createTagsService(ctx),
    clusters: createClustersService(ctx),
    export: createExportService(ctx),
    models: createModelsService(ctx),
  };

  const close = async (): Promise<void> => {
    await libraryCalls.stop(); // no index run writes from here on
    for (const cleanup of cleanups.splice(0)) await Promise.resolve(cleanup()).catch(() => {});
    await libraryCalls.models.close();
    await closeRawPreviewTool();
    library.close();
  };
  return { ...engine, close };
}
