/**
 * VectorIndex: vectors live in SQLite (`paper_vectors`, the source of truth, one row per paper
 * and model); nearest-neighbour search runs in memory — exact (SIMD brute force through usearch's
 * exactSearch) while a model has few vectors, HNSW (usearch) beyond that. The HNSW graph is saved
 * beside the database (<data>/vectors/<model>.usearch) and updated incrementally: on start it
 * loads the file and adds only vectors written since (by `seq`), so nobody waits for a rebuild.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { exactSearch, Index, type Matches, MetricKind, type ScalarKind } from 'usearch';
import type { Clock } from '../../core/clock.ts';
import type { Scored } from '../../core/search/fuse.ts';
import type { PaperVector, VectorIndex } from '../../core/search/ports.ts';

export interface VectorIndexOptions {
  /** Directory for index files; null keeps everything in memory (tests, eval). */
  dir: string | null;
  /** Up to this many vectors, search is exact; above it, HNSW. Default 20,000. */
  exactLimit?: number;
  /** HNSW storage: f32, f16 (default; half the memory, same ranking to ~3 decimals) or i8. */
  quantization?: 'f32' | 'f16' | 'i8';
  /** HNSW graph degree (default 16) and search breadth (default 96). */
  connectivity?: number;
  expansionSearch?: number;
  /** Threads for building the HNSW index (default 0 = all cores). */
  buildThreads?: number;
}

interface Meta {
  modelId: string;
  dimensions: number;
  lastSeq: number;
  quantization: string;
}

const CHUNK = 500;

interface VectorRow {
  seq: number;
  paper_id: string;
  docid: number;
  vector: Buffer;
}

export class UsearchVectorIndex implements VectorIndex {
  private dims = 0;
  private lastSeq = 0;
  /** Exact mode: vectors by row, with their paper ids. */
  private exact: { ids: string[]; pos: Map<string, number>; data: Float32Array } | null = {
    ids: [],
    pos: new Map(),
    data: new Float32Array(0),
  };
  private hnsw: Index | null = null;
  private dirty = false;
  private loaded = false;
  private readonly exactLimit: number;

  private constructor(
    private readonly db: Database.Database,
    readonly modelId: string,
    private readonly clock: Clock,
    private readonly options: VectorIndexOptions,
  ) {
    this.exactLimit = options.exactLimit ?? 20_000;
  }

  /** Opens the index for `modelId`: loads its file if present, then catches up from the store. */
  static async open(
    db: Database.Database,
    modelId: string,
    clock: Clock,
    options: VectorIndexOptions,
  ): Promise<UsearchVectorIndex> {
    // Nothing is read yet: the store may still need migrating (doctor). The first use loads.
    return new UsearchVectorIndex(db, modelId, clock, options);
  }

