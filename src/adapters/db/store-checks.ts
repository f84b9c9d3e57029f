/**
 * Checks both engines make for `paperboy doctor` and /healthz: migrations, and a trivial query.
 */
import { type Kysely, sql } from 'kysely';
import type { Check } from '../../core/store/ports.ts';
import { migrationStatus } from './migrate.ts';
import type { Database } from './schema.ts';

/** Runs `fn` as a named check: its result is the detail; an error is the failure's detail. */
export async function check(name: string, fn: () => Promise<string>): Promise<Check> {
  try {
    return { name, ok: true, detail: await fn() };
  } catch (error) {
    return { name, ok: false, detail: error instanceof Error ? error.message : String(error) };
  }
}

export function migrationsCheck(db: Kysely<Database>): Promise<Check> {
  return check('migrations', async () => {
    const { executed, pending } = await migrationStatus(db);
    if (pending.length > 0) {
      throw new Error(
        `${pending.length} pending (${pending.join(', ')}); run \`paperboy migrate\``,
      );
    }
    return `${executed.length} applied, none pending`;
  });
}

/** True when the store answers a trivial query. */
export async function ping(db: Kysely<Database>): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
