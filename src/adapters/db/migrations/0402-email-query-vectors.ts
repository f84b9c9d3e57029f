/**
 * 0402: vectors of saved-search texts per embedding model, so each alert's query is embedded once
 * (on its first digest), not every morning.
 */
import type { Kysely } from 'kysely';
import { binary } from './engine.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('email_query_vectors')
    .addColumn('model_id', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('vector', binary(db), (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('email_query_vectors_pk', ['model_id', 'text'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('email_query_vectors').execute();
}
