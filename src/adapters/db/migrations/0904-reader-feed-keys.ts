/**
 * 0904: a reader's private For-you feed URL can be revoked: the feed key is an HMAC over the
 * reader's id and this generation (core/recs/feed-key.ts). No row = generation 0 = the URLs
 * given out before this migration, which keep working.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('reader_feed_keys')
    .addColumn('user_id', 'text', (c) => c.primaryKey())
    .addColumn('generation', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('reader_feed_keys').execute();
}
