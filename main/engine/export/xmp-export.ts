// Exports many photos' keywords: one photo's failure is reported and the rest go on; a dry run
// reports the same changes without writing anything.
import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { MetadataTool } from '../../../native/exiftool';
import type {
  SidecarNaming,
  XmpExportReport,
  XmpFileResult,
} from '../../../preload/contract/export';
import type { KeywordField } from './keywords';
import { removeLeftoverTemporaries } from './leftover-temporaries';
import { writeProblem } from './write-problem';
import {
  canEmbed,
  embedInOriginal,
  sidecarPath,
  writeSidecar,
  type PhotoKeywords,
  type TargetKind,
  type WriteOutcome,
} from './xmp-write';

export interface XmpExportOptions {
  /** Write XMP sidecars (default true). */
  readonly sidecars?: boolean;
  readonly naming?: SidecarNaming;
  /** Also write the keywords into JPEG and TIFF originals (default false). */
  readonly embed?: boolean;
  /** Keep `photo.jpg_original` before the first embedding (default true). */
  readonly keepBackup?: boolean;
  readonly dryRun?: boolean;
}

export type { XmpExportReport, XmpFileResult };

export interface ExportProgress {
  readonly done: number;
  readonly total: number;
  readonly path: string;
}

export interface XmpExportHooks {
  readonly onProgress?: (progress: ExportProgress) => void;
  /** After a file was written: what Facet now owns in it, to remember for the next export. */
  readonly onWritten?: (
    photo: PhotoKeywords,
    kind: TargetKind,
    owned: Record<KeywordField, string[]>,
  ) => void;
}

function failure(photo: PhotoKeywords, kind: TargetKind, target: string, error: unknown) {
  const message = writeProblem(error, target);
  return {
    path: photo.photoPath,
    kind,
    target,
    action: 'failed' as const,
    changes: [],
    backup: null,
    error: message,
  };
}

function fromOutcome(outcome: WriteOutcome): XmpFileResult {
  return {
    path: outcome.photoPath,
    kind: outcome.kind,
    target: outcome.target,
    action: outcome.action,
    changes: outcome.changes,
    backup: outcome.backup,
    error: null,
  };
}

export async function exportXmp(
  tool: MetadataTool,
  photos: readonly PhotoKeywords[],
  options: XmpExportOptions,
  hooks: XmpExportHooks = {},
): Promise<XmpExportReport> {
  const sidecars = options.sidecars ?? true;
  const embed = options.embed ?? false;
  const dryRun = options.dryRun ?? false;
  const files: XmpFileResult[] = [];
  const record = (photo: PhotoKeywords, outcome: WriteOutcome) => {
    files.push(fromOutcome(outcome));
    if (outcome.written) hooks.onWritten?.(photo, outcome.kind, outcome.owned);
  };
  // What an export killed mid-write left behind, before this one writes beside it.
  if (!dryRun) await removeLeftoverTemporaries(photos.map((photo) => dirname(photo.photoPath)));
  for (const [i, photo] of photos.entries()) {
    if (sidecars) {
      try {
        const naming = options.naming ?? 'ext';
        // A folder where the sidecar goes would otherwise be read as an empty, broken sidecar.
        if ((await stat(sidecarPath(photo.photoPath, naming)).catch(() => null))?.isDirectory())
          throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
        record(photo, await writeSidecar(tool, photo, { naming, dryRun }));
      } catch (error) {
        const target = sidecarPath(photo.photoPath, options.naming ?? 'ext');
        files.push(failure(photo, 'sidecar', target, error));
      }
    }
    if (embed && !canEmbed(photo.photoPath)) {
      files.push({
        ...failure(photo, 'original', photo.photoPath, 'only JPEG and TIFF files hold keywords'),
        action: 'skipped',
      });
    } else if (embed) {
      try {
        const keepBackup = options.keepBackup ?? true;
        record(photo, await embedInOriginal(tool, photo, { keepBackup, dryRun }));
      } catch (error) {
        files.push(failure(photo, 'original', photo.photoPath, error));
      }
    }
    hooks.onProgress?.({ done: i + 1, total: photos.length, path: photo.photoPath });
  }
  const count = (action: XmpFileResult['action']) =>
    files.filter((file) => file.action === action).length;
  return {
    dryRun,
    files,
    summary: {
      photos: photos.length,
      created: count('create'),
      updated: count('update'),
      unchanged: count('unchanged'),
      skipped: count('skipped'),
      failed: count('failed'),
    },
  };
}
