/**
 * 0208: the impact-ordered keyword index on PostgreSQL (PostgresImpactIndex), the same tables
 * SQLite's 0205 has: every term's postings with quantised BM25 impacts in segments best first
 * (`search_impacts`), the live generation and the highest docid it covers (`search_impacts_meta`),
 * and papers inserted or changed since it was built (`search_impacts_stale`, filled by 0209's
 * triggers). One build at a time is an advisory lock, so there is no builds table here.
 */
import { type Kysely, sql } from 'kysely';
import { binary, double, engineOf } from './engine.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  if (engineOf(db) !== 'postgres') return;
  await db.schema
    .createTable('search_impacts')
    .addColumn('id', 'bigint', (c) => c.generatedAlwaysAsIdentity().primaryKey())
    .addColumn('generation', 'integer', (c) => c.notNull())
    .addColumn('term', 'text', (c) => c.notNull())
    .addColumn('weight', double(db), (c) => c.notNull())
    .addColumn('scale', double(db), (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('docids', binary(db))
    .execute();
  await db.schema
    .createIndex('search_impacts_term')
    .on('search_impacts')
    .columns(['generation', 'term', 'weight desc'])
    .execute();
  await db.schema
    .createTable('search_impacts_meta')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('generation', 'integer', (c) => c.notNull())
    .addColumn('watermark', 'integer', (c) => c.notNull())
    .addColumn('docs', 'integer', (c) => c.notNull())
    .addColumn('built_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('search_impacts_stale')
    .addColumn('id', 'bigint', (c) => c.generatedAlwaysAsIdentity().primaryKey())
    .addColumn('docid', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('search_impacts_stale_docid')
    .on('search_impacts_stale')
    .column('docid')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (engineOf(db) !== 'postgres') return;
  await db.schema.dropTable('search_impacts_stale').execute();
  await db.schema.dropTable('search_impacts_meta').execute();
  await db.schema.dropTable('search_impacts').execute();
}
