// Search folds only the copies the Near-duplicates tab would group: photos whose embeddings AND
// small thumbnails agree at its similarity. Embeddings alone also pair distinct photos of one
// subject, which would hide photos the user is looking for.
import type { Database } from '../../../native/sqlite';
import { looksOf } from '../clusters/duplicate-groups';
import { thumbnailSimilarity } from '../clusters/duplicates';

// Copies are looked for among this many best hits (the pairwise pass costs about 50 ms with
// 1024-d embeddings on a slow machine); copies score alike, so they rank next to each other.
const CHECKED = 150;

/**
 * How alike two hits are as copies: the lower of the embeddings' and the thumbnails' cosine for
 * pairs whose embeddings reach `threshold` (thumbnails measured only for those), else 0.
 * `vectorOf` gives unit vectors; hits are best first.
 */
export async function copySimilarity(
  db: Database,
  hits: readonly { readonly id: number; readonly score: number }[],
  vectorOf: (id: number) => Float32Array | null,
  threshold: number,
): Promise<(a: number, b: number) => number> {
  const key = (a: number, b: number) => `${Math.min(a, b)}:${Math.max(a, b)}`;
  const checked = hits.slice(0, CHECKED).filter((hit) => vectorOf(hit.id) !== null);
  const dim = checked.length === 0 ? 0 : (vectorOf(checked[0]!.id) as Float32Array).length;
  const vectors = new Float32Array(checked.length * dim);
  checked.forEach((hit, row) => vectors.set(vectorOf(hit.id) as Float32Array, row * dim));
  // Two unit vectors with cosine >= t score within sqrt(2 - 2t) of each other against any unit
  // query: past that gap (hits are sorted) no later hit can be a copy.
  const gap = Math.sqrt(Math.max(0, 2 - 2 * threshold)) + 1e-6;
  const candidates = new Map<string, { a: number; b: number; similarity: number }>();
  if (threshold < 1)
    for (let x = 0; x < checked.length; x++) {
      const a = checked[x] as { id: number; score: number };
      for (let y = x + 1; y < checked.length; y++) {
        const b = checked[y] as { id: number; score: number };
        if (a.score - b.score > gap) break;
        let dot = 0;
        for (let i = 0, ox = x * dim, oy = y * dim; i < dim; i++)
          dot += (vectors[ox + i] as number) * (vectors[oy + i] as number);
        if (dot >= threshold)
          candidates.set(key(a.id, b.id), { a: a.id, b: b.id, similarity: dot });
      }
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
