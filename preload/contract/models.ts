// The Models screen's channels: the catalog, downloads with progress, importing a folder, and
// switching the active model.
import { z } from 'zod';
import { absolutePath, defineService, none, returns } from './define-service';

/** A model the catalog offers, with what to expect of it. */
export interface CatalogModelSummary {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly embedDim: number;
  readonly imageSize: number;
  readonly languages: readonly string[];
  readonly speed: 'fastest' | 'fast' | 'medium' | 'slow' | 'very slow';
  /** Where it is pleasant to use: any CPU, or a GPU wanted. */
  readonly device: 'cpu' | 'gpu';
  /** Immich's estimates: peak memory, CPU time per photo, retrieval recall (null when unknown). */
  readonly memoryMiB: number | null;
  readonly cpuMsPerImage: number | null;
  readonly recall: number | null;
  readonly approxDownloadMiB: number | null;
  /** False for a model that must be exported first (see exportCommand). */
  readonly downloadable: boolean;
  readonly exportCommand: string | null;
  readonly installed: boolean;
  /** Bytes of an interrupted download waiting to be resumed, else null. */
  readonly partialBytes: number | null;
}

/** A model on this computer. */
export interface InstalledModelSummary {
  /** Folder name: the key its embeddings are stored under. */
  readonly id: string;
  readonly name: string;
  readonly dir: string;
  /** The demo model shipped with the app. */
  readonly builtIn: boolean;
  readonly embedDim: number | null;
  readonly imageSize: number | null;
  readonly bytes: number;
  readonly active: boolean;
  /** Photos of the library that already have an embedding from this model. */
  readonly embeddedPhotos: number;
}

/** What the computer offers, found by opening the demo model on the best device. */
export interface HardwareSummary {
  /** The GPU provider that passed a warm-up run ('webgpu', 'cuda', ...), or null for CPU only. */
  readonly gpu: string | null;
  /** Why no GPU is used, when none is. */
  readonly note: string | null;
  readonly memoryMiB: number;
  readonly cores: number;
}

export interface ModelDownloadProgress {
  readonly name: string;
  /** The file being fetched, e.g. "visual/model.onnx". */
  readonly file: string;
  readonly receivedBytes: number;
  /** Null while some file's size is not known yet. */
  readonly totalBytes: number | null;
  readonly bytesPerSecond: number;
  readonly etaSeconds: number | null;
  readonly state: 'downloading' | 'verifying' | 'installed' | 'failed' | 'cancelled';
  /** Why it failed (disk full, checksum, network), when it did. */
  readonly error: string | null;
}

export interface ModelsOverview {
  readonly catalog: readonly CatalogModelSummary[];
  readonly installed: readonly InstalledModelSummary[];
  readonly activeModelId: string;
  readonly hardware: HardwareSummary;
  /** The catalog model suggested for this computer, and why. */
  readonly recommended: { readonly name: string; readonly reason: string };
  /** No model but the demo is installed and the welcome has not been dismissed. */
  readonly firstRun: boolean;
  readonly downloads: readonly ModelDownloadProgress[];
}

/** A catalog or installed model's name: a plain folder name. */
const modelName = z
  .string()
  .min(1, 'must not be empty')
  .max(200, 'is too long')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be a model name');

export const modelsService = defineService('models', {
  overview: {
    args: none,
    result: returns<ModelsOverview>(),
    doc: 'The catalog, installed models, the active one, the hardware and the recommendation.',
  },
  install: {
    args: z.tuple([modelName]),
    result: returns<InstalledModelSummary>(),
    doc: 'Downloads and installs a catalog model (resuming an interrupted download); resolves when installed.',
  },
  cancel: {
    args: z.tuple([modelName]),
    result: returns<boolean>(),
    doc: 'Cancels a download in progress and discards its files; false when none runs for that name.',
  },
  import: {
    args: z.tuple([absolutePath]),
    result: returns<InstalledModelSummary>(),
    doc: "Checks a model folder (files, tensors, shapes) and copies it into the library's models.",
  },
  use: {
    args: z.tuple([modelName]),
    result: returns<ModelsOverview>(),
    doc: 'Makes an installed model the active one; photos it has not embedded are queued for indexing.',
  },
  dismissWelcome: {
    args: none,
    result: returns<void>(),
    doc: 'Hides the first-run welcome (the user keeps the demo model for now).',
  },
});

export interface ModelsEventChannels {
  /** A download progressed, finished, failed or was cancelled (a few times per second at most). */
  'models:progress': ModelDownloadProgress;
  /** Installed models or the active model changed: reload the overview. */
  'models:changed': { readonly activeModelId: string };
}
