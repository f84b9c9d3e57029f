/**
 * The instance's signing key when none is configured: generated once and kept in the settings
 * table, so CSRF tokens survive restarts and every process of one instance agrees on it.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { createError } from '../../core/errors.ts';
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

/**
 * The stored secret when the store is migrated, else null (`doctor`, `migrate` run before the
 * settings table exists; they make no links). Any other failure throws: signing with a stand-in
 * key would break every link already mailed once the real one is readable again.
 */
export async function loadSecretIfMigrated(
  db: Kysely<Database>,
  now: string,
): Promise<string | null> {
  const tables = await db.introspection.getTables();
  if (!tables.some((table) => table.name === 'settings')) return null;
  try {
    return await loadOrCreateSecret(db, now);
  } catch (cause) {
    const why = cause instanceof Error ? cause.message : String(cause);
    throw createError(
      'store_unavailable',
      `cannot read the instance secret that signs mailed links (${why}). Refusing to sign with a stand-in key, which would break every link already mailed: check the store with \`paperboy doctor\`, or set PAPERBOY_SECRET.`,
      { cause },
    );
  }
}
