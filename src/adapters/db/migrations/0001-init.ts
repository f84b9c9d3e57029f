/**
 * 0001: papers, their versions, the days they were featured, and a small key/value settings table.
 * Portable DDL (Kysely schema builder) so the PostgreSQL adapter runs the same migration.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('papers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('version', 'integer')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('abstract', 'text', (c) => c.notNull())
    .addColumn('authors', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('categories', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('primary_category', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('updated_at', 'text')
    .addColumn('doi', 'text')
    .addColumn('journal_ref', 'text')
    .addColumn('comments', 'text')
    .addColumn('code_url', 'text')
    .addColumn('project_url', 'text')
    .addColumn('github_stars', 'integer')
    .addColumn('submitted_by', 'text')
    .addColumn('upvotes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('comment_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('ai_summary', 'text')
    .addColumn('ai_keywords', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('organization', 'text')
    .addColumn('thumbnail_url', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('fetched_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('modified_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('papers_submitted_at').on('papers').column('submitted_at').execute();
  await db.schema
    .createIndex('papers_primary_category')
    .on('papers')
    .column('primary_category')
    .execute();

  await db.schema
    .createTable('paper_versions')
    .addColumn('paper_id', 'text', (c) => c.notNull().references('papers.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addPrimaryKeyConstraint('paper_versions_pk', ['paper_id', 'version'])
    .execute();

  await db.schema
    .createTable('featured_days')
    .addColumn('paper_id', 'text', (c) => c.notNull().references('papers.id').onDelete('cascade'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('rank', 'integer')
    .addPrimaryKeyConstraint('featured_days_pk', ['paper_id', 'day'])
    .execute();
  await db.schema
    .createIndex('featured_days_day')
    .on('featured_days')
    .columns(['day', 'paper_id'])
    .execute();

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['settings', 'featured_days', 'paper_versions', 'papers']) {
    await db.schema.dropTable(table).execute();
  }
}
