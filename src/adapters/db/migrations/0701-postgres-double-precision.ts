/**
 * 0701: fractional columns hold 8-byte floats on both engines. Kysely's portable `real` is an
 * 8-byte float on SQLite but a 4-byte one on PostgreSQL, where trending scores that differ in
 * the 8th digit came back equal (and ranked by id) and a subscription's 0.3 came back as
 * 0.30000001192092896. PostgreSQL's columns become `double precision`; nothing changes on SQLite.
 * New migrations use `double(db)` (engine.ts) for such columns instead of 'real'.
 */
import type { Kysely } from 'kysely';
import { postgresOnly } from './engine.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await postgresOnly(db, [
    // Through text, so a stored 0.3 stays 0.3 (the 4-byte float's shortest form), not
    // 0.30000001192092896 (its exact value as an 8-byte float).
    'ALTER TABLE paper_stats ALTER COLUMN score TYPE double precision USING score::text::double precision',
    `ALTER TABLE email_subscriptions ALTER COLUMN min_score TYPE double precision
       USING min_score::text::double precision`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await postgresOnly(db, [
    'ALTER TABLE paper_stats ALTER COLUMN score TYPE real',
    'ALTER TABLE email_subscriptions ALTER COLUMN min_score TYPE real',
  ]);
}
