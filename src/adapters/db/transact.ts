/**
 * Write transactions that behave alike on both engines. SQLite serialises writers (the gate's
 * BEGIN IMMEDIATE), so a transaction's reads and writes see no one else's. PostgreSQL lets
 * transactions run side by side, so each transaction says how it stays correct there:
 * - by default SERIALIZABLE: the outcome is that of some one-at-a-time order, and a transaction
 *   PostgreSQL refuses for it (serialization failure, deadlock) is run again — `fn` must touch
 *   nothing but the database, so running it twice is harmless;
 * - with `lockKeys` (hot rows many writers touch at once, such as one paper's vote count):
 *   READ COMMITTED after taking a transaction-scoped advisory lock per key, so writers of one key
 *   queue behind each other and each statement sees what the previous writer committed — the
 *   one-at-a-time order without retry storms.
 */
import { type Kysely, PostgresAdapter, sql, type Transaction } from 'kysely';
import type { Database } from './schema.ts';

/** How long conflicting transactions are retried before the conflict is reported, ms. */
const RETRY_FOR_MS = 30_000;

export interface TransactOptions {
  /** Keys of the hot rows this transaction serialises on (PostgreSQL; SQLite is serial anyway). */
  lockKeys?: string[];
}

export async function transact<T>(
  db: Kysely<Database>,
  fn: (trx: Transaction<Database>) => Promise<T>,
  options: TransactOptions = {},
): Promise<T> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) {
    return db.transaction().execute(fn);
  }
  const keys = [...new Set(options.lockKeys ?? [])].sort();
  const deadline = Date.now() + RETRY_FOR_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      if (keys.length === 0) {
        return await db.transaction().setIsolationLevel('serializable').execute(fn);
      }
      return await db.transaction().execute(async (trx) => {
        // Sorted, so two transactions with overlapping keys never wait on each other in a cycle.
        for (const key of keys)
          await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(trx);
        return fn(trx);
      });
    } catch (error) {
      if (!isConflict(error) || Date.now() > deadline) throw error;
      // Back off with jitter, so the transactions that collided do not collide again.
      const pause = Math.random() * Math.min(1000, 5 * 2 ** Math.min(attempt, 8));
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}

/** PostgreSQL's serialization failure (40001) and deadlock (40P01). */
function isConflict(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '40001' || code === '40P01';
}
