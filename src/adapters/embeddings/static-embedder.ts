/**
 * The Embedder over paperboy's self-trained static model: tokenise, look up, weighted sum,
 * normalise — a fraction of a millisecond per abstract on the calling thread, no worker needed.
 * Queries and documents are embedded the same way.
 */
import type { Embedder, EmbedKind } from '../../core/embeddings/ports.ts';
import { StaticEncoder } from '../../core/embeddings/static/model.ts';
import type { LoadedModel } from '../../core/embeddings/static/ports.ts';

export class StaticEmbedder implements Embedder {
  readonly modelId: string;
  readonly dimensions: number;
  private readonly encoder: StaticEncoder;

  constructor(loaded: LoadedModel) {
    this.encoder = new StaticEncoder(loaded.model);
    this.modelId = loaded.modelId;
    this.dimensions = this.encoder.dim;
  }

  async embed(texts: string[], _kind: EmbedKind): Promise<Float32Array[]> {
    return texts.map((t) => this.encoder.embed(t));
  }

  async close(): Promise<void> {}
}
