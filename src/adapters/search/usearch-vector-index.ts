/**
 * VectorIndex on the embedded store: vectors live in SQLite (`paper_vectors`, the source of
 * truth); nearest-neighbour search runs in memory — exact (SIMD brute force) while a model has
 * few vectors, an HNSW graph (usearch) beyond that, saved beside the database and caught up
 * incrementally from the store's `seq`, so other processes' vectors and restarts cost no rebuild.
 */
import type { Clock } from '../../core/clock.ts';
import type { Scored } from '../../core/search/fuse.ts';
import type { PaperVector, VectorIndex } from '../../core/search/ports.ts';
import type { SqliteGate } from '../db/sqlite/sqlite-gate.ts';
import { ExactVectors } from './exact-vectors.ts';
import { HnswGraph, type HnswOptions, removeOtherGraphs } from './hnsw-graph.ts';
import { fromBlob, SqliteVectorRows, type VectorRow } from './sqlite-vector-rows.ts';

export interface VectorIndexOptions extends HnswOptions {
  /** Directory for the graph files; null keeps everything in memory (tests, eval). */
  dir: string | null;
  /** Up to this many vectors, search is exact; above it, HNSW. Default 20,000. */
  exactLimit?: number;
}

/** Vectors read from the store per catch-up step. */
const CATCH_UP = 20_000;

export class UsearchVectorIndex implements VectorIndex {
  private readonly rows: SqliteVectorRows;
  private exact: ExactVectors | null = null;
  private hnsw: HnswGraph | null = null;
  /** The last stored vector the in-memory index holds. */
  private lastSeq = 0;
  private loaded = false;
  private readonly exactLimit: number;

  private constructor(
    gate: SqliteGate,
    readonly modelId: string,
    private readonly clock: Clock,
    private readonly options: VectorIndexOptions,
  ) {
    this.rows = new SqliteVectorRows(gate, modelId);
    this.exactLimit = options.exactLimit ?? 20_000;
  }

  /** The index of `modelId`'s vectors. Nothing is read yet (the store may still need migrating). */
  static async open(
    gate: SqliteGate,
    modelId: string,
    clock: Clock,
    options: VectorIndexOptions,
  ): Promise<UsearchVectorIndex> {
    return new UsearchVectorIndex(gate, modelId, clock, options);
  }

  async put(items: PaperVector[]): Promise<void> {
    if (items.length === 0) return;
    await this.rows.put(items, this.clock.now().toISOString());
    await this.catchUp();
  }

  async search(vector: Float32Array, limit: number): Promise<Scored[]> {
    await this.catchUp();
    if (this.exact)
      return vector.length === this.exact.dims ? this.exact.search(vector, limit) : [];
    const graph = this.hnsw;
    if (!graph || graph.size() === 0 || vector.length !== graph.dims) return [];
    const hits = graph.search(vector, limit);
    const ids = await this.rows.paperIdsOf(hits.map((h) => h.docid));
    return hits.flatMap((h) => {
      const id = ids.get(h.docid);
      return id === undefined ? [] : [{ id, score: h.score }];
    });
  }

  async similarity(vector: Float32Array, ids: string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (const [id, v] of await this.rows.vectorsOf(ids)) {
      if (v.length === vector.length) out.set(id, dot(v, vector));
    }
    return out;
  }

  vectorsOf(ids: string[]): Promise<Map<string, Float32Array>> {
    return this.rows.vectorsOf(ids);
  }

  get(paperId: string): Promise<Float32Array | null> {
    return this.rows.get(paperId);
  }

  textHashes(ids: string[]): Promise<Map<string, string>> {
    return this.rows.textHashes(ids);
  }

  missing(limit: number): Promise<string[]> {
    return this.rows.missing(limit);
  }

  coverage(): Promise<{ embedded: number; papers: number }> {
    return this.rows.coverage();
  }

  /** Deletes other models' vectors and their saved graphs (the old model's files after a switch). */
  async pruneOtherModels(): Promise<number> {
    const deleted = await this.rows.pruneOtherModels();
    if (this.options.dir) removeOtherGraphs(this.options.dir, this.modelId);
    return deleted;
  }

  async sync(): Promise<void> {
    await this.catchUp();
    this.save();
  }

  /** Saves the graph, unless the model's vectors are gone (pruned after a switch, by any process). */
  async close(): Promise<void> {
    if (this.loaded && this.hnsw && (await this.rows.coverage()).embedded > 0) this.save();
  }

  /** Adds every vector stored since the last look (this process's and other processes'). */
  private async catchUp(): Promise<void> {
    if (!this.loaded) {
      this.loaded = true;
      await this.loadFile();
    }
    for (;;) {
      const rows = await this.rows.since(this.lastSeq, CATCH_UP);
      if (rows.length === 0) return;
      const dims = this.hnsw?.dims ?? this.exact?.dims ?? fromBlob(first(rows).vector).length;
      if (!this.hnsw && (this.exact?.size ?? 0) + rows.length > this.exactLimit) {
        await this.switchToHnsw(dims);
        return;
      }
      if (this.hnsw) {
        this.hnsw.add(vectorsOf(rows, dims));
        this.hnsw.lastSeq = last(rows).seq;
      } else {
        this.exact ??= new ExactVectors(dims);
        for (const r of rows) {
          const v = fromBlob(r.vector);
          if (v.length === dims) this.exact.set(r.paper_id, v);
        }
      }
      this.lastSeq = last(rows).seq;
    }
  }

  /** Moves from exact search to HNSW: builds the graph from every stored vector of the model. */
  private async switchToHnsw(dims: number): Promise<void> {
    this.exact = null;
    const graph = HnswGraph.create(dims, this.options);
    await this.rows.scan(10_000, (batch) => {
      graph.add(vectorsOf(batch, dims));
      graph.lastSeq = Math.max(graph.lastSeq, last(batch).seq);
    });
    this.hnsw = graph;
    this.lastSeq = graph.lastSeq;
  }

  /** Loads the saved graph of this model, when there is one that fits the store. */
  private async loadFile(): Promise<void> {
    if (!this.options.dir) return;
    const graph = HnswGraph.load(
      this.options.dir,
      this.modelId,
      await this.rows.maxSeq(),
      this.options,
    );
    if (!graph) return;
    this.hnsw = graph;
    this.exact = null;
    this.lastSeq = graph.lastSeq;
  }

  private save(): void {
    if (this.options.dir && this.hnsw) this.hnsw.save(this.options.dir, this.modelId);
  }
}

/** The rows' vectors of the right size, keyed by docid. */
function vectorsOf(rows: VectorRow[], dims: number): { docid: number; vector: Float32Array }[] {
  return rows
    .filter((r) => r.vector.byteLength === dims * 4)
    .map((r) => ({ docid: r.docid, vector: fromBlob(r.vector) }));
}

function first<T>(items: T[]): T {
  return items[0] as T;
}

function last<T>(items: T[]): T {
  return items[items.length - 1] as T;
}

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}
