/**
 * 0902: which embedding model the store serves search from and which it is moving to, so a switch
 * made by one process (`paperboy model use`, a retrain) reaches every web and worker process.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('embedding_models')
    // 'serving' (queries use it), 'target' (the worker embeds with it), 'retired' (to prune).
    .addColumn('role', 'text', (c) => c.primaryKey())
    .addColumn('model_id', 'text', (c) => c.notNull())
    .addColumn('family', 'text', (c) => c.notNull())
    .addColumn('version', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('embedding_models').execute();
}
