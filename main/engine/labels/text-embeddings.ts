// Text embeddings kept in the library, per model: a label's prompts and the thousands of background
// descriptions it is judged against are embedded once per model, not again at every start.
import { blobToVector, vectorToBlob, type Database } from '../../../native/sqlite';
import type { ClipModelInfo } from '../clip/index';
import type { EmbedTexts } from './label-scores';

/** Whose texts these are: the model, and the language where the model reads several. */
export function textModelKey(info: Pick<ClipModelInfo, 'id' | 'language'>): string {
  return info.language === null ? info.id : `${info.id}\u0000${info.language}`;
}

/** `embed`, answering from the library first and keeping what it had to compute. */
export function libraryTextEmbedder(db: Database, modelId: string, embed: EmbedTexts): EmbedTexts {
  const read = db.prepare('SELECT vector FROM text_embeddings WHERE model_id = ? AND text = ?');
  const write = db.prepare(
    'INSERT OR REPLACE INTO text_embeddings (model_id, text, vector) VALUES (?, ?, ?)',
  );
  return async (texts) => {
    const found = new Map<string, Float32Array>();
    for (const text of new Set(texts)) {
      const row = read.get(modelId, text) as { vector: Buffer } | undefined;
      if (row !== undefined) found.set(text, blobToVector(row.vector));
    }
    const missing = [...new Set(texts)].filter((text) => !found.has(text));
    if (missing.length > 0) {
      const vectors = await embed(missing);
      missing.forEach((text, i) => found.set(text, vectors[i] as Float32Array));
      try {
        db.transaction(() => {
          missing.forEach((text, i) =>
            write.run(modelId, text, vectorToBlob(vectors[i] as Float32Array)),
          );
        })();
      } catch {
        // A read-only library still scores: it only embeds again next time.
      }
    }
    return texts.map((text) => (found.get(text) as Float32Array).slice());
  };
}
