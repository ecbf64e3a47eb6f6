// Near-duplicate groups of the library: candidate pairs by embedding, confirmed by the photos'
// small thumbnails (measured once per photo content and stored), shown with what a user weighs
// when choosing the copy to keep.
import { measurePhoto } from '../../../native/sharpness';
import type { DuplicateGroup, DuplicatePhoto } from '../../../preload/contract/clusters';
import type { Database } from '../../../native/sqlite';
import {
  fileFacts,
  markedIds,
  readLooks,
  writeLook,
  type LibraryEmbeddings,
  type PhotoLookRow,
} from './cluster-store';
import type { ClusterTree } from './cluster-tree';
import { bestOf, candidatePairs, groupPairs, thumbnailSimilarity } from './duplicates';

const MEASURE_CONCURRENCY = 4;

/** Looks of the photos, measuring (and storing) those not measured since their content changed. */
export async function looksOf(
  db: Database,
  fileIds: readonly number[],
): Promise<Map<number, PhotoLookRow>> {
  const looks = readLooks(db, fileIds);
  const missing = fileIds.filter((id) => !looks.has(id));
  const facts = fileFacts(db, missing);
  let next = 0;
  const worker = async () => {
    while (next < missing.length) {
      const fileId = missing[next++] as number;
      const path = facts.get(fileId)?.path;
      if (path === undefined) continue;
      try {
        const look = await measurePhoto(path);
        const row = { fileId, ...look };
        writeLook(db, row);
        looks.set(fileId, row);
      } catch {
        // An unreadable photo cannot be confirmed as anyone's copy; it is left out.
      }
    }
  };
  await Promise.all(Array.from({ length: MEASURE_CONCURRENCY }, worker));
  return looks;
}

export async function findDuplicateGroups(
  db: Database,
  embeddings: LibraryEmbeddings,
  tree: ClusterTree,
  threshold: number,
): Promise<DuplicateGroup[]> {
  const { ids, dim, vectors } = embeddings;
  const candidates = candidatePairs(vectors, dim, tree, threshold);
  const involved = [
    ...new Set(candidates.flatMap((p) => [ids[p.a] as number, ids[p.b] as number])),
  ];
  const looks = await looksOf(db, involved);
  const confirmed = candidates.flatMap((pair) => {
    const a = looks.get(ids[pair.a] as number);
    const b = looks.get(ids[pair.b] as number);
    if (a === undefined || b === undefined) return [];
    const similarity = Math.min(pair.similarity, thumbnailSimilarity(a.thumbnail, b.thumbnail));
    return similarity >= threshold ? [{ a: a.fileId, b: b.fileId, similarity }] : [];
  });
  const groups = groupPairs(confirmed);
  const facts = fileFacts(db, groups.flat());
  const marked = markedIds(db);
  return groups.map((members) => {
    const inside = new Set(members);
    const photos: DuplicatePhoto[] = members.map((id) => {
      const look = looks.get(id) as PhotoLookRow;
      const fact = facts.get(id) ?? { path: '', bytes: 0, date: 0 };
      return {
        id,
        path: fact.path,
        width: look.width,
        height: look.height,
        bytes: fact.bytes,
        date: fact.date,
        sharpness: look.sharpness,
        marked: marked.has(id),
      };
    });
    const best = bestOf(photos.map((p) => ({ ...p, fileId: p.id, size: p.bytes })));
    const similarity = Math.min(
      ...confirmed.filter((p) => inside.has(p.a) && inside.has(p.b)).map((p) => p.similarity),
    );
    return {
      photos: [best, ...photos.filter((p) => p.id !== best.id)].map((p): DuplicatePhoto => ({
        id: p.id,
        path: p.path,
        width: p.width,
        height: p.height,
        bytes: p.bytes,
        date: p.date,
        sharpness: p.sharpness,
        marked: p.marked,
      })),
      bestId: best.id,
      similarity,
    };
  });
}

/** The id of the copy to keep in a group of photos (measured if needed). */
export async function bestInGroup(
  db: Database,
  fileIds: readonly number[],
): Promise<number | null> {
  const looks = await looksOf(db, fileIds);
  const facts = fileFacts(db, fileIds);
  const candidates = fileIds.flatMap((fileId) => {
    const look = looks.get(fileId);
    if (look === undefined) return [];
    return [
      {
        fileId,
        width: look.width,
        height: look.height,
        sharpness: look.sharpness,
        size: facts.get(fileId)?.bytes ?? 0,
        date: facts.get(fileId)?.date ?? 0,
      },
    ];
  });
  return candidates.length === 0 ? null : bestOf(candidates).fileId;
}
