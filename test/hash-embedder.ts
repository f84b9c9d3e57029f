/**
 * A deterministic stand-in embedder for plumbing tests: hashed bag of words (with a few synonyms
 * folded together so "meaning" matches without shared words can be tested), L2-normalised.
 * Real models are exercised by the embedder contract suite.
 */
import type { Embedder, EmbedKind } from '../src/core/embeddings/ports.ts';

const SYNONYMS: Record<string, string> = { car: 'vehicle', automobile: 'vehicle', cars: 'vehicle' };

export class HashEmbedder implements Embedder {
  readonly dimensions = 64;
  calls = 0;
  failing = false;
  constructor(readonly modelId = 'hash@1') {}

  async embed(texts: string[], _kind: EmbedKind): Promise<Float32Array[]> {
    this.calls++;
    if (this.failing) {
      const { createError } = await import('../src/core/errors.ts');
      throw createError('model_unavailable', 'test embedder is switched off');
    }
    return texts.map((text) => {
      const v = new Float32Array(this.dimensions);
      for (const raw of text.toLowerCase().match(/[a-z0-9]+/g) ?? []) {
        const w = SYNONYMS[raw] ?? raw;
        let h = 2166136261;
        for (let i = 0; i < w.length; i++) h = Math.imul(h ^ w.charCodeAt(i), 16777619);
        const at = (h >>> 0) % this.dimensions;
        v[at] = (v[at] ?? 0) + 1;
      }
      const norm = Math.hypot(...v) || 1;
      return v.map((x) => x / norm);
    });
  }

  async close(): Promise<void> {}
}
