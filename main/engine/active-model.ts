// The library's active CLIP model: which package it is (the call's, the library's, the default)
// and the loaded model, kept while calls ask for the same one and loaded again when they change.
import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DeviceError, loadClipModel, ModelPackageError, type ClipModel } from './clip/index';
import type { Device, IndexOptions } from './engine-api';
import { withCode } from './engine-error';
import type { Library } from './library/library';

const ACTIVE_MODEL = 'active_model_dir';
const DEMO_MODEL = join('assets', 'models', 'tiny-clip-shapes');

/** The built-in demo model, found from this file whether it runs from source or a bundle. */
export function builtInModelDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 5; up++, dir = dirname(dir)) {
    if (existsSync(join(dir, DEMO_MODEL, 'config.json'))) return join(dir, DEMO_MODEL);
  }
  return resolve(DEMO_MODEL);
}

export interface ModelDefaults {
  /** Used until the library has indexed with a model (default: the built-in demo model). */
  readonly modelDir?: string;
  readonly device?: Device;
}

export class ActiveModel {
  private loaded: { key: string; model: Promise<ClipModel> } | null = null;
  private loadedModel: ClipModel | null = null;

  constructor(
    private readonly library: Library,
    private readonly defaults: ModelDefaults,
    /** Called when a model starts and finishes loading (the status shows it, its name and device). */
    private readonly onLoaded: () => void,
  ) {}

  /** True from the moment a model starts loading until it is ready or has failed. */
  get loading(): boolean {
    return this.loaded !== null && this.loadedModel === null;
  }

  /** The model once loaded; null while none is (status never waits for a load). */
  get current(): ClipModel | null {
    return this.loadedModel;
  }

  /** Id of the active model: the key of its embeddings, even before it is loaded. */
  id(): string {
    return this.loadedModel?.info.id ?? basename(this.dir());
  }

  /** The call's model, else the library's active one, else the engine's default. */
  dir(requested?: string): string {
    if (requested !== undefined) return resolve(requested);
    const active = this.library.setting(ACTIVE_MODEL);
    if (active !== null && existsSync(active)) return active;
    return resolve(this.defaults.modelDir ?? builtInModelDir());
  }

  /** Makes `dir` the library's model from now on (the CLI and the app share it). */
  remember(dir: string): void {
    this.library.setSetting(ACTIVE_MODEL, dir);
  }

  /** Loads the model on first need and keeps it while calls ask for the same one. */
  get(options: IndexOptions): Promise<ClipModel> {
    const dir = this.dir(options.modelDir);
    const device = options.device ?? this.defaults.device ?? 'auto';
    const key = `${dir}\u0000${device}`;
    if (this.loaded?.key !== key) {
      const previous = this.loaded?.model;
      const model = (async () => {
        await previous?.then((m) => m.close()).catch(() => {});
        try {
          return await loadClipModel(dir, { device });
        } catch (error) {
          if (error instanceof ModelPackageError) throw withCode(error, 'MODEL_PACKAGE');
          if (error instanceof DeviceError) throw withCode(error, 'DEVICE');
          throw withCode(error, 'MODEL_LOAD');
        }
      })();
      this.loaded = { key, model };
      this.loadedModel = null;
      model.then(
        (loaded) => {
          if (this.loaded?.model !== model) return;
          this.loadedModel = loaded;
          this.onLoaded();
        },
        () => {
          if (this.loaded?.model !== model) return;
          this.loaded = null; // the next call tries again
          this.onLoaded();
        },
      );
      this.onLoaded();
    }
    return (this.loaded as { model: Promise<ClipModel> }).model;
  }

  async close(): Promise<void> {
    const model = this.loaded?.model;
    this.loaded = null;
    this.loadedModel = null;
    await model?.then((m) => m.close()).catch(() => {});
  }
}
