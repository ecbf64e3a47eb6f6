// Text embeddings are asked for again and again (label prompts, searches): keep recent ones.
const LIMIT = 20_000;
const cache = new Map<string, Float32Array>();

function key(modelKey: string, text: string): string {
  return `${modelKey}\u0000${text}`;
}

export function cachedText(modelKey: string, text: string): Float32Array | undefined {
  const k = key(modelKey, text);
  const hit = cache.get(k);
  if (hit) {
    // Re-insert so the map's order stays least-recently-used first.
    cache.delete(k);
    cache.set(k, hit);
  }
  return hit;
}

export function storeText(modelKey: string, text: string, embedding: Float32Array): void {
  cache.set(key(modelKey, text), embedding);
  while (cache.size > LIMIT) {
    const oldest = cache.keys().next().value;
    if (oldest === undefined) break;
    cache.delete(oldest);
  }
}
