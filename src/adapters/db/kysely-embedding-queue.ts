/**
 * EmbeddingQueue over Kysely (SQLite and PostgreSQL).
 */
import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '../../core/clock.ts';
import type { EmbeddingQueue } from '../../core/embeddings/ports.ts';
import { insertRows } from './insert-rows.ts';
import type { Database } from './schema.ts';

const CHUNK = 500;

export class KyselyEmbeddingQueue implements EmbeddingQueue {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async enqueue(paperIds: string[]): Promise<void> {
    await enqueueIn(this.db, paperIds, this.clock.now().toISOString());
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

/**
 * Queues `paperIds` using `db`, which may be a transaction: ingestion queues a page's changed papers
 * in the same transaction that writes them, so a crash can never leave a changed paper unqueued.
 */
export async function enqueueIn(
  db: Kysely<Database> | Transaction<Database>,
  paperIds: string[],
  at: string,
): Promise<void> {
  for (let i = 0; i < paperIds.length; i += CHUNK) {
    const chunk = [...new Set(paperIds.slice(i, i + CHUNK))];
    const rows = chunk.map((paper_id) => ({ paper_id, queued_at: at }));
    await insertRows(db, 'embedding_queue', rows, { paper_id: 'text', queued_at: 'text' })
      .onConflict((oc) => oc.column('paper_id').doNothing())
      .execute();
  }
}
