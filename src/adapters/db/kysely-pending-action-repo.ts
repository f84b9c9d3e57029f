/**
 * Pending actions over Kysely (table pending_actions, migration 0801): one row per interrupted
 * reader, the action's fields as JSON.
 */
import type { Kysely } from 'kysely';
import type { PendingAction, PendingActionRepo } from '../../core/community/ports.ts';
import type { Database } from './schema.ts';

export class KyselyPendingActionRepo implements PendingActionRepo {
  constructor(private readonly db: Kysely<Database>) {}

  async put(tokenHash: string, action: PendingAction, createdAt: string): Promise<void> {
    const { kind, next, ...fields } = action;
    const row = {
      kind,
      next,
      paper_id: 'paperId' in fields ? fields.paperId : null,
      payload: JSON.stringify(fields),
      created_at: createdAt,
    };
    await this.db
      .insertInto('pending_actions')
      .values({ token_hash: tokenHash, ...row })
      .onConflict((oc) => oc.column('token_hash').doUpdateSet(row))
      .execute();
  }

  async get(tokenHash: string, since: string): Promise<PendingAction | null> {
    const row = await this.db
      .selectFrom('pending_actions')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .where('created_at', '>=', since)
      .executeTakeFirst();
    if (!row) return null;
    return { ...JSON.parse(row.payload), kind: row.kind, next: row.next } as PendingAction;
  }

  async delete(tokenHash: string): Promise<void> {
    await this.db.deleteFrom('pending_actions').where('token_hash', '=', tokenHash).execute();
  }

  async purgeBefore(before: string): Promise<number> {
    const result = await this.db
      .deleteFrom('pending_actions')
      .where('created_at', '<', before)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
