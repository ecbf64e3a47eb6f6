// Search folds only the copies the Near-duplicates tab would group: photos whose embeddings AND
// small thumbnails agree at its similarity. Embeddings alone also pair distinct photos of one
// subject, which would hide photos the user is looking for.
import type { Database } from '../../../native/sqlite';
import { looksOf } from '../clusters/duplicate-groups';
import { thumbnailSimilarity } from '../clusters/duplicates';

/**
 * How alike two of `ids` are as copies: the lower of the embeddings' and the thumbnails' cosine
 * for pairs whose embeddings reach `threshold` (thumbnails measured only for those), else 0.
 */
export async function copySimilarity(
  db: Database,
  ids: readonly number[],
  embeddingSimilarity: (a: number, b: number) => number,
  threshold: number,
): Promise<(a: number, b: number) => number> {
  const key = (a: number, b: number) => `${Math.min(a, b)}:${Math.max(a, b)}`;
  const candidates = new Map<string, { a: number; b: number; similarity: number }>();
  if (threshold < 1)
    for (let x = 0; x < ids.length; x++)
      for (let y = x + 1; y < ids.length; y++) {
        const a = ids[x] as number;
        const b = ids[y] as number;
        const similarity = embeddingSimilarity(a, b);
        if (similarity >= threshold) candidates.set(key(a, b), { a, b, similarity });
      }
  if (candidates.size === 0) return () => 0;
  const involved = [...new Set([...candidates.values()].flatMap((p) => [p.a, p.b]))];
  const looks = await looksOf(db, involved);
  const alike = new Map<string, number>();
  for (const [k, pair] of candidates) {
    const a = looks.get(pair.a);
    const b = looks.get(pair.b);
    if (a === undefined || b === undefined) continue;
    alike.set(k, Math.min(pair.similarity, thumbnailSimilarity(a.thumbnail, b.thumbnail)));
  }
  return (a, b) => alike.get(key(a, b)) ?? 0;
}
