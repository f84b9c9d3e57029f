/**
 * API tokens over Kysely (table api_tokens, migration 0303): only hashes are stored.
 */
import type { Kysely, Selectable } from 'kysely';
import type { ApiToken, TokenScope } from '../../core/community/model.ts';
import type { ApiTokenRepo } from '../../core/community/ports.ts';
import { toUser } from './kysely-user-repo.ts';
import { toRow } from './row-mapping.ts';
import type { ApiTokensTable, Database } from './schema.ts';

function toToken(row: Selectable<ApiTokensTable>): ApiToken {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    scope: row.scope as TokenScope,
    hint: row.hint,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
  };
}

const toTokenRow = toRow<ApiTokensTable, ApiToken & { tokenHash: string }>();

export class KyselyApiTokenRepo implements ApiTokenRepo {
  constructor(private readonly db: Kysely<Database>) {}

  async create(token: ApiToken & { tokenHash: string }): Promise<void> {
    await this.db.insertInto('api_tokens').values(toTokenRow(token)).execute();
  }

  async listByUser(userId: string): Promise<ApiToken[]> {
    const rows = await this.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .execute();
    return rows.map(toToken);
  }

  async find(tokenHash: string) {
    const row = await this.db
      .selectFrom('api_tokens as t')
      .innerJoin('users as u', 'u.id', 't.user_id')
      .selectAll('u')
      .select([
        't.id as token_id',
        't.user_id',
        't.name',
        't.scope',
        't.token_hash',
        't.hint',
        't.created_at as token_created_at',
        't.last_used_at',
        't.expires_at',
        't.revoked_at',
      ])
      .where('t.token_hash', '=', tokenHash)
      .executeTakeFirst();
    if (!row) return null;
    const token = toToken({ ...row, id: row.token_id, created_at: row.token_created_at });
    return { token, user: toUser(row) };
  }

  async revoke(id: string, userId: string, at: string): Promise<boolean> {
    const result = await this.db
      .updateTable('api_tokens')
      .set({ revoked_at: at })
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async touch(id: string, at: string, since: string): Promise<void> {
    // Conditional, so a busy token costs one write a minute, not one per request.
    await this.db
      .updateTable('api_tokens')
      .set({ last_used_at: at })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', since)]))
      .execute();
  }
}
