/**
 * EmbeddingQueue over Kysely (SQLite and PostgreSQL).
 */
import type { Kysely } from 'kysely';
import type { Clock } from '../../core/clock.ts';
import type { EmbeddingQueue } from '../../core/embeddings/ports.ts';
import type { Database } from './schema.ts';

const CHUNK = 500;

export class KyselyEmbeddingQueue implements EmbeddingQueue {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async enqueue(paperIds: string[]): Promise<void> {
    const at = this.clock.now().toISOString();
    for (let i = 0; i < paperIds.length; i += CHUNK) {
      const chunk = [...new Set(paperIds.slice(i, i + CHUNK))];
      await this.db
        .insertInto('embedding_queue')
        .values(chunk.map((paper_id) => ({ paper_id, queued_at: at })))
        .onConflict((oc) => oc.column('paper_id').doNothing())
        .execute();
    }
  }

  async peek(limit: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('embedding_queue')
      .select('paper_id')
      .orderBy('queued_at')
      .orderBy('paper_id')
      .limit(limit)
      .execute();
    return rows.map((r) => r.paper_id);
  }

  async remove(paperIds: string[]): Promise<void> {
    for (let i = 0; i < paperIds.length; i += CHUNK) {
      await this.db
        .deleteFrom('embedding_queue')
        .where('paper_id', 'in', paperIds.slice(i, i + CHUNK))
        .execute();
    }
  }

  async size(): Promise<number> {
    const row = await this.db
      .selectFrom('embedding_queue')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
