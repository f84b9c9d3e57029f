/**
 * 0202: paper vectors — every embedding with the id of the model that made it (the source of
 * truth; the HNSW index file beside the database is rebuilt from these). `seq` grows with every
 * write so other processes can pick up new vectors incrementally.
 */
import type { Kysely } from 'kysely';
import { binary, engineOf } from './engine.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('paper_vectors')
    .addColumn('seq', 'integer', (c) =>
      engineOf(db) === 'postgres'
        ? c.primaryKey().generatedByDefaultAsIdentity()
        : c.primaryKey().autoIncrement(),
    )
    .addColumn('paper_id', 'text', (c) => c.notNull().references('papers.id').onDelete('cascade'))
    .addColumn('model_id', 'text', (c) => c.notNull())
    .addColumn('dimensions', 'integer', (c) => c.notNull())
    .addColumn('vector', binary(db), (c) => c.notNull())
    .addColumn('text_hash', 'text', (c) => c.notNull())
    .addColumn('embedded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('paper_vectors_model_paper')
    .on('paper_vectors')
    .columns(['model_id', 'paper_id'])
    .unique()
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('paper_vectors').execute();
}
