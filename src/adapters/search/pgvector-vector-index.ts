/**
 * VectorIndex on PostgreSQL: vectors in pgvector (`paper_vectors.embedding`, migration 0206),
 * shared by every process — a vector written by any worker is searchable by every web process
 * at once, with no index file to drift. Nearest neighbours by cosine distance (`<=>`).
 */
import { type Kysely, sql } from 'kysely';
import type { Clock } from '../../core/clock.ts';
import type { Scored } from '../../core/search/fuse.ts';
import type { PaperVector, VectorIndex } from '../../core/search/ports.ts';
import type { Database } from '../db/schema.ts';
import { transact } from '../db/transact.ts';

const CHUNK = 500;

export class PgvectorVectorIndex implements VectorIndex {
  constructor(
    private readonly db: Kysely<Database>,
    readonly modelId: string,
    private readonly clock: Clock,
  ) {}

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

  async pruneOtherModels(): Promise<number> {
    const result = await this.db
      .deleteFrom('paper_vectors')
      .where('model_id', '!=', this.modelId)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async sync(): Promise<void> {}

  async close(): Promise<void> {}
}

/** pgvector's text form of a vector: '[x,y,…]'. */
export function vectorLiteral(v: Float32Array): string {
  return `[${Array.from(v).join(',')}]`;
}
