/**
 * 0901: what each reader teaches For you — papers they imported (BibTeX/RIS/CSL-JSON), their
 * "more like this" / "not interested" marks, the authors and topics they follow, and their
 * settings (stated interests, alert include/exclude terms, relevance threshold). All private.
 */
import { type Kysely, sql } from 'kysely';
import { double } from './engine.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('reader_library')
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('paper_id', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('reader_library_pk', ['user_id', 'paper_id'])
    .execute();
  await db.schema
    .createTable('reader_feedback')
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('paper_id', 'text', (c) => c.notNull())
    .addColumn('signal', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('reader_feedback_pk', ['user_id', 'paper_id'])
    .execute();
  await db.schema
    .createTable('reader_follows')
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('reader_follows_pk', ['user_id', 'kind', 'value'])
    .execute();
  await db.schema
    .createTable('reader_settings')
    .addColumn('user_id', 'text', (c) => c.primaryKey())
    .addColumn('interests', 'text', (c) => c.notNull())
    .addColumn('include_terms', 'text', (c) => c.notNull())
    .addColumn('exclude_terms', 'text', (c) => c.notNull())
    .addColumn('threshold', double(db), (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // Library imports match by DOI and by exact title, both case-folded.
  await db.schema
    .createIndex('papers_doi_lower')
    .on('papers')
    .expression(sql`lower(doi)`)
    .execute();
  await db.schema
    .createIndex('papers_title_lower')
    .on('papers')
    .expression(sql`lower(title)`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('papers_doi_lower').execute();
  await db.schema.dropIndex('papers_title_lower').execute();
  for (const t of ['reader_settings', 'reader_follows', 'reader_feedback', 'reader_library']) {
    await db.schema.dropTable(t).execute();
  }
}
