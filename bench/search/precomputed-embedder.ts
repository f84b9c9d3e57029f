/** Returns cached query vectors by text, as the LRU cache does for a repeated query. */
import type { Embedder } from '../../src/core/embeddings/ports.ts';

export class PrecomputedEmbedder implements Embedder {
  readonly modelId = 'bench-vectors@1';
  constructor(
    readonly dimensions: number,
    private readonly byText: Map<string, Float32Array>,
  ) {}
  async embed(texts: string[]): Promise<Float32Array[]> {
    return texts.map((t) => this.byText.get(t) ?? new Float32Array(this.dimensions));
  }
  async close() {}
}
