/**
 * 0003: the embedding queue — papers inserted or changed since they were last embedded.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('embedding_queue')
    .addColumn('paper_id', 'text', (c) =>
      c.primaryKey().references('papers.id').onDelete('cascade'),
    )
    .addColumn('queued_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('embedding_queue_queued_at')
    .on('embedding_queue')
    .columns(['queued_at', 'paper_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('embedding_queue').execute();
}
