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
   * (`use-lite@<sha256 of the weights, 12 hex>`, `paperboy-static@<sha256 of the file>`). Vectors from different ids never mix.
   */
  readonly modelId: string;
  /**
   * Ids these same weights were recorded under before ids were content hashes (`use-lite@1`);
   * vectors under them are adopted, not re-embedded.
   */
  readonly formerIds?: readonly string[];
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

/** An embedding model as the store records it: enough for any process to open the same one. */
export interface ModelRef {
  /** The PAPERBOY_EMBEDDER name that opens it (`static`, `use-lite` …). */
  family: string;
  /** The static model's stored version (`default` = bundled); null for other families. */
  version: string | null;
  /** The Embedder's modelId (content hash of the weights). */
  modelId: string;
}

/**
 * The store's embedding models: `serving` answers queries; `target` is what the worker embeds
 * with (the same model, or the one a switch moves to); `retired` marks vectors to delete once the
 * target serves and covers the store.
 */
export interface ModelState {
  serving: ModelRef | null;
  target: ModelRef | null;
  retired: string | null;
}

/** Where the store records its embedding models (every process reads it; see live-models.ts). */
export interface ModelStateRepo {
  read(): Promise<ModelState>;
  /**
   * Makes `ref` the target. When nothing serves yet (a new store, or one from before 0902) it
   * serves at once and vectors of other models are marked for pruning.
   */
  setTarget(ref: ModelRef): Promise<void>;
  /** Serves the target if it is still `modelId`; the old serving model becomes retired. */
  promote(modelId: string): Promise<boolean>;
  /** Forgets the retired mark (its vectors are deleted). */
  clearRetired(): Promise<void>;
  /**
   * Re-labels vectors stored under `from` (former ids of the same weights) as `to`, where `to`
   * has none for that paper; returns how many.
   */
  adoptVectors(from: readonly string[], to: string): Promise<number>;
}
