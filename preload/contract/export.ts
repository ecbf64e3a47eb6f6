// Export: tags written where other apps see them (XMP sidecars, opt-in IPTC/XMP inside JPEG and
// TIFF originals), CSV and JSON tables of tags and scores, and keywords read back in.
import { z } from 'zod';
import { absolutePath, defineService, none, recordId, returns } from './define-service';

/** `photo.jpg.xmp` (digiKam, darktable) or `photo.xmp` (Adobe). */
export type SidecarNaming = 'ext' | 'base';
export type KeywordField =
  | 'subject'
  | 'hierarchicalSubject'
  | 'tagsList'
  | 'iptcKeywords'
  | 'lastKeywordXmp'
  | 'catalogSets';

/** What the Export dialog remembers, per library. */
export interface ExportSettings {
  readonly naming: SidecarNaming;
  /** Also export tags Facet suggests above their thresholds, not only confirmed ones. */
  readonly includeSuggested: boolean;
  /** Keep `photo.jpg_original` before keywords are first embedded into a photo. */
  readonly keepBackup: boolean;
}

/** Photos to export: the given files.id values, or null for the whole library. */
export type ExportScope = readonly number[] | null;

/** Narrows a request to library photos at or under these paths (the command line's arguments). */
export interface ScopePaths {
  readonly paths?: readonly string[];
}

export interface XmpExportRequest extends ScopePaths {
  readonly fileIds: ExportScope;
  readonly includeSuggested: boolean;
  /** Write XMP sidecars beside the photos. */
  readonly sidecars: boolean;
  readonly naming: SidecarNaming;
  /** Write IPTC Keywords and XMP into JPEG and TIFF originals (changes the photo files). */
  readonly embed: boolean;
  readonly keepBackup: boolean;
  /** List what would change, write nothing. */
  readonly dryRun: boolean;
}

export interface KeywordChange {
  readonly field: KeywordField;
  readonly added: readonly string[];
  readonly removed: readonly string[];
}

export interface XmpFileResult {
  /** The photo. */
  readonly path: string;
  readonly kind: 'sidecar' | 'original';
  /** The file written (or that would be): the sidecar, or the photo itself. */
  readonly target: string;
  readonly action: 'create' | 'update' | 'unchanged' | 'skipped' | 'failed';
  readonly changes: readonly KeywordChange[];
  /** The backup kept beside an embedded photo when one was made. */
  readonly backup: string | null;
  /** Why it failed or was skipped; null otherwise. */
  readonly error: string | null;
}

export interface XmpExportReport {
  readonly dryRun: boolean;
  readonly files: readonly XmpFileResult[];
  readonly summary: {
    readonly photos: number;
    readonly created: number;
    readonly updated: number;
    readonly unchanged: number;
    readonly skipped: number;
    readonly failed: number;
  };
}

export type TableFormat = 'csv' | 'json';

export interface TableExportRequest extends ScopePaths {
  readonly fileIds: ExportScope;
  readonly includeSuggested: boolean;
  readonly format: TableFormat;
  /** File to write; null: the text comes back in the answer. */
  readonly outPath: string | null;
}

export interface TableExportReport {
  /** The file written; null when the text is returned instead. */
  readonly path: string | null;
  readonly text: string | null;
  readonly photos: number;
  /** Tags listed (CSV rows). */
  readonly tags: number;
}

export interface KeywordImportRequest extends ScopePaths {
  readonly fileIds: ExportScope;
  readonly dryRun: boolean;
}

export interface KeywordImportFile {
  readonly path: string;
  /** Labels confirmed (or that would be) from the photo's keywords. */
  readonly labels: readonly {
    readonly label: string;
    readonly labelSetName: string;
    /** The label did not exist: it was added to the "Imported" label set. */
    readonly added: boolean;
  }[];
  /** The sidecars and photo the keywords came from. */
  readonly sources: readonly string[];
  readonly error: string | null;
}

export interface KeywordImportReport {
  readonly dryRun: boolean;
  /** Photos with keywords, and photos that could not be read. */
  readonly files: readonly KeywordImportFile[];
  readonly summary: {
    readonly photos: number;
    readonly withKeywords: number;
    /** Tags newly confirmed. */
    readonly confirmed: number;
    /** Labels added to the "Imported" set. */
    readonly labelsAdded: number;
    readonly failed: number;
  };
}

/** What an export of this scope covers, for the dialog's summary line. */
export interface ExportPreview {
  readonly photos: number;
  /** Photos with at least one tag to export. */
  readonly tagged: number;
  readonly tags: number;
}

export interface ExportProgress {
  readonly job: 'xmp' | 'table' | 'import';
  readonly done: number;
  readonly total: number;
  readonly path: string | null;
}

const fileIds = z.array(recordId).max(1_000_000);
const scope = fileIds.nullable();
const naming = z.enum(['ext', 'base']);
const paths = z.array(absolutePath).min(1).max(10_000).optional();

const settings = z.object({
  naming,
  includeSuggested: z.boolean(),
  keepBackup: z.boolean(),
});

const xmpRequest = z.object({
  fileIds: scope,
  paths,
  includeSuggested: z.boolean(),
  sidecars: z.boolean(),
  naming,
  embed: z.boolean(),
  keepBackup: z.boolean(),
  dryRun: z.boolean(),
});

const tableRequest = z.object({
  fileIds: scope,
  paths,
  includeSuggested: z.boolean(),
  format: z.enum(['csv', 'json']),
  outPath: absolutePath.nullable(),
});

const importRequest = z.object({ fileIds: scope, paths, dryRun: z.boolean() });

export const exportService = defineService('export', {
  settings: {
    args: none,
    result: returns<ExportSettings>(),
    doc: 'The export settings remembered in the library.',
  },
  saveSettings: {
    args: z.tuple([settings]),
    result: returns<ExportSettings>(),
    doc: 'Remembers export settings; answers them as stored.',
  },
  preview: {
    args: z.tuple([scope, z.boolean()]),
    result: returns<ExportPreview>(),
    doc: 'How many photos and tags an export of this scope would write.',
  },
  xmp: {
    args: z.tuple([xmpRequest]),
    result: returns<XmpExportReport>(),
    doc: 'Writes tags into XMP sidecars (and, opt-in, originals); one failed file never stops the rest.',
  },
  table: {
    args: z.tuple([tableRequest]),
    result: returns<TableExportReport>(),
    doc: 'Writes tags and scores as CSV or JSON.',
  },
  importKeywords: {
    args: z.tuple([importRequest]),
    result: returns<KeywordImportReport>(),
    doc: 'Reads keywords from sidecars and photos into Facet as confirmed tags.',
  },
});

export interface ExportEventChannels {
  /** Progress of a running export or import, one event per photo. */
  'export:progress': ExportProgress;
}
