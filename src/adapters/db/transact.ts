/**
 * Write transactions that behave alike on both engines. SQLite serialises writers (the gate's
 * BEGIN IMMEDIATE), so a transaction's reads and writes see no one else's. PostgreSQL lets
 * transactions run side by side: SERIALIZABLE makes the outcome the same as some one-at-a-time
 * order, and a transaction PostgreSQL refuses for it (serialization failure, deadlock) is run
 * again — `fn` must touch nothing but the database, so running it twice is harmless.
 */
import { type Kysely, PostgresAdapter, type Transaction } from 'kysely';
import type { Database } from './schema.ts';

/** Attempts before a conflict is reported as an error. */
const MAX_ATTEMPTS = 12;

export async function transact<T>(
  db: Kysely<Database>,
  fn: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) {
    return db.transaction().execute(fn);
  }
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().setIsolationLevel('serializable').execute(fn);
    } catch (error) {
      if (!isConflict(error) || attempt >= MAX_ATTEMPTS) throw error;
      // Back off a little, with jitter, so the transactions that collided do not collide again.
      const pause = Math.random() * Math.min(100, 2 ** attempt);
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}

/** PostgreSQL's serialization failure (40001) and deadlock (40P01). */
function isConflict(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '40001' || code === '40P01';
}