  async put(items: PaperVector[]): Promise<void> {
    if (items.length === 0) return;
    const at = this.clock.now().toISOString();
    const del = this.db.prepare('DELETE FROM paper_vectors WHERE model_id = ? AND paper_id = ?');
    const ins = this.db.prepare(
      `INSERT INTO paper_vectors (paper_id, model_id, dimensions, vector, text_hash, embedded_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    this.db.transaction(() => {
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
    })();
    this.catchUp();
  }

  async search(vector: Float32Array, limit: number): Promise<Scored[]> {
    this.catchUp();
    if (this.dims === 0 || vector.length !== this.dims) return [];
    if (this.exact) return this.searchExact(vector, limit);
    if (!this.hnsw || this.hnsw.size() === 0) return [];
    const k = Math.min(limit, this.hnsw.size());
    const matches = this.hnsw.search(vector, k, 1);
    const docids = [...matches.keys].map(Number);
    const ids = this.paperIdsOf(docids);
    const out: Scored[] = [];
    docids.forEach((docid, i) => {
      const id = ids.get(docid);
      if (id !== undefined) out.push({ id, score: 1 - (matches.distances[i] ?? 1) });
    });
    return out;
  }

  async similarity(vector: Float32Array, ids: string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (let i = 0; i < ids.length; i += CHUNK) {
      const rows = this.db
        .prepare(
          `SELECT paper_id, vector FROM paper_vectors
           WHERE model_id = ? AND paper_id IN (SELECT value FROM json_each(?))`,
        )
        .all(this.modelId, JSON.stringify(ids.slice(i, i + CHUNK))) as {
        paper_id: string;
        vector: Buffer;
      }[];
      for (const r of rows) {
        const v = fromBlob(r.vector);
        if (v.length === vector.length) out.set(r.paper_id, dot(v, vector));
      }
    }
    return out;
  }

  async get(paperId: string): Promise<Float32Array | null> {
    const row = this.db
      .prepare('SELECT vector FROM paper_vectors WHERE model_id = ? AND paper_id = ?')
      .pluck()
      .get(this.modelId, paperId) as Buffer | undefined;
    return row ? fromBlob(row) : null;
  }

  async textHashes(ids: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (let i = 0; i < ids.length; i += CHUNK) {
      const rows = this.db
        .prepare(
          `SELECT paper_id, text_hash FROM paper_vectors
           WHERE model_id = ? AND paper_id IN (SELECT value FROM json_each(?))`,
        )
        .all(this.modelId, JSON.stringify(ids.slice(i, i + CHUNK))) as {
        paper_id: string;
        text_hash: string;
      }[];
      for (const r of rows) out.set(r.paper_id, r.text_hash);
    }
    return out;
  }

  async missing(limit: number): Promise<string[]> {
    return this.db
      .prepare(
        `SELECT p.id FROM papers p WHERE NOT EXISTS (
           SELECT 1 FROM paper_vectors v WHERE v.model_id = ? AND v.paper_id = p.id)
         ORDER BY p.submitted_at DESC LIMIT ?`,
      )
      .pluck()
      .all(this.modelId, limit) as string[];
  }

  async coverage(): Promise<{ embedded: number; papers: number }> {
    const embedded = this.db
      .prepare('SELECT count(*) FROM paper_vectors WHERE model_id = ?')
      .pluck()
      .get(this.modelId) as number;
    const papers = this.db.prepare('SELECT count(*) FROM papers').pluck().get() as number;
    return { embedded, papers };
  }

  async pruneOtherModels(): Promise<number> {
    return this.db.prepare('DELETE FROM paper_vectors WHERE model_id != ?').run(this.modelId)
      .changes;
  }

  async sync(): Promise<void> {
    this.catchUp();
    this.saveFile();
  }

  async close(): Promise<void> {
    if (this.loaded) this.saveFile();
  }

  /**
   * Adds every vector stored since the last look (this process's and other processes'). Runs
   * before every search, so it must cost nothing when nothing is new: the query walks the `seq`
   * (rowid) range only — `+model_id` keeps SQLite from choosing the (model_id, paper_id) index,
   * which scanned every vector of the model (~100 ms per search at 1M vectors).
   */
  private catchUp(): void {
    if (!this.loaded) {
      this.loaded = true;
      this.loadFile();
    }
    for (;;) {
      const rows = this.db
        .prepare(
          `SELECT v.seq, v.paper_id, v.vector, d.docid FROM paper_vectors v
           JOIN paper_docids d ON d.paper_id = v.paper_id
           WHERE v.seq > ? AND +v.model_id = ? ORDER BY v.seq LIMIT 20000`,
        )
        .all(this.lastSeq, this.modelId) as VectorRow[];
      if (rows.length === 0) return;
      this.dirty = true;
      const dims = this.dims || fromBlob((rows[0] as VectorRow).vector).length;
      this.dims = dims;
      if (this.exact && this.exact.ids.length + rows.length > this.exactLimit) {
        this.switchToHnsw();
        return;
      }
      if (this.exact) {
        for (const r of rows) {
          const v = fromBlob(r.vector);
          if (v.length !== dims) continue;
          const at = this.exact.pos.get(r.paper_id);
          if (at === undefined) this.appendExact(r.paper_id, v);
          else this.exact.data.set(v, at * dims);
        }
      } else {
        this.addBatch(rows.filter((r) => r.vector.byteLength === dims * 4));
      }
      this.lastSeq = (rows[rows.length - 1] as VectorRow).seq;
    }
  }

  /** Adds rows to the HNSW graph in one multi-threaded call (replacing keys already there). */
  private addBatch(rows: { docid: number; vector: Uint8Array }[]): void {
    if (rows.length === 0) return;
    const index = this.hnsw as Index;
    const keys = BigUint64Array.from(rows.map((r) => BigInt(r.docid)));
    const present = index.contains(keys) as boolean[] | boolean;
    const again = keys.filter((_, i) => (Array.isArray(present) ? present[i] : present));
    if (again.length > 0) index.remove(again);
    const matrix = new Float32Array(rows.length * this.dims);
    rows.forEach((r, i) => {
      matrix.set(fromBlob(r.vector), i * this.dims);
    });
    index.add(keys, matrix, rows.length > 1 ? (this.options.buildThreads ?? 0) : 1);
  }

  private appendExact(paperId: string, v: Float32Array): void {
    const e = this.exact as NonNullable<typeof this.exact>;
    const n = e.ids.length;
    if ((n + 1) * this.dims > e.data.length) {
      const grown = new Float32Array(Math.max(1024, (n + 1) * 2) * this.dims);
      grown.set(e.data);
      e.data = grown;
    }
    e.data.set(v, n * this.dims);
    e.ids.push(paperId);
    e.pos.set(paperId, n);
  }

  private searchExact(vector: Float32Array, limit: number): Scored[] {
    const e = this.exact as NonNullable<typeof this.exact>;
    const n = e.ids.length;
    if (n === 0) return [];
    const k = Math.min(limit, n);
    const matches = exactSearch(
      e.data.subarray(0, n * this.dims),
      vector,
      this.dims,
      k,
      MetricKind.IP,
      1,
    ) as Matches;
    const out: Scored[] = [];
    matches.keys.forEach((key, i) => {
      const id = e.ids[Number(key)];
      if (id !== undefined) out.push({ id, score: 1 - (matches.distances[i] ?? 1) });
    });
    return out;
  }

  /**
   * Moves from exact search to HNSW: builds the graph from every stored vector of the model, in
   * `seq` (rowid) order — through the (model_id, paper_id) index SQLite sorted every vector (2 GB
   * at 1M) in a temp b-tree first.
   */
  private switchToHnsw(): void {
    this.exact = null;
    this.hnsw = this.newIndex(this.dims);
    const stmt = this.db.prepare(
      `SELECT v.seq, d.docid, v.vector FROM paper_vectors v
       JOIN paper_docids d ON d.paper_id = v.paper_id
       WHERE +v.model_id = ? ORDER BY v.seq`,
    );
    let batch: VectorRow[] = [];
    for (const row of stmt.iterate(this.modelId) as Iterable<VectorRow>) {
      if (row.vector.byteLength !== this.dims * 4) continue;
      batch.push(row);
      this.lastSeq = Math.max(this.lastSeq, row.seq);
      if (batch.length === 10_000) {
        this.addBatch(batch);
        batch = [];
      }
    }
    this.addBatch(batch);
  }

  private newIndex(dimensions: number): Index {
    return new Index({
      dimensions,
      metric: MetricKind.Cos,
      quantization: (this.options.quantization ?? 'f16') as ScalarKind,
      connectivity: this.options.connectivity ?? 16,
      expansion_add: 128,
      expansion_search: this.options.expansionSearch ?? 96,
      multi: false,
    });
  }

  private paperIdsOf(docids: number[]): Map<number, string> {
    const rows = this.db
      .prepare(
        'SELECT docid, paper_id FROM paper_docids WHERE docid IN (SELECT value FROM json_each(?))',
      )
      .all(JSON.stringify(docids)) as { docid: number; paper_id: string }[];
    return new Map(rows.map((r) => [r.docid, r.paper_id]));
  }

  private paths(): { index: string; meta: string } | null {
    if (!this.options.dir) return null;
    const base = join(this.options.dir, this.modelId.replace(/[^A-Za-z0-9._-]+/g, '_'));
    return { index: `${base}.usearch`, meta: `${base}.json` };
  }

  /** Loads a saved HNSW graph for this model, when there is one and it fits the store. */
  private loadFile(): void {
    const paths = this.paths();
    if (!paths || !existsSync(paths.index) || !existsSync(paths.meta)) return;
    try {
      const meta = JSON.parse(readFileSync(paths.meta, 'utf8')) as Meta;
      const maxSeq = this.db.prepare('SELECT max(seq) FROM paper_vectors').pluck().get() as
        | number
        | null;
      if (meta.modelId !== this.modelId || meta.lastSeq > (maxSeq ?? 0)) return;
      const index = this.newIndex(meta.dimensions);
      index.load(paths.index);
      this.hnsw = index;
      this.exact = null;
      this.dims = meta.dimensions;
      this.lastSeq = meta.lastSeq;
    } catch {
      this.hnsw = null; // a damaged file is rebuilt from the store
    }
  }

  private saveFile(): void {
    const paths = this.paths();
    if (!paths || !this.hnsw || !this.dirty) return;
    mkdirSync(this.options.dir as string, { recursive: true });
    this.hnsw.save(`${paths.index}.tmp`);
    renameSync(`${paths.index}.tmp`, paths.index);
    const meta: Meta = {
      modelId: this.modelId,
      dimensions: this.dims,
      lastSeq: this.lastSeq,
      quantization: this.options.quantization ?? 'f16',
    };
    writeFileSync(paths.meta, JSON.stringify(meta));
    this.dirty = false;
  }
}

/** Float32 values as little-endian bytes (a view, no copy). */
export function toBlob(v: Float32Array): Buffer {
  return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
}

/** Bytes back to Float32 values (copied: SQLite buffers are not 4-byte aligned). */
export function fromBlob(b: Uint8Array): Float32Array {
  const copy = new Uint8Array(b.byteLength);
  copy.set(b);
  return new Float32Array(copy.buffer);
}

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}
