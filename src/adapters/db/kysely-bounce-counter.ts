/**
 * Permanent delivery failures per address, over Kysely: counted, and the address disabled at the
 * limit; a delivery that succeeds starts the count again.
 */
import type { Kysely } from 'kysely';
import type { BounceCounter } from '../../core/digests/ports.ts';
import type { Database } from './schema.ts';

export class KyselyBounceCounter implements BounceCounter {
  constructor(private readonly db: Kysely<Database>) {}

  async recordBounce(address: string, error: string, now: Date, maxBounces: number) {
    await this.db
      .updateTable('email_addresses')
      .set((eb) => ({
        bounce_count: eb('bounce_count', '+', 1),
        last_bounce: error.slice(0, 2000),
      }))
      .where('address', '=', address)
      .execute();
    const result = await this.db
      .updateTable('email_addresses')
      .set({ disabled_at: now.toISOString() })
      .where('address', '=', address)
      .where('bounce_count', '>=', maxBounces)
      .where('disabled_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
  async clearBounces(address: string): Promise<void> {
    await this.db
      .updateTable('email_addresses')
      .set({ bounce_count: 0 })
      .where('address', '=', address)
      .where('bounce_count', '>', 0)
      .execute();
  }
}
