// The Models screen's state: the overview from the engine, live download progress, and the last
// problem to show. Only these actions call window.facet.
import { create } from 'zustand';
import type { ModelDownloadProgress, ModelsOverview } from '../../../preload/contract/models';
import { recordEvent } from '../test-events';
import { facet } from '../engine-call';
import { userMessage } from '../error-message';

interface ModelsStore {
  readonly overview: ModelsOverview | null;
  /** Downloads by model name, as the engine last reported them. */
  readonly downloads: Readonly<Record<string, ModelDownloadProgress>>;
  /** Model being switched to, while the switch runs. */
  readonly switching: string | null;
  readonly importing: boolean;
  readonly error: string | null;
  /** One-line confirmation of the last action ("Imported ..."). */
  readonly notice: string | null;
  connect(): Promise<void>;
  refresh(): Promise<void>;
  install(name: string): Promise<void>;
  cancel(name: string): Promise<void>;
  use(id: string): Promise<void>;
  importFolder(): Promise<void>;
  dismissWelcome(): Promise<void>;
  clearMessages(): void;
}

let connected = false;

export const useModelsStore = create<ModelsStore>()((set, get) => ({
  overview: null,
  downloads: {},
  switching: null,
  importing: false,
  error: null,
  notice: null,

  async connect() {
    if (!connected) {
      connected = true;
      window.facet.on('models:progress', (progress) => {
        set((s) => ({ downloads: { ...s.downloads, [progress.name]: progress } }));
        recordEvent(`models-download-${progress.state}`);
      });
      window.facet.on('models:changed', () => void get().refresh());
      // Counts of photos indexed per model change when an index run ends.
      window.facet.on('engine:status', (status) => {
        if (status.state === 'ready' && get().overview !== null) void get().refresh();
      });
    }
    await get().refresh();
  },

  async refresh() {
    try {
      const overview = await facet.models.overview();
      set((s) => {
        const downloads = { ...s.downloads };
        for (const progress of overview.downloads) downloads[progress.name] = progress;
        return { overview, downloads };
      });
      recordEvent('models-loaded');
    } catch (error) {
      set({ error: userMessage(error) });
      recordEvent('models-error');
    }
  },

  async install(name) {
    set({ error: null, notice: null });
    try {
      const model = await facet.models.install(name);
      set({ notice: `${model.name} is installed. Switch to it when you are ready.` });
    } catch (error) {
      const cancelled = get().downloads[name]?.state === 'cancelled';
      if (!cancelled) set({ error: userMessage(error) });
      recordEvent('models-error');
    }
    await get().refresh();
  },

  async cancel(name) {
    await facet.models.cancel(name);
  },

  async use(id) {
    set({ switching: id, error: null, notice: null });
    try {
      const overview = await facet.models.use(id);
      const active = overview.installed.find((m) => m.active);
      set({
        overview,
        notice: `Now using ${active?.name ?? id}. Photos it has not seen are being indexed; your confirmed and rejected tags are kept.`,
      });
      recordEvent('models-switched');
    } catch (error) {
      set({ error: userMessage(error) });
      recordEvent('models-error');
    } finally {
      set({ switching: null });
    }
  },

  async importFolder() {
    set({ importing: true, error: null, notice: null });
    try {
      const [dir] = await facet.dialog.chooseFolders();
      if (dir === undefined) return;
      const model = await facet.models.import(dir);
      set({ notice: `Imported ${model.name} (${model.embedDim ?? '?'}-d embeddings).` });
      recordEvent('models-imported');
      await get().refresh();
    } catch (error) {
      set({ error: userMessage(error) });
      recordEvent('models-error');
    } finally {
      set({ importing: false });
    }
  },

  async dismissWelcome() {
    await facet.models.dismissWelcome();
    await get().refresh();
  },

  clearMessages() {
    set({ error: null, notice: null });
  },
}));
