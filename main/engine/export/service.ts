// The export domain of the engine: tags written into XMP sidecars (and, opt-in, into originals),
// tag tables as CSV or JSON, and keywords read back in as confirmed tags.
import type { ServiceApi } from '../../../preload/contract/define-service';
import type { exportService } from '../../../preload/contract/export';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { openMetadataTool, type MetadataTool } from '../../../native/exiftool';
import type { ExportProgress, ExportScope, ExportSettings } from '../../../preload/contract/export';
import type { EngineContext } from '../engine-context';
import { engineError } from '../engine-error';
import { tagsOfFiles } from '../labels/tags';
import { importKeywords } from './keyword-import';
import { ownedKeywords, ownedTarget, saveOwnedKeywords } from './owned-keywords';
import { exportedTags, keywordLabels, tagsCsv, tagsJson, type PhotoTags } from './tag-table';
import { photoPairs } from './raw-pairs';
import { exportXmp } from './xmp-export';
import type { PhotoKeywords } from './xmp-write';

const SETTINGS_KEY = 'export_settings';
const DEFAULT_SETTINGS: ExportSettings = {
  naming: 'ext',
  includeSuggested: false,
  keepBackup: true,
};

export interface LibraryPhoto {
  readonly id: number;
  readonly path: string;
}

/** The library's photos in the scope (and at or under `paths`, when given), by path. */
export function photosIn(
  ctx: EngineContext,
  fileIds: ExportScope,
  paths?: readonly string[],
): LibraryPhoto[] {
  const rows: LibraryPhoto[] = ctx.library.photoPaths(fileIds);
  if (paths === undefined) return rows;
  const wanted = new Set<number>();
  for (const path of paths.map((p) => resolve(p))) {
    const files = ctx.library.filesUnder(path);
    if (files.length === 0)
      throw engineError('BAD_PATH', `${path} has no photos in the library (index it first).`);
    for (const file of files) wanted.add(file.id);
  }
  return rows.filter((row) => wanted.has(row.id));
}

/** Progress events a few times a second at most, and always the last one. */
function progressTo(ctx: EngineContext, job: ExportProgress['job']) {
  let last = 0;
  return (done: number, total: number, path: string | null) => {
    const now = Date.now();
    if (done < total && now - last < 100) return;
    last = now;
    ctx.emit('export:progress', { job, done, total, path });
  };
}

async function writeFileAtomically(path: string, text: string): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.facet-${process.pid}.tmp`);
  try {
    await writeFile(temporary, text);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

export function createExportService(ctx: EngineContext): ServiceApi<typeof exportService> {
  const db = ctx.library.db;
  let tool: MetadataTool | null = null;
  let using = 0;
  /** ExifTool (a perl process) runs only while an export or import needs it. */
  const withTool = async <T>(work: (tool: MetadataTool) => Promise<T>): Promise<T> => {
    using += 1;
    try {
      return await work((tool ??= openMetadataTool()));
    } finally {
      using -= 1;
      if (using === 0) {
        const idle = tool;
        tool = null;
        await idle?.close();
      }
    }
  };
  ctx.onClose(() => tool?.close());

  const settings = (): ExportSettings => {
    const stored = ctx.library.setting(SETTINGS_KEY);
    return stored === null
      ? DEFAULT_SETTINGS
      : { ...DEFAULT_SETTINGS, ...(JSON.parse(stored) as Partial<ExportSettings>) };
  };

  const photoTags = async (
    fileIds: ExportScope,
    includeSuggested: boolean,
    paths?: readonly string[],
  ) => {
    const photos = photosIn(ctx, fileIds, paths);
    const whole = fileIds === null && paths === undefined;
    const tags = await tagsOfFiles(ctx, whole ? null : photos.map((p) => p.id));
    return photos.map((photo) => ({
      ...photo,
      tags: exportedTags(tags.get(photo.id) ?? [], includeSuggested),
    }));
  };

  return {
    async settings() {
      return settings();
    },
    async saveSettings(next) {
      ctx.library.setSetting(SETTINGS_KEY, JSON.stringify({ ...settings(), ...next }));
      return settings();
    },
    async preview(fileIds, includeSuggested) {
      const photos = await photoTags(fileIds, includeSuggested);
      const tagged = photos.filter((photo) => photo.tags.length > 0);
      const tags = tagged.reduce((n, photo) => n + keywordLabels(photo.tags).length, 0);
      return { photos: photos.length, tagged: tagged.length, tags };
    },
    async xmp(request) {
      const photos = await photoTags(request.fileIds, request.includeSuggested, request.paths);
      const owned = ownedKeywords(
        db,
        photos.map((p) => p.id),
      );
      const idOf = new Map(photos.map((photo) => [photo.path, photo.id]));
      const pairs = await photoPairs(
        photos.map((photo) => photo.path),
        (path) => ctx.library.fileByPath(path) !== null,
      );
      const ownedIn = (id: number, companion: string | null = null) => ({
        sidecar: owned.get(id)?.get(ownedTarget('sidecar', request.naming, companion)) ?? {},
        original: owned.get(id)?.get(ownedTarget('original', request.naming, companion)) ?? {},
      });
      const work: PhotoKeywords[] = photos
        .map((photo) => ({
          photoPath: photo.path,
          keywords: keywordLabels(photo.tags),
          owned: ownedIn(photo.id),
          companions: (pairs.get(photo.path)?.companions ?? []).map((path) => ({
            path,
            owned: ownedIn(photo.id, path),
          })),
          pairedRaw: pairs.get(photo.path)?.raw ?? null,
          facetWroteHere: owned.has(photo.id),
        }))
        // A photo with nothing to write and nothing of Facet's to remove is left alone.
        .filter((photo) => photo.keywords.length > 0 || photo.facetWroteHere);
      const progress = progressTo(ctx, 'xmp');
      const run = () =>
        withTool((exiftool) =>
          exportXmp(exiftool, work, request, {
            onProgress: (p) => progress(p.done, p.total, p.path),
            onWritten: (photo, kind, values, companion) =>
              saveOwnedKeywords(
                db,
                idOf.get(photo.photoPath) as number,
                ownedTarget(kind, request.naming, companion),
                values,
              ),
          }),
        );
      progress(0, work.length, null);
      // Embedding changes photo files: never while an index run reads them.
      return request.embed && !request.dryRun ? ctx.serially(run) : run();
    },
    async table(request) {
      const photos: PhotoTags[] = await photoTags(
        request.fileIds,
        request.includeSuggested,
        request.paths,
      );
      const csv = request.format === 'csv' ? tagsCsv(photos) : null;
      const text = csv?.text ?? tagsJson(photos, ctx.activeModelId());
      const tags = photos.reduce((n, photo) => n + photo.tags.length, 0);
      if (request.outPath !== null) await writeFileAtomically(request.outPath, text);
      const progress = progressTo(ctx, 'table');
      progress(photos.length, photos.length, request.outPath);
      return {
        path: request.outPath,
        text: request.outPath === null ? text : null,
        photos: photos.length,
        tags,
      };
    },
    async importKeywords(request) {
      const progress = progressTo(ctx, 'import');
      return withTool((exiftool) =>
        importKeywords(ctx, exiftool, photosIn(ctx, request.fileIds, request.paths), request, (p) =>
          progress(p.done, p.total, p.path),
        ),
      );
    },
  };
}
