// The Export dialog's state: what to export and how, the progress of a run and its report. Other
// views open the dialog for their selection with `useExportStore.getState().open(fileIds)`.
// Only these actions call window.facet.
import { create } from 'zustand';
import type {
  ExportPreview,
  ExportProgress,
  ExportSettings,
  KeywordImportReport,
  SidecarNaming,
  TableExportReport,
  XmpExportReport,
} from '../../../preload/contract/export';
import { recordEvent } from '../test-events';
import { facet } from '../engine-call';
import { userMessage } from '../error-message';

export type ExportFormat = 'xmp' | 'csv' | 'json';
export type DialogMode = 'export' | 'import';

interface ExportStore {
  /** Which dialog is open; null: none. */
  readonly dialog: DialogMode | null;
  /** Photos to export (files.id), or null for the whole library. */
  readonly selection: readonly number[] | null;
  readonly format: ExportFormat;
  readonly settings: ExportSettings;
  /** Write keywords into JPEG/TIFF originals too (never remembered: asked each time). */
  readonly embed: boolean;
  /** Folder the CSV or JSON file goes to. */
  readonly folder: string | null;
  readonly preview: ExportPreview | null;
  readonly running: 'dry-run' | 'export' | 'import-preview' | 'import' | null;
  readonly progress: ExportProgress | null;
  readonly xmpReport: XmpExportReport | null;
  readonly tableReport: TableExportReport | null;
  readonly importReport: KeywordImportReport | null;
  readonly error: string | null;
  connect(): Promise<void>;
  open(selection?: readonly number[] | null, mode?: DialogMode): void;
  close(): void;
  setFormat(format: ExportFormat): void;
  setSettings(change: Partial<ExportSettings>): Promise<void>;
  setEmbed(embed: boolean): void;
  chooseFolder(): Promise<void>;
  runExport(dryRun: boolean): Promise<void>;
  runImport(dryRun: boolean): Promise<void>;
}

const DEFAULTS: ExportSettings = { naming: 'ext', includeSuggested: false, keepBackup: true };

/** `folder/name` with the folder's own separator. */
export function fileIn(folder: string, name: string): string {
  const separator = folder.includes('\\') && !folder.includes('/') ? '\\' : '/';
  return folder.endsWith(separator) ? folder + name : folder + separator + name;
}

export const namingExample = (naming: SidecarNaming) =>
  naming === 'ext' ? 'photo.jpg.xmp' : 'photo.xmp';

let connected = false;

export const useExportStore = create<ExportStore>()((set, get) => {
  const refreshPreview = async () => {
    try {
      const { selection, settings } = get();
      const preview = await facet.export.preview(selection, settings.includeSuggested);
      set({ preview });
      recordEvent('export-preview');
    } catch (error) {
      set({ error: userMessage(error) });
    }
  };

  return {
    dialog: null,
    selection: null,
    format: 'xmp',
    settings: DEFAULTS,
    embed: false,
    folder: null,
    preview: null,
    running: null,
    progress: null,
    xmpReport: null,
    tableReport: null,
    importReport: null,
    error: null,

    async connect() {
      if (!connected) {
        connected = true;
        window.facet.on('export:progress', (progress) => {
          set({ progress });
          recordEvent('export-progress');
        });
        window.facet.on('tags:changed', () => void refreshPreview());
      }
      try {
        set({ settings: await facet.export.settings() });
      } catch (error) {
        set({ error: userMessage(error) });
      }
      await refreshPreview();
      recordEvent('export-loaded');
    },

    open(selection = null, mode = 'export') {
      set({
        dialog: mode,
        selection,
        embed: false,
        error: null,
        progress: null,
        xmpReport: null,
        tableReport: null,
        importReport: null,
      });
      // Opened from another view: settings and progress events may not be loaded yet.
      void (connected ? refreshPreview() : get().connect());
      recordEvent(`${mode}-dialog-open`);
    },

    close() {
      if (get().running === null) set({ dialog: null });
    },

    setFormat(format) {
      set({ format, xmpReport: null, tableReport: null, error: null });
    },

    async setSettings(change) {
      const next = { ...get().settings, ...change };
      set({ settings: next, xmpReport: null });
      try {
        set({ settings: await facet.export.saveSettings(next) });
      } catch (error) {
        set({ error: userMessage(error) });
      }
      if (change.includeSuggested !== undefined) await refreshPreview();
    },

    setEmbed(embed) {
      set({ embed, xmpReport: null });
    },

    async chooseFolder() {
      const [folder] = await facet.dialog.chooseFolders();
      if (folder !== undefined) set({ folder, tableReport: null });
    },

    async runExport(dryRun) {
      const { format, selection, settings, embed, folder } = get();
      set({ running: dryRun ? 'dry-run' : 'export', progress: null, error: null });
      try {
        if (format === 'xmp') {
          const xmpReport = await facet.export.xmp({
            fileIds: selection,
            includeSuggested: settings.includeSuggested,
            sidecars: true,
            naming: settings.naming,
            embed,
            keepBackup: settings.keepBackup,
            dryRun,
          });
          set({ xmpReport });
        } else {
          if (folder === null) throw new Error('Choose the folder the file goes to first.');
          const tableReport = await facet.export.table({
            fileIds: selection,
            includeSuggested: settings.includeSuggested,
            format,
            outPath: fileIn(folder, `facet-tags.${format}`),
          });
          set({ tableReport });
        }
        recordEvent(dryRun ? 'export-dry-run-done' : 'export-done');
      } catch (error) {
        set({ error: userMessage(error) });
        recordEvent('export-error');
      } finally {
        set({ running: null });
      }
    },

    async runImport(dryRun) {
      set({ running: dryRun ? 'import-preview' : 'import', progress: null, error: null });
      try {
        const importReport = await facet.export.importKeywords({
          fileIds: get().selection,
          dryRun,
        });
        set({ importReport });
        recordEvent(dryRun ? 'import-preview-done' : 'import-done');
      } catch (error) {
        set({ error: userMessage(error) });
        recordEvent('export-error');
      } finally {
        set({ running: null });
      }
      if (!dryRun) await refreshPreview();
    },
  };
});
