// Exports many photos' keywords: one photo's failure is reported and the rest go on; a dry run
// reports the same changes without writing anything.
import { stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
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
  /**
   * After a file was written: what Facet now owns in it, to remember for the next export.
   * `companion` is the JPEG of a raw's pair when the file written is that JPEG's, not the raw's.
   */
  readonly onWritten?: (
    photo: PhotoKeywords,
    kind: TargetKind,
    owned: Record<KeywordField, string[]>,
    companion: string | null,
  ) => void;
}

function failure(path: string, kind: TargetKind, target: string, error: unknown) {
  const message = writeProblem(error, target);
  return {
    path,
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

/** Why a JPEG's keywords do not go into `base.xmp`: the raw it is paired with owns that sidecar. */
function pairNote(jpeg: string, raw: string, embed: boolean): string {
  const where = embed
    ? 'its keywords are embedded in the JPEG instead'
    : 'choose photo.jpg.xmp naming or embedding to tag the JPEG as well';
  return `${basename(sidecarPath(raw, 'base'))} belongs to the raw ${basename(raw)} of the RAW+JPEG pair ${basename(raw)} + ${basename(jpeg)}: ${where}`;
}

export async function exportXmp(
  tool: MetadataTool,
  photos: readonly PhotoKeywords[],
  options: XmpExportOptions,
  hooks: XmpExportHooks = {},
): Promise<XmpExportReport> {
  const sidecars = options.sidecars ?? true;
  const naming = options.naming ?? 'ext';
  const embed = options.embed ?? false;
  const dryRun = options.dryRun ?? false;
  const keepBackup = options.keepBackup ?? true;
  const files: XmpFileResult[] = [];
  const skip = (path: string, kind: TargetKind, target: string, why: string) =>
    files.push({ ...failure(path, kind, target, why), action: 'skipped' });

  /** One file's sidecar and embedding: the photo's own, or its companion JPEG's. */
  const writeFile = async (photo: PhotoKeywords, file: PhotoKeywords, companion: string | null) => {
    const record = (outcome: WriteOutcome) => {
      files.push(fromOutcome(outcome));
      if (outcome.written) hooks.onWritten?.(photo, outcome.kind, outcome.owned, companion);
    };
    const paired = companion === null ? (photo.pairedRaw ?? null) : photo.photoPath;
    if (sidecars && naming === 'base' && paired !== null) {
      skip(
        file.photoPath,
        'sidecar',
        sidecarPath(paired, 'base'),
        pairNote(file.photoPath, paired, embed),
      );
    } else if (sidecars) {
      try {
        // A folder where the sidecar goes would otherwise be read as an empty, broken sidecar.
        if ((await stat(sidecarPath(file.photoPath, naming)).catch(() => null))?.isDirectory())
          throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
        record(await writeSidecar(tool, file, { naming, dryRun }));
      } catch (error) {
        files.push(failure(file.photoPath, 'sidecar', sidecarPath(file.photoPath, naming), error));
      }
    }
    if (embed && !canEmbed(file.photoPath)) {
      skip(file.photoPath, 'original', file.photoPath, 'only JPEG and TIFF files hold keywords');
    } else if (embed) {
      try {
        record(await embedInOriginal(tool, file, { keepBackup, dryRun }));
      } catch (error) {
        files.push(failure(file.photoPath, 'original', file.photoPath, error));
      }
    }
  };

  // What an export killed mid-write left behind, before this one writes beside it.
  if (!dryRun)
    await removeLeftoverTemporaries(
      photos.flatMap((photo) => [
        dirname(photo.photoPath),
        ...(photo.companions ?? []).map((companion) => dirname(companion.path)),
      ]),
    );
  for (const [i, photo] of photos.entries()) {
    await writeFile(photo, photo, null);
    // The JPEG of a RAW+JPEG pair is the same photo: it carries the raw's keywords.
    for (const companion of photo.companions ?? [])
      await writeFile(
        photo,
        { photoPath: companion.path, keywords: photo.keywords, owned: companion.owned ?? {} },
        companion.path,
      );
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
