/**
 * API tokens against a real store on both engines: created hashed and shown once, listed with
 * their last use, revoked and expired tokens refused with a reason, scopes enforced.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestContainer } from '../../../test/db.ts';
import { engines } from '../../../test/engines.ts';
import { fixedClock } from '../clock.ts';
import { isAppError } from '../errors.ts';
import {
  assertScope,
  authenticateApiToken,
  createApiToken,
  listApiTokens,
  MAX_TOKENS,
  revokeApiToken,
} from './api-tokens.ts';
import { hashToken } from './secrets.ts';

for (const engine of await engines()) {
  test(`API tokens on ${engine.name}`, { skip: engine.skip }, async () => {
    const clock = fixedClock('2026-08-22T12:00:00Z');
    const c = await createTestContainer({ engine: engine.name, clock });
    try {
      const ctx = c.community;
      const user = await ctx.users.create({
        id: 'u1',
        email: 'ada@example.org',
        handle: 'ada',
        displayName: 'Ada',
        role: 'reader',
        createdAt: '2026-08-01T00:00:00Z',
      });
      const other = await ctx.users.create({
        id: 'u2',
        email: 'bob@example.org',
        handle: 'bob',
        displayName: 'Bob',
        role: 'reader',
        createdAt: '2026-08-01T00:00:00Z',
      });

      const { token, secret } = await createApiToken(ctx, user, {
        name: '  laptop   scripts ',
        scope: 'write',
      });
      assert.match(secret, /^pb_[\w-]{43}$/);
      assert.equal(token.name, 'laptop scripts');
      assert.equal(token.hint, secret.slice(0, 7));
      const stored = await c.community.apiTokens.find(hashToken(secret));
      assert.equal(stored?.token.id, token.id, 'found by its hash');
      const raw = JSON.stringify(await ctx.apiTokens.listByUser(user.id));
      assert.ok(!raw.includes(secret.slice(7)), 'the secret is not stored or listed');

      // Use: resolves the owner and records the last use, at most once a minute.
      const auth = await authenticateApiToken(ctx, secret);
      assert.equal(auth.user.id, user.id);
      assert.equal(auth.token.scope, 'write');
      clock.advance(30_000);
      await authenticateApiToken(ctx, secret);
      let [listed] = await listApiTokens(ctx, user);
      assert.equal(listed?.lastUsedAt, '2026-08-22T12:00:00.000Z');
      clock.advance(60_000);
      await authenticateApiToken(ctx, secret);
      [listed] = await listApiTokens(ctx, user);
      assert.equal(listed?.lastUsedAt, '2026-08-22T12:01:30.000Z');

      // Unknown, mistyped, absurdly long: refused with a reason.
      for (const bad of [`${secret}x`, 'pb_nope', `pb_${'a'.repeat(5000)}`]) {
        await assert.rejects(authenticateApiToken(ctx, bad), (e) => isAppError(e, 'token_invalid'));
      }

      // Scopes: a read token reads, only a write token writes.
      const reader = await createApiToken(ctx, user, { name: 'ci', scope: 'read' });
      assert.equal((await authenticateApiToken(ctx, reader.secret)).token.scope, 'read');
      assert.throws(
        () => assertScope('read', 'write'),
        (e) => isAppError(e, 'token_scope'),
      );
      assert.doesNotThrow(() => assertScope('write', 'read'));

      // Revoking: only the owner, once; the token stops working at once.
      await assert.rejects(revokeApiToken(ctx, other, token.id), (e) => isAppError(e, 'not_found'));
      await revokeApiToken(ctx, user, token.id);
      await assert.rejects(revokeApiToken(ctx, user, token.id), (e) => isAppError(e, 'not_found'));
      await assert.rejects(
        authenticateApiToken(ctx, secret),
        (e) => isAppError(e, 'token_invalid') && /revoked on 2026-08-22/.test(e.message),
      );

      // Expiry.
      const short = await createApiToken(ctx, user, {
        name: 'short',
        scope: 'read',
        expiresInDays: 1,
      });
      await authenticateApiToken(ctx, short.secret);
      clock.advance(86_400_000);
      await assert.rejects(
        authenticateApiToken(ctx, short.secret),
        (e) => isAppError(e, 'token_invalid') && /expired on 2026-08-23/.test(e.message),
      );

      // Bad input and abuse.
      for (const input of [
        { name: '', scope: 'read' },
        { name: 'x'.repeat(61), scope: 'read' },
        { name: 'ok', scope: 'admin' },
        { name: 'ok', scope: 'read', expiresInDays: -1 },
        { name: 'ok', scope: 'read', expiresInDays: 10_000 },
      ]) {
        await assert.rejects(createApiToken(ctx, user, input), (e) =>
          isAppError(e, 'invalid_input'),
        );
      }
      await assert.rejects(createApiToken(ctx, null, { name: 'x', scope: 'read' }), (e) =>
        isAppError(e, 'unauthorized'),
      );
      const live = (await listApiTokens(ctx, user)).filter((t) => !t.revokedAt && !t.expiresAt);
      for (let i = live.length; i < MAX_TOKENS; i++) {
        await createApiToken(ctx, other, { name: `t${i}`, scope: 'read' });
        await createApiToken(ctx, user, { name: `t${i}`, scope: 'read' });
      }
      await assert.rejects(createApiToken(ctx, user, { name: 'one more', scope: 'read' }), (e) =>
        isAppError(e, 'conflict'),
      );
      assert.equal((await listApiTokens(ctx, other)).length, MAX_TOKENS - live.length);
    } finally {
      await c.dispose();
    }
  });
}
