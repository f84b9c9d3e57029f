/**
 * VectorIndex on PostgreSQL: vectors in pgvector (`paper_vectors.embedding`, migration 0206),
 * shared by every process — a vector written by any worker is searchable by every web process
 * at once, with no index file to drift. Up to 20,000 vectors of a model, exact nearest
 * neighbours by cosine distance (`<=>`, as usearch's exact set on SQLite); above that an HNSW
 * index of the model's vectors as half-precision floats (a partial expression index per model,
 * M=16, ef_search=96 as usearch's graph, widened to the number of neighbours asked for), built
 * by `sync` (the embedding job) without blocking writes; its hits are scored by exact cosine.
 */
import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Clock } from '../../core/clock.ts';
import type { Scored } from '../../core/search/fuse.ts';
import type { PaperVector, VectorIndex } from '../../core/search/ports.ts';
import type { Database } from '../db/schema.ts';
import { transact } from '../db/transact.ts';

const CHUNK = 500;
/** Vectors of a model up to which search is exact (as UsearchVectorIndex). */
const EXACT_LIMIT = 20_000;
/** HNSW search breadth (usearch's expansion_search on SQLite), at least. */
const EF_SEARCH = 96;
/** pgvector's largest ef_search; beyond it only an iterative scan finds more. */
const MAX_EF_SEARCH = 1000;

/** maintenance_work_mem for the HNSW build unless configured (0: the server's own). */
const BUILD_MEMORY_MB = 1024;

export interface PgvectorOptions {
  /** Up to this many vectors of the model, search is exact. Default 20,000. */
  exactLimit?: number;
  /**
   * maintenance_work_mem (MB) for this process's HNSW builds. pgvector builds ~3× faster when the
   * whole graph fits (100k 384-d vectors: 229 s at 1 GB against 689 s at the default 64 MB). It
   * only raises the server's setting, never lowers it. 0 leaves it alone.
   */
  buildMemoryMb?: number;
}

export class PgvectorVectorIndex implements VectorIndex {
  /** The model's HNSW index when built and valid (checked at most once a minute). */
  private graph: { dimensions: number } | null = null;
  private graphCheckedAt = 0;
  /** Whether the installed pgvector scans iteratively (0.8 and later), once known. */
  private iterative: boolean | null = null;

  private readonly exactLimit: number;
  private readonly buildMemoryMb: number;

  constructor(
    private readonly db: Kysely<Database>,
    readonly modelId: string,
    private readonly clock: Clock,
    options: PgvectorOptions = {},
  ) {
    this.exactLimit = options.exactLimit ?? EXACT_LIMIT;
    this.buildMemoryMb = options.buildMemoryMb ?? BUILD_MEMORY_MB;
  }

  async put(items: PaperVector[]): Promise<void> {
    if (items.length === 0) return;
    const at = this.clock.now().toISOString();
    await transact(this.db, async (trx) => {
      for (let i = 0; i < items.length; i += CHUNK) {
        const chunk = items.slice(i, i + CHUNK);
        await trx
          .deleteFrom('paper_vectors')
          .where('model_id', '=', this.modelId)
          .where(
            'paper_id',
            'in',
            chunk.map((v) => v.paperId),
          )
          .execute();
        await trx
          .insertInto('paper_vectors')
          .values(
            chunk.map((v) => ({
              paper_id: v.paperId,
              model_id: this.modelId,
              dimensions: v.vector.length,
              vector: null,
              embedding: vectorLiteral(v.vector),
              text_hash: v.textHash,
              embedded_at: at,
            })),
          )
          .execute();
      }
    });
  }

  async search(vector: Float32Array, limit: number): Promise<Scored[]> {
    const q = vectorLiteral(vector);
    const graph = await this.liveGraph();
    if (graph && graph.dimensions === vector.length) {
      // ef_search below `limit` silently returns fewer (pgvector's default is 40); above its
      // ceiling, and for rows the partial index's filter drops, pgvector 0.8+ scans on
      // iteratively (relaxed order: sorted by exact cosine here). Both set by migration 0211's
      // function for its statement alone.
      const breadth = Math.min(MAX_EF_SEARCH, Math.max(EF_SEARCH, Math.ceil(limit)));
      const rows = await sql<{ id: string; score: number }>`
        SELECT id, score FROM paperboy_nearest(${q}::vector, ${this.modelId},
          ${graph.dimensions}, ${limit}, ${breadth}, ${await this.iterativeScan()})`.execute(
        this.db,
      );
      return rows.rows
        .map((r) => ({ id: r.id, score: Number(r.score) }))
        .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
    }
    const rows = await sql<{ id: string; score: number }>`
      select paper_id as id, 1 - (embedding <=> ${q}::vector) as score
      from paper_vectors
      where model_id = ${this.modelId} and dimensions = ${vector.length}
      order by embedding <=> ${q}::vector, paper_id
      limit ${limit}`.execute(this.db);
    return rows.rows.map((r) => ({ id: r.id, score: Number(r.score) }));
  }

