/**
 * An LRU cache of query vectors in front of any Embedder: people repeat and page through the same
 * queries, and embedding a query costs milliseconds to seconds. Documents are never cached.
 */
import type { Embedder, EmbedKind } from './ports.ts';

/** Wraps `inner`, caching up to `capacity` query vectors (least recently used are dropped). */
export function cachedEmbedder(
  inner: Embedder,
  capacity = 1000,
): Embedder & { cacheSize(): number } {
  const cache = new Map<string, Float32Array>();
  return {
    get modelId() {
      return inner.modelId;
    },
    get dimensions() {
      return inner.dimensions;
    },
    async embed(texts: string[], kind: EmbedKind): Promise<Float32Array[]> {
      if (kind !== 'query') return inner.embed(texts, kind);
      const out: (Float32Array | undefined)[] = texts.map((t) => {
        const hit = cache.get(t);
        if (hit) {
          cache.delete(t);
          cache.set(t, hit);
        }
        return hit;
      });
      const todo = [...new Set(texts.filter((_, i) => out[i] === undefined))];
      if (todo.length > 0) {
        const vectors = await inner.embed(todo, kind);
        todo.forEach((text, i) => {
          const v = vectors[i];
          if (!v) return;
          cache.set(text, v);
          if (cache.size > capacity) cache.delete(cache.keys().next().value as string);
        });
        texts.forEach((t, i) => {
          out[i] ??= cache.get(t) ?? vectors[todo.indexOf(t)];
        });
      }
      return out as Float32Array[];
    },
    close: () => inner.close(),
    ...(inner.warm ? { warm: () => inner.warm?.() ?? Promise.resolve() } : {}),
    cacheSize: () => cache.size,
  };
}
