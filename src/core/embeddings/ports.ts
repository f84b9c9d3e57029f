/**
 * The Embedder port: turns texts into vectors. Search, similar-papers and alerts depend only on
 * this; which model sits behind it (bundled USE-lite, an HTTP endpoint, an ONNX encoder, or a
 * static model paperboy trained itself) is chosen in container.ts.
 */

/** What a text is, for models that embed queries and documents differently (e5, bge). */
export type EmbedKind = 'query' | 'document';

export interface Embedder {
  /**
   * Stable id of the model and its version, recorded with every stored vector
   * (e.g. `use-lite@1`, `paperboy-static@<version>`). Vectors from different ids never mix.
   */
  readonly modelId: string;
  /** Length of every vector this embedder returns. */
  readonly dimensions: number;
  /** Embeds `texts` in order; every vector is L2-normalised. Rejects with `model_unavailable`. */
  embed(texts: string[], kind: EmbedKind): Promise<Float32Array[]>;
  /** Releases threads, sessions or sockets. */
  close(): Promise<void>;
  /** Loads the model ahead of the first request (every thread of it), when that takes time. */
  warm?(): Promise<void>;
}

/**
 * Papers waiting to be embedded. Ingestion enqueues what it inserted or changed; the embedding
 * job takes batches, stores their vectors, then removes them. Enqueueing twice is harmless.
 */
export interface EmbeddingQueue {
  /** Marks papers as needing (re-)embedding. */
  enqueue(paperIds: string[]): Promise<void>;
  /** Up to `limit` queued ids, oldest first (not removed). */
  peek(limit: number): Promise<string[]>;
  /** Removes ids once their vectors are stored. */
  remove(paperIds: string[]): Promise<void>;
  /** Number of queued papers. */
  size(): Promise<number>;
}
