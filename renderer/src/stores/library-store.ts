// The library's folders and what happened to the last folders the user added.
import { create } from 'zustand';
import { recordEvent } from '../test-events';

export interface LibraryNotice {
  readonly tone: 'info' | 'error';
  readonly message: string;
  readonly details: readonly string[];
}

interface LibraryStore {
  readonly roots: readonly string[];
  readonly loaded: boolean;
  /** True while folders are being added (the engine scans them before it answers). */
  readonly adding: boolean;
  readonly notice: LibraryNotice | null;
  load(): Promise<void>;
  addFolders(paths: readonly string[]): Promise<void>;
  chooseAndAddFolders(): Promise<void>;
  addDroppedFiles(files: readonly File[]): Promise<void>;
  removeFolder(root: string): Promise<void>;
  dismissNotice(): void;
}

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

const sameRoots = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((root, i) => root === b[i]);

export const useLibraryStore = create<LibraryStore>()((set, get) => ({
  roots: [],
  loaded: false,
  adding: false,
  notice: null,

  async load() {
    let roots: readonly string[];
    try {
      roots = await window.facet.invoke('library:roots');
    } catch (error) {
      set({ loaded: true, notice: { tone: 'error', message: messageOf(error), details: [] } });
      return;
    }
    const { loaded, roots: previous } = get();
    if (loaded && sameRoots(roots, previous)) return;
    set({ roots, loaded: true });
    recordEvent(loaded ? 'library-changed' : 'library-loaded');
  },

  async addFolders(paths) {
    if (paths.length === 0) return;
    set({ adding: true, notice: null });
    try {
      const { refused } = await window.facet.invoke('library:add', paths);
      if (refused.length > 0) {
        set({
          notice: {
            tone: 'error',
            message:
              refused.length === 1
                ? 'One item could not be added.'
                : `${refused.length} items could not be added.`,
            details: refused.map(({ path, reason }) => `${path}: ${reason}`),
          },
        });
      }
      await get().load();
    } catch (error) {
      set({ notice: { tone: 'error', message: messageOf(error), details: [] } });
      recordEvent('library-add-failed');
    } finally {
      set({ adding: false });
    }
  },

  async chooseAndAddFolders() {
    try {
      const paths = await window.facet.invoke('dialog:choose-folders');
      await get().addFolders(paths);
    } catch (error) {
      set({ notice: { tone: 'error', message: messageOf(error), details: [] } });
    }
  },

  async addDroppedFiles(files) {
    const paths = files
      .map((file) => window.facet.pathForFile(file))
      .filter((path): path is string => path !== null && path.length > 0);
    if (paths.length === 0) {
      set({
        notice: {
          tone: 'info',
          message: 'Facet could not read where the dropped items are. Use “Add folder…” instead.',
          details: [],
        },
      });
      return;
    }
    await get().addFolders(paths);
  },

  async removeFolder(root) {
    try {
      await window.facet.invoke('library:remove', root);
      await get().load();
    } catch (error) {
      set({ notice: { tone: 'error', message: messageOf(error), details: [] } });
    }
  },

  dismissNotice() {
    set({ notice: null });
  },
}));
