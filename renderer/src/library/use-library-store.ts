// The library's folders and what happened to the last folders the user added.
import { create } from 'zustand';
import type { LibraryFolder, PhotoProblem } from '../../../preload/contract/library';
import { recordEvent } from '../test-events';
import { useEngineStore } from '../stores/engine-store';
import { useViewStore } from '../stores/view-store';
import { facet } from '../engine-call';
import { userMessage } from '../error-message';

export interface LibraryNotice {
  readonly tone: 'info' | 'error';
  readonly message: string;
  readonly details: readonly string[];
  /** Broad folders (/ , a home folder) waiting for the user's yes: "Add anyway" adds them. */
  readonly confirm?: readonly string[];
  /** The view the user was in when it was said: it goes when they move to another. */
  readonly view?: string | null;
}

interface LibraryStore {
  readonly roots: readonly string[];
  readonly loaded: boolean;
  /** True while folders are being added (the engine scans them before it answers). */
  readonly adding: boolean;
  readonly notice: LibraryNotice | null;
  /** The folders with their counts and a few photos each (the folder list). */
  readonly folders: readonly LibraryFolder[];
  /** Photos that could not be read, with the reason (the Problems panel). */
  readonly problems: readonly PhotoProblem[];
  load(): Promise<void>;
  /** Re-reads the folder counts and the problems (after an index run or a watched change). */
  refreshDetails(): Promise<void>;
  addFolders(paths: readonly string[], options?: { readonly confirmed?: boolean }): Promise<void>;
  /** The user said yes to the broad folders the notice asked about. */
  confirmBroadFolders(): Promise<void>;
  chooseAndAddFolders(): Promise<void>;
  addDroppedFiles(files: readonly File[]): Promise<void>;
  removeFolder(root: string): Promise<void>;
  /** Reads an unreadable photo again; true when it now reads (it leaves the problems). */
  retryProblem(path: string): Promise<boolean>;
  /** Shows an unreadable photo in the system's file manager. */
  showProblemInFolder(path: string): Promise<void>;
  dismissNotice(): void;
}

const sameRoots = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((root, i) => root === b[i]);

const DETAILS_EVERY_MS = 500;

/** Calls `refresh` when the engine's counts or state change: at once, then at most twice a second. */
function followEngine(refresh: () => void): void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let again = false;
  const settle = (): void => {
    timer = null;
    if (!again) return;
    again = false;
    refresh();
    timer = setTimeout(settle, DETAILS_EVERY_MS);
  };
  useEngineStore.subscribe((state, previous) => {
    const now = state.status;
    const before = previous.status;
    if (
      now === null ||
      (before !== null &&
        now.state === before.state &&
        now.library.files === before.library.files &&
        now.library.embedded === before.library.embedded)
    )
      return;
    if (timer !== null) {
      again = true;
      return;
    }
    refresh();
    timer = setTimeout(settle, DETAILS_EVERY_MS);
  });
}

export const useLibraryStore = create<LibraryStore>()((set, get) => ({
  roots: [],
  loaded: false,
  adding: false,
  notice: null,
  folders: [],
  problems: [],

  async load() {
    if (!get().loaded) {
      // While the window is open the engine follows changes on disk in the library's folders.
      void facet.library.watch().catch((error: unknown) => {
        set({ notice: { tone: 'error', message: userMessage(error), details: [] } });
      });
      followEngine(() => void get().refreshDetails());
    }
    let roots: readonly string[];
    try {
      roots = await facet.library.roots();
    } catch (error) {
      set({ loaded: true, notice: { tone: 'error', message: userMessage(error), details: [] } });
      return;
    }
    const { loaded, roots: previous } = get();
    if (loaded && sameRoots(roots, previous)) return;
    set({ roots, loaded: true });
    recordEvent(loaded ? 'library-changed' : 'library-loaded');
    void get().refreshDetails();
  },

  async refreshDetails() {
    try {
      const [folders, problems] = await Promise.all([
        facet.library.folders(),
        facet.library.problems(),
      ]);
      set({ folders, problems });
      recordEvent('library-details');
    } catch {
      // the engine may be restarting: the next status change asks again
    }
  },

  async addFolders(paths, options = {}) {
    if (paths.length === 0) return;
    set({ adding: true, notice: null });
    try {
      const { refused, unconfirmed } = await facet.library.add(paths, options);
      if (unconfirmed.length > 0) {
        set({
          notice: {
            tone: 'info',
            message:
              unconfirmed.length === 1
                ? 'Add this folder? It is much more than a photo folder.'
                : `Add these ${unconfirmed.length} folders? They are much more than photo folders.`,
            details: unconfirmed.map(({ question }) => question),
            confirm: unconfirmed.map(({ path }) => path),
          },
        });
        recordEvent('library-add-asks');
      } else if (refused.length > 0) {
        set({
          notice: {
            tone: 'error',
            message:
              refused.length === 1
                ? 'One item could not be added.'
                : `${refused.length} items could not be added.`,
            details: refused.map(({ path, reason }) => `${path}: ${reason}`),
            view: useViewStore.getState().current,
          },
        });
      }
      await get().load();
    } catch (error) {
      set({ notice: { tone: 'error', message: userMessage(error), details: [] } });
      recordEvent('library-add-failed');
    } finally {
      set({ adding: false });
    }
  },

  async chooseAndAddFolders() {
    try {
      const paths = await facet.dialog.chooseFolders();
      await get().addFolders(paths);
    } catch (error) {
      set({ notice: { tone: 'error', message: userMessage(error), details: [] } });
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
      await facet.library.remove(root);
      await get().load();
    } catch (error) {
      set({ notice: { tone: 'error', message: userMessage(error), details: [] } });
    }
  },

  async retryProblem(path) {
    try {
      const fixed = await facet.library.retryProblem(path);
      await get().refreshDetails();
      recordEvent('library-problem-retried');
      return fixed;
    } catch (error) {
      set({ notice: { tone: 'error', message: userMessage(error), details: [] } });
      return false;
    }
  },

  async showProblemInFolder(path) {
    try {
      await facet.shell.showInFolder(path);
      recordEvent('problem-shown-in-folder');
    } catch (error) {
      set({ notice: { tone: 'error', message: userMessage(error), details: [] } });
    }
  },

  async confirmBroadFolders() {
    const paths = get().notice?.confirm ?? [];
    await get().addFolders(paths, { confirmed: true });
  },

  dismissNotice() {
    set({ notice: null });
  },
}));

// A notice about adding folders belongs to the view it was said in: moving on clears it.
useViewStore.subscribe((state, previous) => {
  const { notice } = useLibraryStore.getState();
  if (
    state.current !== previous.current &&
    notice?.view !== undefined &&
    notice.view !== state.current
  )
    useLibraryStore.setState({ notice: null });
});