  async similarity(vector: Float32Array, ids: string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    const q = vectorLiteral(vector);
    for (let i = 0; i < ids.length; i += CHUNK) {
      const rows = await sql<{ id: string; score: number }>`
        select paper_id as id, 1 - (embedding <=> ${q}::vector) as score
        from paper_vectors
        where model_id = ${this.modelId} and dimensions = ${vector.length}
          and paper_id = any(${ids.slice(i, i + CHUNK)})`.execute(this.db);
      for (const r of rows.rows) out.set(r.id, Number(r.score));
    }
    return out;
  }

  async get(paperId: string): Promise<Float32Array | null> {
    const row = await sql<{ v: number[] }>`
      select embedding::real[] as v from paper_vectors
      where model_id = ${this.modelId} and paper_id = ${paperId}`.execute(this.db);
    const values = row.rows[0]?.v;
    return values ? Float32Array.from(values) : null;
  }

  async vectorsOf(ids: string[]): Promise<Map<string, Float32Array>> {
    if (ids.length === 0) return new Map();
    const rows = await sql<{ paper_id: string; v: number[] }>`
      select paper_id, embedding::real[] as v from paper_vectors
      where model_id = ${this.modelId} and paper_id = any(${ids}::text[])`.execute(this.db);
    return new Map(rows.rows.map((r) => [r.paper_id, Float32Array.from(r.v)]));
  }

  async textHashes(ids: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (let i = 0; i < ids.length; i += CHUNK) {
      const rows = await this.db
        .selectFrom('paper_vectors')
        .select(['paper_id', 'text_hash'])
        .where('model_id', '=', this.modelId)
        .where('paper_id', 'in', ids.slice(i, i + CHUNK))
        .execute();
      for (const r of rows) out.set(r.paper_id, r.text_hash);
    }
    return out;
  }

