/**
 * Vectors in the SQLite store (`paper_vectors`, the source of truth: one row per paper and model,
 * `seq` growing with every write), read and written through the store's gate. The in-memory
 * indexes (exact, HNSW) are rebuilt or caught up from these rows.
 */
import type { PaperVector } from '../../core/search/ports.ts';
import type { SqliteGate } from '../db/sqlite/sqlite-gate.ts';
import type { Prepare } from '../db/sqlite/statement-cache.ts';

const CHUNK = 500;

/** A stored vector with the keys the in-memory indexes need. */
export interface VectorRow {
  seq: number;
  paper_id: string;
  docid: number;
  vector: Buffer;
}

export class SqliteVectorRows {
  private readonly sql: Prepare;

  constructor(
    private readonly gate: SqliteGate,
    readonly modelId: string,
  ) {
    this.sql = gate.statements();
  }

  /** Replaces the vectors of these papers, in one write transaction. */
  async put(items: PaperVector[], at: string): Promise<void> {
    await this.gate.write(() => {
      const del = this.sql('DELETE FROM paper_vectors WHERE model_id = ? AND paper_id = ?');
      const ins = this.sql(
        `INSERT INTO paper_vectors (paper_id, model_id, dimensions, vector, text_hash, embedded_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      );
      for (const item of items) {
        del.run(this.modelId, item.paperId);
        ins.run(
          item.paperId,
          this.modelId,
          item.vector.length,
          toBlob(item.vector),
          item.textHash,
          at,
        );
      }
    });
  }

  async get(paperId: string): Promise<Float32Array | null> {
    const row = await this.gate.run(
      () =>
        this.sql('SELECT vector FROM paper_vectors WHERE model_id = ? AND paper_id = ?')
          .pluck()
          .get(this.modelId, paperId) as Buffer | undefined,
    );
    return row ? fromBlob(row) : null;
  }

  /** Stored vectors of `ids` (those that have one). */
  async vectorsOf(ids: string[]): Promise<Map<string, Float32Array>> {
    const rows = await this.byPaper<{ paper_id: string; vector: Buffer }>('vector', ids);
    return new Map(rows.map((r) => [r.paper_id, fromBlob(r.vector)]));
  }

  async textHashes(ids: string[]): Promise<Map<string, string>> {
    const rows = await this.byPaper<{ paper_id: string; text_hash: string }>('text_hash', ids);
    return new Map(rows.map((r) => [r.paper_id, r.text_hash]));
  }

  async missing(limit: number): Promise<string[]> {
    return this.gate.run(
      () =>
        this.sql(
          `SELECT p.id FROM papers p WHERE NOT EXISTS (
             SELECT 1 FROM paper_vectors v WHERE v.model_id = ? AND v.paper_id = p.id)
           ORDER BY p.submitted_at DESC LIMIT ?`,
        )
          .pluck()
          .all(this.modelId, limit) as string[],
    );
  }

  async coverage(): Promise<{ embedded: number; papers: number }> {
    return this.gate.run(() => ({
      embedded: this.sql('SELECT count(*) FROM paper_vectors WHERE model_id = ?')
        .pluck()
        .get(this.modelId) as number,
      papers: this.sql('SELECT count(*) FROM papers').pluck().get() as number,
    }));
  }

  async pruneOtherModels(): Promise<number> {
    return this.gate.run(
      () => this.sql('DELETE FROM paper_vectors WHERE model_id != ?').run(this.modelId).changes,
    );
  }

  /**
   * Up to `limit` vectors of the model stored after `seq`, in `seq` order. Runs before every
   * search, so it must cost nothing when nothing is new: the query walks the `seq` (rowid) range
   * only — `+model_id` keeps SQLite from choosing the (model_id, paper_id) index, which scanned
   * every vector of the model (~100 ms per search at 1M vectors).
   */
  async since(seq: number, limit: number): Promise<VectorRow[]> {
    return this.gate.run(
      () =>
        this.sql(
          `SELECT v.seq, v.paper_id, v.vector, d.docid FROM paper_vectors v
           JOIN paper_docids d ON d.paper_id = v.paper_id
           WHERE v.seq > ? AND +v.model_id = ? ORDER BY v.seq LIMIT ?`,
        ).all(seq, this.modelId, limit) as VectorRow[],
    );
  }

  /** The highest `seq` of any model (a saved graph newer than this belongs to another store). */
  async maxSeq(): Promise<number> {
    return this.gate.run(
      () => (this.sql('SELECT max(seq) FROM paper_vectors').pluck().get() ?? 0) as number,
    );
  }

  /**
   * Every vector of the model in `seq` (rowid) order, in batches, in one turn (the move from
   * exact search to HNSW) — through the (model_id, paper_id) index SQLite sorted every vector
   * (2 GB at 1M) in a temp b-tree first.
   */
  async scan(batchSize: number, onBatch: (rows: VectorRow[]) => void): Promise<void> {
    await this.gate.run(() => {
      const stmt = this.sql(
        `SELECT v.seq, v.paper_id, d.docid, v.vector FROM paper_vectors v
         JOIN paper_docids d ON d.paper_id = v.paper_id
         WHERE +v.model_id = ? ORDER BY v.seq`,
      );
      let batch: VectorRow[] = [];
      for (const row of stmt.iterate(this.modelId) as Iterable<VectorRow>) {
        batch.push(row);
        if (batch.length === batchSize) {
          onBatch(batch);
          batch = [];
        }
      }
      if (batch.length > 0) onBatch(batch);
    });
  }

  /** Paper ids of the graph's keys (docids). */
  async paperIdsOf(docids: number[]): Promise<Map<number, string>> {
    const rows = await this.gate.run(
      () =>
        this.sql(
          'SELECT docid, paper_id FROM paper_docids WHERE docid IN (SELECT value FROM json_each(?))',
        ).all(JSON.stringify(docids)) as { docid: number; paper_id: string }[],
    );
    return new Map(rows.map((r) => [r.docid, r.paper_id]));
  }

  /** Of `ids`, the `column` of those with a vector of this model, in chunks. */
  private async byPaper<R>(column: 'vector' | 'text_hash', ids: string[]): Promise<R[]> {
    const out: R[] = [];
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = JSON.stringify(ids.slice(i, i + CHUNK));
      const rows = await this.gate.run(
        () =>
          this.sql(
            `SELECT paper_id, ${column} FROM paper_vectors
             WHERE model_id = ? AND paper_id IN (SELECT value FROM json_each(?))`,
          ).all(this.modelId, chunk) as R[],
      );
      out.push(...rows);
    }
    return out;
  }
}

/** Float32 values as little-endian bytes (a view, no copy). */
export function toBlob(v: Float32Array): Buffer {
  return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
}

/** Bytes back to Float32 values (copied: stored buffers are not 4-byte aligned). */
export function fromBlob(b: Uint8Array): Float32Array {
  const copy = new Uint8Array(b.byteLength);
  copy.set(b);
  return new Float32Array(copy.buffer);
}
