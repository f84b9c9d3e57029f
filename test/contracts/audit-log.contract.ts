/**
 * The AuditLog contract: every moderator action is kept, newest first, with its actor when the
 * actor's account still exists.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newUser } from './accounts.contract.ts';
import type { ContractTarget } from './run-contract.ts';

export function auditLogContract({ make }: ContractTarget): void {
  test('entries come back newest first, at most `limit`, with their actor', async () => {
    const c = await make();
    try {
      const mod = await c.community.users.create(
        newUser({ handle: 'the-mod', displayName: 'Mod', role: 'moderator' }),
      );
      const { audit } = c.community;
      const entry = (action: string, createdAt: string, actorId = mod.id) =>
        audit.record({
          actorId,
          action,
          targetType: 'comment',
          targetId: 'c1',
          detail: `${action} detail`,
          createdAt,
        });
      await entry('comment.hide', '2026-08-01T00:00:00Z');
      await entry('comment.show', '2026-08-03T00:00:00Z');
      await entry('user.ban', '2026-08-02T00:00:00Z', 'gone-user');
      const recent = await audit.recent(10);
      assert.deepEqual(
        recent.map((e) => [e.action, e.actor?.handle ?? null, e.detail, e.createdAt]),
        [
          ['comment.show', 'the-mod', 'comment.show detail', '2026-08-03T00:00:00Z'],
          ['user.ban', null, 'user.ban detail', '2026-08-02T00:00:00Z'],
          ['comment.hide', 'the-mod', 'comment.hide detail', '2026-08-01T00:00:00Z'],
        ],
      );
      assert.deepEqual(recent[0]?.actor, { id: mod.id, handle: 'the-mod', displayName: 'Mod' });
      assert.equal(new Set(recent.map((e) => e.id)).size, 3);
      assert.deepEqual(
        (await audit.recent(2)).map((e) => e.action),
        ['comment.show', 'user.ban'],
      );
    } finally {
      await c.dispose();
    }
  });
}