  async missing(limit: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('papers as p')
      .select('p.id')
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('paper_vectors as v')
              .select('v.seq')
              .whereRef('v.paper_id', '=', 'p.id')
              .where('v.model_id', '=', this.modelId),
          ),
        ),
      )
      // Newest first, undated last, as on SQLite (PostgreSQL sorts NULL first when descending).
      .orderBy('p.submitted_at', (ob) => ob.desc().nullsLast())
      .limit(limit)
      .execute();
    return rows.map((r) => r.id);
  }

  async coverage(): Promise<{ embedded: number; papers: number }> {
    const embedded = await this.db
      .selectFrom('paper_vectors')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('model_id', '=', this.modelId)
      .executeTakeFirstOrThrow();
    const papers = await this.db
      .selectFrom('papers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return { embedded: Number(embedded.n), papers: Number(papers.n) };
  }

  /** Deletes other models' vectors and drops their HNSW indexes (after a switch). */
  async pruneOtherModels(): Promise<number> {
    const result = await this.db
      .deleteFrom('paper_vectors')
      .where('model_id', '!=', this.modelId)
      .executeTakeFirst();
    const graphs = await sql<{ name: string }>`
      SELECT c.relname AS name FROM pg_index i
      JOIN pg_class c ON c.oid = i.indexrelid
      JOIN pg_class t ON t.oid = i.indrelid
      WHERE t.relname = 'paper_vectors' AND c.relname LIKE 'paper_vectors_hnsw_%'`.execute(this.db);
    for (const { name } of graphs.rows) {
      if (name !== this.graphName())
        await sql`DROP INDEX IF EXISTS ${sql.id(name)}`.execute(this.db);
    }
    return Number(result.numDeletedRows);
  }

  /**
   * Builds the model's HNSW index once it has more than the exact limit of vectors
   * (CONCURRENTLY: writes go on meanwhile; a second process asking meanwhile waits for it).
   */
  async sync(): Promise<void> {
    if ((await this.liveGraph()) !== null) return;
    const { embedded } = await this.coverage();
    if (embedded <= this.exactLimit) return;
    const dims = await sql<{ d: number }>`
      SELECT dimensions AS d FROM paper_vectors WHERE model_id = ${this.modelId} LIMIT 1`.execute(
      this.db,
    );
    const d = Number(dims.rows[0]?.d ?? 0);
    if (d <= 0) return;
    // A build that failed half-way leaves an invalid index behind: drop it unless one runs.
    await sql`
      DO $$ BEGIN
        IF EXISTS (SELECT 1 FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                   WHERE c.relname = ${sql.lit(this.graphName())} AND NOT i.indisvalid
                     AND NOT EXISTS (SELECT 1 FROM pg_stat_progress_create_index p
                                     WHERE p.index_relid = i.indexrelid)) THEN
          EXECUTE 'DROP INDEX ' || quote_ident(${sql.lit(this.graphName())});
        END IF;
      END $$`.execute(this.db);
    await withBuildMemory(this.db, this.buildMemoryMb, (conn) =>
      sql`
        CREATE INDEX CONCURRENTLY IF NOT EXISTS ${sql.id(this.graphName())} ON paper_vectors
        USING hnsw ((embedding::halfvec(${sql.raw(String(d))})) halfvec_cosine_ops)
        WITH (m = 16, ef_construction = 128)
        WHERE model_id = ${sql.raw(this.modelLiteral())}`.execute(conn),
    );
    this.graphCheckedAt = 0;
  }

  /** Whether the installed pgvector scans iteratively (0.8 and later); asked once. */
  private async iterativeScan(): Promise<boolean> {
    if (this.iterative === null) {
      const v = await sql<{ v: string }>`
        SELECT extversion AS v FROM pg_extension WHERE extname = 'vector'`.execute(this.db);
      const [major = 0, minor = 0] = (v.rows[0]?.v ?? '0').split('.').map(Number);
      this.iterative = major > 0 || minor >= 8;
    }
    return this.iterative;
  }

  /** The model's valid HNSW index and its dimensions, or null (checked at most once a minute). */
  private async liveGraph(): Promise<{ dimensions: number } | null> {
    if (Date.now() - this.graphCheckedAt < 60_000) return this.graph;
    const rows = await sql<{ def: string }>`
      SELECT pg_get_indexdef(i.indexrelid) AS def FROM pg_index i
      JOIN pg_class c ON c.oid = i.indexrelid
      WHERE c.relname = ${this.graphName()} AND i.indisvalid`.execute(this.db);
    const dims = /halfvec\((\d+)\)/.exec(rows.rows[0]?.def ?? '');
    this.graph = dims ? { dimensions: Number(dims[1]) } : null;
    this.graphCheckedAt = Date.now();
    return this.graph;
  }

  /** The index's name: per model, short enough for PostgreSQL (63 bytes). */
  private graphName(): string {
    return `paper_vectors_hnsw_${createHash('sha256').update(this.modelId).digest('hex').slice(0, 12)}`;
  }

  /** The model id as an SQL literal (the partial index's predicate must be a constant). */
  private modelLiteral(): string {
    return `'${this.modelId.replaceAll("'", "''")}'`;
  }

  async close(): Promise<void> {}
}

/**
 * Runs `build` on one connection whose maintenance_work_mem is raised to `mb` (never lowered; 0:
 * left alone) and put back after, so pooled connections keep the server's setting. One
 * connection, no transaction: the setting is per session and CONCURRENTLY refuses a transaction.
 */
export async function withBuildMemory<T>(
  db: Kysely<Database>,
  mb: number,
  build: (conn: Kysely<Database>) => Promise<T>,
): Promise<T> {
  return db.connection().execute(async (conn) => {
    const now = await sql<{ kb: string }>`
      SELECT setting AS kb FROM pg_settings WHERE name = 'maintenance_work_mem'`.execute(conn);
    const raise = mb > 0 && Number(now.rows[0]?.kb ?? 0) < mb * 1024;
    if (raise)
      await sql`SELECT set_config('maintenance_work_mem', ${`${mb}MB`}, false)`.execute(conn);
    try {
      return await build(conn);
    } finally {
      if (raise) await sql`RESET maintenance_work_mem`.execute(conn);
    }
  });
}

/** pgvector's text form of a vector: '[x,y,…]'. */
export function vectorLiteral(v: Float32Array): string {
  return `[${Array.from(v).join(',')}]`;
}
