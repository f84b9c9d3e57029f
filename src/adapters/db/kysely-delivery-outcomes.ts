/**
 * What became of each delivery, over Kysely. `markSent` is the commit point: a conditional update
 * from pending, so it can pass only once. On SQLite it commits within the call when nobody holds
 * the connection, so the caller's end-of-data marker follows the commit with no I/O between.
 */
import type { Kysely } from 'kysely';
import type { DeliveryOutcomes } from '../../core/digests/ports.ts';
import type { Database } from './schema.ts';
import type { SqliteGate } from './sqlite/sqlite-gate.ts';

export class KyselyDeliveryOutcomes implements DeliveryOutcomes {
  /**
   * `gate`: the embedded store's gate, when the store is SQLite, for the synchronous commit
   * point (see markSent).
   */
  constructor(
    private readonly db: Kysely<Database>,
    private readonly gate?: SqliteGate,
  ) {}

  async markSent(id: string, now: Date): Promise<void> {
    const at = now.toISOString();
    if (this.gate) {
      const sql =
        "UPDATE email_digests SET status = 'sent', sent_at = ? WHERE id = ? AND status = 'pending'";
      const prepared = this.gate.statements();
      const changes = await this.gate.now(() => prepared(sql).run(at, id).changes);
      if (changes !== 1) throw notPending(id);
      return;
    }
    const result = await this.db
      .updateTable('email_digests')
      .set({ status: 'sent', sent_at: at })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw notPending(id);
  }

  async markConfirmed(id: string, now: Date, response: string): Promise<void> {
    await this.db
      .updateTable('email_digests')
      .set({
        confirmed_at: now.toISOString(),
        smtp_response: response.slice(0, 500),
        last_error: null,
      })
      .where('id', '=', id)
      .execute();
  }

  async markRetry(id: string, error: string, nextAttemptAt: Date): Promise<void> {
    await this.db
      .updateTable('email_digests')
      .set((eb) => ({
        status: 'pending',
        sent_at: null,
        attempts: eb('attempts', '+', 1),
        last_error: error.slice(0, 2000),
        next_attempt_at: nextAttemptAt.toISOString(),
      }))
      .where('id', '=', id)
      .execute();
  }
  async markFailed(id: string, error: string): Promise<void> {
    await this.db
      .updateTable('email_digests')
      .set((eb) => ({
        status: 'failed',
        attempts: eb('attempts', '+', 1),
        last_error: error.slice(0, 2000),
      }))
      .where('id', '=', id)
      .execute();
  }
  async noteUnconfirmed(id: string, error: string): Promise<void> {
    await this.db
      .updateTable('email_digests')
      .set({ last_error: `unconfirmed: ${error}`.slice(0, 2000) })
      .where('id', '=', id)
      .execute();
  }
}

function notPending(id: string): Error {
  return new Error(`digest ${id} is no longer pending; not sending it again`);
}
