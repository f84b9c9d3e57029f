/**
 * The accounts' contract (UserRepo, SessionRepo, LoginTokenRepo): unique emails and handles,
 * admin search that ignores case and treats % and _ as text, live sessions only, and sign-in
 * tokens that work once even when requests race from two processes.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Container } from '../../src/container.ts';
import type { NewUser } from '../../src/core/community/ports.ts';
import { isAppError } from '../../src/core/errors.ts';
import type { TestContainer } from '../db.ts';
import { type ContractTarget, race } from './run-contract.ts';

let n = 0;
export function newUser(overrides: Partial<NewUser> = {}): NewUser {
  n++;
  return {
    id: `u${n}-${Math.random().toString(36).slice(2, 8)}`,
    email: `user${n}@example.org`,
    handle: `user-${n}`,
    displayName: `User ${n}`,
    role: 'reader',
    createdAt: `2026-08-01T00:00:${String(n % 60).padStart(2, '0')}Z`,
    ...overrides,
  };
}

export function accountsContract({ make }: ContractTarget): void {
  let c: TestContainer;
  let other: Container;
  before(async () => {
    c = await make();
    other = await c.openAgain();
  });
  after(() => c.dispose());

  test('users round-trip by id, email and handle; emails and handles are unique', async () => {
    const { users } = c.community;
    const ada = await users.create(
      newUser({ email: 'ada@example.org', handle: 'ada', role: 'admin' }),
    );
    assert.deepEqual(ada, {
      id: ada.id,
      email: 'ada@example.org',
      handle: 'ada',
      displayName: ada.displayName,
      role: 'admin',
      bannedAt: null,
      banReason: null,
      createdAt: ada.createdAt,
      hasPassword: false,
    });
    assert.deepEqual(await users.getByEmail('ada@example.org'), ada);
    assert.deepEqual(await users.getByHandle('ada'), ada);
    assert.equal(await users.get('nobody'), null);
    for (const clash of [{ email: 'ada@example.org' }, { handle: 'ada' }]) {
      await assert.rejects(users.create(newUser(clash)), (e) => isAppError(e, 'conflict'));
    }
    const bob = await users.create(newUser({ handle: 'bob' }));
    await assert.rejects(users.update(bob.id, { handle: 'ada' }), (e) => isAppError(e, 'conflict'));
    await assert.rejects(users.update('nobody', { displayName: 'x' }), (e) =>
      isAppError(e, 'not_found'),
    );
    const banned = await users.update(bob.id, {
      bannedAt: '2026-08-02T00:00:00Z',
      banReason: 'spam',
      passwordHash: 'scrypt$x',
    });
    assert.deepEqual(
      [banned.bannedAt, banned.banReason, banned.hasPassword],
      ['2026-08-02T00:00:00Z', 'spam', true],
    );
    assert.equal(await users.passwordHash(bob.id), 'scrypt$x');
    const unbanned = await users.update(bob.id, {
      bannedAt: null,
      banReason: null,
      passwordHash: null,
    });
    assert.deepEqual([unbanned.bannedAt, unbanned.hasPassword], [null, false]);
    assert.equal(typeof (await users.count()), 'number');
  });

  test('two sign-ups with one email at once: one account, one conflict', async () => {
    const results = await race([c, other], (k, i) =>
      k.community.users.create(newUser({ email: 'twice@example.org', handle: `twice-${i}` })).then(
        () => 'created',
        (e) => (isAppError(e, 'conflict') ? 'conflict' : String(e)),
      ),
    );
    assert.deepEqual(results.sort(), ['conflict', 'created']);
  });

  test('admin search matches email or handle regardless of case, newest first; % and _ are plain text', async () => {
    const store = await make();
    try {
      const { users } = store.community;
      await users.create(
        newUser({
          email: 'grace.hopper@navy.example',
          handle: 'grace',
          createdAt: '2026-01-01T00:00:00Z',
        }),
      );
      await users.create(
        newUser({
          email: 'ada_l@example.org',
          handle: 'countess',
          createdAt: '2026-02-01T00:00:00Z',
        }),
      );
      await users.create(
        newUser({
          email: 'adal@example.org',
          handle: 'not-her',
          createdAt: '2026-03-01T00:00:00Z',
        }),
      );
      await users.create(
        newUser({
          email: 'x@example.org',
          handle: 'hopper-fan',
          createdAt: '2026-04-01T00:00:00Z',
        }),
      );
      const handles = async (q: string) => (await users.search(q, 10)).map((u) => u.handle);
      assert.deepEqual(await handles('HOPPER'), ['hopper-fan', 'grace']);
      assert.deepEqual(await handles('Ada_'), ['countess'], '_ is not a wildcard');
      assert.deepEqual(await handles('ada'), ['not-her', 'countess']);
      assert.deepEqual(await handles('%'), []);
      assert.deepEqual(await handles('COUNT'), ['countess']);
      assert.deepEqual((await users.search('example', 2)).length, 2);
    } finally {
      await store.dispose();
    }
  });

  test('sessions: found while live, ended one by one or all at once, expired ones purged', async () => {
    const { users, sessions } = c.community;
    const u = await users.create(newUser());
    const s = (idHash: string, expiresAt: string) =>
      sessions.create({ idHash, userId: u.id, createdAt: '2026-08-01T00:00:00Z', expiresAt });
    await s(`${u.id}-a`, '2026-09-01T00:00:00Z');
    await s(`${u.id}-b`, '2026-09-02T00:00:00Z');
    await s(`${u.id}-old`, '2026-08-10T00:00:00Z');
    const now = '2026-08-20T00:00:00Z';
    assert.equal((await sessions.find(`${u.id}-a`, now))?.id, u.id);
    assert.equal(await sessions.find(`${u.id}-old`, now), null, 'expired');
    assert.equal(
      await sessions.find(`${u.id}-a`, '2026-09-01T00:00:00Z'),
      null,
      'expires at its instant',
    );
    assert.equal(await sessions.count(u.id, now), 2);
    await sessions.delete(`${u.id}-a`);
    assert.equal(await sessions.find(`${u.id}-a`, now), null);
    assert.ok((await sessions.purgeExpired(now)) >= 1);
    assert.equal(await sessions.deleteAllFor(u.id), 1);
    assert.equal(await sessions.count(u.id, now), 0);
  });

  test('a sign-in token works once, even when five requests in two processes race for it', async () => {
    const { loginTokens } = c.community;
    const make = (tokenHash: string, email: string, createdAt: string, expiresAt: string) =>
      loginTokens.create({ tokenHash, email, createdAt, expiresAt });
    await make('tok-race', 'racer@example.org', '2026-08-20T00:00:00Z', '2026-08-20T00:15:00Z');
    const now = '2026-08-20T00:05:00Z';
    assert.equal(await loginTokens.peek('tok-race', now), 'racer@example.org');
    assert.equal(
      await loginTokens.peek('tok-race', now),
      'racer@example.org',
      'peeking uses nothing',
    );
    const got = await race([c, other, c, other, c], (k) =>
      k.community.loginTokens.consume('tok-race', now),
    );
    assert.deepEqual(
      got.filter((e) => e !== null),
      ['racer@example.org'],
    );
    assert.equal(await loginTokens.peek('tok-race', now), null);
    await make('tok-late', 'racer@example.org', '2026-08-20T00:00:00Z', '2026-08-20T00:15:00Z');
    assert.equal(await loginTokens.consume('tok-late', '2026-08-20T00:15:00Z'), null, 'expired');
    assert.equal(await loginTokens.consume('tok-none', now), null);
    assert.equal(await loginTokens.countSince('racer@example.org', '2026-08-19T00:00:00Z'), 2);
    assert.equal(await loginTokens.countSince('racer@example.org', '2026-08-21T00:00:00Z'), 0);
    assert.equal(await loginTokens.purgeBefore('2026-08-21T00:00:00Z'), 2);
  });
}
