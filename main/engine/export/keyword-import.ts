// Keywords already in photos and sidecars, read into Facet as confirmed tags: each keyword is
// matched to a label of the active sets, or added to the "Imported" set. Keywords Facet wrote
// itself are not read back (they are Facet's tags already, maybe only suggestions).
import type { MetadataTool } from '../../../native/exiftool';
import type {
  KeywordImportFile,
  KeywordImportReport,
  KeywordImportRequest,
} from '../../../preload/contract/export';
import type { EngineContext } from '../engine-context';
import { decideManyTags } from '../labels/tags';
import { readPhotoLabels } from './photo-keywords';
import { LabelMatcher, type LabelMatch } from './imported-labels';
import { labelsFromKeywords } from './keywords';
import { ownedKeywords } from './owned-keywords';

interface Photo {
  readonly id: number;
  readonly path: string;
}

interface Found {
  readonly photo: Photo;
  readonly labels: readonly string[];
  readonly sources: readonly string[];
}

export async function importKeywords(
  ctx: EngineContext,
  tool: MetadataTool,
  photos: readonly Photo[],
  request: KeywordImportRequest,
  onProgress: (progress: { done: number; total: number; path: string }) => void,
): Promise<KeywordImportReport> {
  const owned = ownedKeywords(
    ctx.library.db,
    photos.map((photo) => photo.id),
  );
  const found: Found[] = [];
  const failed: KeywordImportFile[] = [];
  for (const [i, photo] of photos.entries()) {
    try {
      const read = await readPhotoLabels(tool, photo.path);
      const facets = new Set(
        [...(owned.get(photo.id)?.values() ?? [])].flatMap((values) => labelsFromKeywords(values)),
      );
      const labels = read.labels.filter((label) => !facets.has(label));
      if (labels.length > 0) found.push({ photo, labels, sources: read.sources });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      failed.push({ path: photo.path, labels: [], sources: [], error: message });
    }
    onProgress({ done: i + 1, total: photos.length, path: photo.path });
  }

  let matcher = new LabelMatcher(ctx.library.db);
  const firstPass = found.map((item) => item.labels.map((label) => matcher.match(label)));
  let matches: LabelMatch[][] = firstPass;
  let confirmed = 0;
  const labelsAdded = new Set(
    firstPass
      .flat()
      .filter((m) => m.added)
      .map((m) => m.label),
  ).size;
  if (!request.dryRun) {
    const importedSet = matcher.addPending();
    if (labelsAdded > 0) ctx.emit('labels:changed', { labelSetId: importedSet });
    // Matched again now that every label exists: new ones carry the Imported set's id.
    matcher = new LabelMatcher(ctx.library.db);
    matches = found.map((item) => item.labels.map((label) => matcher.match(label)));
    const byLabel = new Map<string, { labelSetId: number; label: string; fileIds: number[] }>();
    found.forEach((item, i) => {
      for (const match of matches[i] ?? []) {
        const key = `${match.labelSetId}\u0000${match.label}`;
        const entry = byLabel.get(key) ?? { ...match, fileIds: [] };
        entry.fileIds.push(item.photo.id);
        byLabel.set(key, entry);
      }
    });
    confirmed = await decideManyTags(
      ctx,
      [...byLabel.values()].map(({ labelSetId, label, fileIds }) => ({
        fileIds,
        labelSetId,
        label,
        state: 'confirmed' as const,
      })),
    );
  }

  const files: KeywordImportFile[] = found.map((item, i) => ({
    path: item.photo.path,
    labels: (matches[i] ?? []).map((match, j) => ({
      label: match.label,
      labelSetName: match.labelSetName,
      added: firstPass[i]?.[j]?.added ?? false,
    })),
    sources: item.sources,
    error: null,
  }));
  return {
    dryRun: request.dryRun,
    files: [...files, ...failed].sort((a, b) => (a.path < b.path ? -1 : 1)),
    summary: {
      photos: photos.length,
      withKeywords: found.length,
      confirmed,
      labelsAdded,
      failed: failed.length,
    },
  };
}
