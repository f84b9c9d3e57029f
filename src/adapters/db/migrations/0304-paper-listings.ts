/**
 * 0304: how a daily-papers source listed each paper (Hugging Face's discussion id, submitter and
 * organisation accounts, per-author ids and claims, media, listing time), and when each featured
 * day's entry was posted — what the Hugging Face-compatible API answers with.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('paper_listings')
    .addColumn('paper_id', 'text', (c) =>
      c.primaryKey().references('papers.id').onDelete('cascade'),
    )
    .addColumn('listed_at', 'text')
    .addColumn('discussion_id', 'text')
    .addColumn('submitter', 'text')
    .addColumn('organization', 'text')
    .addColumn('authors', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('media_urls', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('author_participating', 'integer')
    .addColumn('github_repo_added_by', 'text')
    .addColumn('ai_summary_model', 'text')
    .execute();
  await db.schema.alterTable('featured_days').addColumn('featured_at', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('featured_days').dropColumn('featured_at').execute();
  await db.schema.dropTable('paper_listings').execute();
}
