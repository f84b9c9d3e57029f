/**
 * The instance's signing key when none is configured: generated once and kept in the settings
 * table, so CSRF tokens survive restarts and every process of one instance agrees on it.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

const KEY = 'instance.secret';

/** The stored secret, created on first call (a concurrent creator wins; both then read it). */
export async function loadOrCreateSecret(db: Kysely<Database>, now: string): Promise<string> {
  await db
    .insertInto('settings')
    .values({ key: KEY, value: randomBytes(32).toString('base64url'), updated_at: now })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', KEY)
    .executeTakeFirstOrThrow();
  return row.value;
}
