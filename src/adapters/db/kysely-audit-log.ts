/**
 * The moderators' audit log over Kysely.
 */
import type { Kysely } from 'kysely';
import type { AuditEntry } from '../../core/community/model.ts';
import type { AuditLog } from '../../core/community/ports.ts';
import { newId } from '../../core/community/secrets.ts';
import type { Database } from './schema.ts';

export class KyselyAuditLog implements AuditLog {
  constructor(private readonly db: Kysely<Database>) {}

  async record(e: Omit<AuditEntry, 'actor' | 'id'> & { actorId: string }) {
    await this.db
      .insertInto('audit_log')
      .values({
        id: newId(),
        actor_id: e.actorId,
        action: e.action,
        target_type: e.targetType,
        target_id: e.targetId,
        detail: e.detail,
        created_at: e.createdAt,
      })
      .execute();
  }

  async recent(limit: number): Promise<AuditEntry[]> {
    const rows = await this.db
      .selectFrom('audit_log as a')
      .leftJoin('users as u', 'u.id', 'a.actor_id')
      .selectAll('a')
      .select(['u.handle', 'u.display_name'])
      .orderBy('a.created_at', 'desc')
      .orderBy('a.id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      actor: r.handle
        ? { id: r.actor_id, handle: r.handle, displayName: r.display_name ?? r.handle }
        : null,
      action: r.action,
      targetType: r.target_type as AuditEntry['targetType'],
      targetId: r.target_id,
      detail: r.detail,
      createdAt: r.created_at,
    }));
  }
}
