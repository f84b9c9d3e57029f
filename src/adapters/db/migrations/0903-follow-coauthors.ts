/**
 * 0903: an author follow can be of one person among several with the same name: the follow keeps
 * that person's co-authors (JSON array of names; null = any paper by the name, as before).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('reader_follows').addColumn('coauthors', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('reader_follows').dropColumn('coauthors').execute();
}
