/**
 * The digest send lock over Kysely: one planner/sender at a time across processes and machines,
 * a row with an owner and an expiry; a holder that died on this host is taken over at once.
 */
import type { Kysely } from 'kysely';
import type { SendLock } from '../../core/digests/ports.ts';
import { holderMayBeAlive } from './lease-holder.ts';
import type { Database } from './schema.ts';

const LOCK = 'digests:send';

export class KyselySendLock implements SendLock {
  constructor(private readonly db: Kysely<Database>) {}

  async acquire(owner: string, now: Date, until: Date): Promise<boolean> {
    const inserted = await this.db
      .insertInto('email_locks')
      .values({ name: LOCK, owner, until: until.toISOString() })
      .onConflict((oc) => oc.column('name').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return true;
    const row = await this.db
      .selectFrom('email_locks')
      .selectAll()
      .where('name', '=', LOCK)
      .executeTakeFirst();
    if (!row) return this.acquire(owner, now, until);
    const free =
      row.owner === owner || row.until < now.toISOString() || !holderMayBeAlive(row.owner);
    if (!free) return false;
    const taken = await this.db
      .updateTable('email_locks')
      .set({ owner, until: until.toISOString() })
      .where('name', '=', LOCK)
      .where('owner', '=', row.owner)
      .where('until', '=', row.until)
      .executeTakeFirst();
    return Number(taken.numUpdatedRows) === 1;
  }
  async renew(owner: string, until: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('email_locks')
      .set({ until: until.toISOString() })
      .where('name', '=', LOCK)
      .where('owner', '=', owner)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
  async release(owner: string): Promise<void> {
    await this.db
      .deleteFrom('email_locks')
      .where('name', '=', LOCK)
      .where('owner', '=', owner)
      .execute();
  }
}
