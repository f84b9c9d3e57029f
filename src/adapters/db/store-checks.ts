/**
 * Health checks of the store for `paperboy doctor` and /healthz: reachable, FTS5 compiled in,
 * migrations applied.
 */
import { sql } from 'kysely';
import type { Store } from './connect.ts';
import { migrationStatus } from './migrate.ts';

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

/** Runs each store check; never throws (a failing check says why). */
export async function checkStore(store: Store): Promise<Check[]> {
  const checks: Check[] = [];
  const run = async (name: string, fn: () => Promise<string>) => {
    try {
      checks.push({ name, ok: true, detail: await fn() });
    } catch (error) {
      checks.push({
        name,
        ok: false,
        detail: error instanceof Error ? error.message : String(error),
      });
    }
  };
  await run('store', async () => {
    const row = await sql<{ v: string }>`select sqlite_version() as v`.execute(store.db);
    return `SQLite ${row.rows[0]?.v} at ${store.path}`;
  });
  await run('fts5', async () => {
    const ok = store.sqlite
      .prepare("select sqlite_compileoption_used('ENABLE_FTS5') as on_")
      .get() as {
      on_: number;
    };
    if (!ok.on_) throw new Error('SQLite was built without FTS5; reinstall better-sqlite3');
    return 'FTS5 available';
  });
  await run('migrations', async () => {
    const { executed, pending } = await migrationStatus(store.db);
    if (pending.length > 0) {
      throw new Error(
        `${pending.length} pending (${pending.join(', ')}); run \`paperboy migrate\``,
      );
    }
    return `${executed.length} applied, none pending`;
  });
  return checks;
}

/** True when the store answers a trivial query (for /healthz). */
export async function pingStore(store: Store): Promise<boolean> {
  try {
    await sql`select 1`.execute(store.db);
    return true;
  } catch {
    return false;
  }
}
