/**
 * The digests' storage contract (DigestLedger, DeliveryOutcomes, BounceCounter, SendLock): a
 * digest exists once per subscription and period even when two planners record at once, passes
 * its commit point once, bounces disable an address once, and one sender holds the lock.
 */
import assert from 'node:assert/strict';
import { hostname } from 'node:os';
import { after, before, test } from 'node:test';
import type { Container } from '../../src/container.ts';
import type { Digest } from '../../src/core/digests/model.ts';
import type { TestContainer } from '../db.ts';
import { buildPaper } from '../factories.ts';
import { type ContractTarget, race } from './run-contract.ts';
import { subscription } from './subscriptions.contract.ts';

const NOW = new Date('2026-08-10T06:00:00Z');
let n = 0;
function digest(subscriptionId: string, address: string, overrides: Partial<Digest> = {}): Digest {
  n++;
  return {
    id: `g${String(n).padStart(4, '0')}`,
    subscriptionId,
    address,
    period: '2026-08-10',
    status: 'pending',
    windowFrom: '2026-08-09T06:00:00.000Z',
    windowTo: '2026-08-10T06:00:00.000Z',
    picks: [{ paperId: '2608.00001', score: 0.5 }],
    messageId: `m${n}@example.org`,
    attempts: 0,
    nextAttemptAt: '2026-08-10T06:00:00.000Z',
    lastError: null,
    createdAt: '2026-08-10T06:00:00.000Z',
    sentAt: null,
    confirmedAt: null,
    smtpResponse: null,
    ...overrides,
  };
}

export function digestsContract({ make }: ContractTarget): void {
  let c: TestContainer;
  let other: Container;
  before(async () => {
    c = await make();
    other = await c.openAgain();
    await c.papers.upsertMany(
      ['2608.00001', '2608.00002', '2608.00003'].map((id) => buildPaper({ id })),
    );
  });
  after(() => c.dispose());

  const subscribeOne = async (address: string) => {
    await c.subscriptions.ensureAddress(address, NOW);
    const s = subscription({ address });
    await c.subscriptions.create(s);
    return s;
  };
  const subscribe = async (address: string, count = 1) => {
    await c.subscriptions.ensureAddress(address, NOW);
    const subs = Array.from({ length: count }, () => subscription({ address }));
    for (const s of subs) await c.subscriptions.create(s);
    return subs;
  };

  test('a digest is recorded once per subscription and period, with its papers and the new cursor', async () => {
    const s = await subscribeOne('ledger@example.org');
    const d = digest(s.id, s.address, {
      picks: [
        { paperId: '2608.00001', score: 0.9 },
        { paperId: '2608.00002', score: 0.4 },
      ],
    });
    const ledger = c.digests;
    assert.equal(await ledger.record([{ digest: d, cursor: '2026-08-10T06:00:00.000Z' }]), 1);
    assert.equal(
      await ledger.record([{ digest: { ...d, id: `${d.id}-again` }, cursor: 'later' }]),
      0,
    );
    assert.deepEqual(await ledger.get(d.id), d);
    assert.equal(await ledger.get(`${d.id}-again`), null);
    assert.equal(
      (await c.subscriptions.get(s.id))?.cursor,
      '2026-08-10T06:00:00.000Z',
      'the cursor moved once',
    );
    assert.deepEqual(
      await ledger.existingKeys([
        { subscriptionId: s.id, period: '2026-08-10' },
        { subscriptionId: s.id, period: '2026-08-11' },
      ]),
      new Set([`${s.id}|2026-08-10`]),
    );
    assert.deepEqual(
      await ledger.sentPapers(
        ['ledger@example.org', 'other@example.org'],
        ['2608.00001', '2608.00002', '2608.00003'],
      ),
      new Map([['ledger@example.org', new Set(['2608.00001', '2608.00002'])]]),
    );
    assert.deepEqual(await ledger.sentPapers([], ['2608.00001']), new Map());
  });

  test('two planners recording the same digests at once: each digest exists once, counted once', async () => {
    const subs = await subscribe('planner@example.org', 10);
    const batch = (tag: string) =>
      subs.map((s) => ({
        digest: digest(s.id, s.address, { id: `${s.id}-${tag}`, period: '2026-08-12' }),
        cursor: `cursor-${tag}`,
      }));
    const recorded = await race([batch('a'), batch('b'), batch('c')], (b, i) =>
      (i === 1 ? other : c).digests.record(b),
    );
    assert.equal(
      recorded.reduce((x, y) => x + y, 0),
      10,
      `recorded ${recorded}`,
    );
    const keys = await c.digests.existingKeys(
      subs.map((s) => ({ subscriptionId: s.id, period: '2026-08-12' })),
    );
    assert.equal(keys.size, 10);
  });

  test('deliverable digests: pending, due, of active subscriptions confirmed before them and enabled addresses', async () => {
    const store = await make();
    try {
      const subs = store.subscriptions;
      for (const a of ['x@example.org', 'off@example.org']) await subs.ensureAddress(a, NOW);
      await subs.updateAddress('off@example.org', {
        disabledAt: NOW.toISOString(),
        bounceCount: 3,
      });
      const ok = subscription({ id: 'sub-ok', address: 'x@example.org', minScore: 0.25 });
      const late = subscription({
        id: 'sub-late',
        address: 'x@example.org',
        confirmedAt: '2026-08-11T00:00:00.000Z',
      });
      const gone = subscription({
        id: 'sub-gone',
        address: 'x@example.org',
        status: 'unsubscribed',
      });
      const off = subscription({ id: 'sub-off', address: 'off@example.org' });
      for (const s of [ok, late, gone, off]) await subs.create(s);
      const rows = [
        digest('sub-ok', 'x@example.org', { id: 'd2' }),
        digest('sub-ok', 'x@example.org', { id: 'd1', period: '2026-08-09' }),
        digest('sub-ok', 'x@example.org', {
          id: 'd3',
          period: '2026-08-08',
          nextAttemptAt: '2026-08-10T07:00:00.000Z',
        }),
        digest('sub-ok', 'x@example.org', { id: 'd4', period: '2026-08-07', status: 'sent' }),
        digest('sub-late', 'x@example.org', { id: 'd5' }),
        digest('sub-gone', 'x@example.org', { id: 'd6' }),
        digest('sub-off', 'off@example.org', { id: 'd7' }),
      ];
      await store.digests.record(rows.map((d) => ({ digest: d, cursor: null })));
      const ids = (r: { digest: Digest }[]) => r.map((x) => x.digest.id);
      const due = await store.digests.listDeliverable(NOW, null, 10);
      assert.deepEqual(ids(due), ['d1', 'd2']);
      assert.deepEqual(due[0]?.subscription, ok);
      assert.equal(due[0]?.addressBounces, 0);
      assert.deepEqual(ids(await store.digests.listDeliverable(NOW, 'd1', 10)), ['d2']);
      assert.deepEqual(ids(await store.digests.listDeliverable(NOW, null, 1)), ['d1']);
      assert.deepEqual(
        ids(
          await store.digests.listDeliverable(
            new Date('2026-08-10T07:00:00Z'),
            null,
            10,
            'x@example.org',
          ),
        ),
        ['d1', 'd2', 'd3'],
      );
      assert.deepEqual(await store.digests.countByStatus(), { pending: 6, sent: 1 });
      assert.equal(await store.digests.countUnconfirmed(), 1);
    } finally {
      await store.dispose();
    }
  });

  test('the commit point passes once, even when two senders race for it; outcomes are recorded', async () => {
    const s = await subscribeOne('outcome@example.org');
    const d = digest(s.id, s.address, { period: '2026-08-13' });
    await c.digests.record([{ digest: d, cursor: null }]);
    const outcomes = [c.digestDeps.outcomes, other.digestDeps.outcomes, c.digestDeps.outcomes];
    const results = await race(outcomes, (o) =>
      o.markSent(d.id, NOW).then(
        () => 'sent',
        () => 'refused',
      ),
    );
    assert.deepEqual(results.sort(), ['refused', 'refused', 'sent']);
    assert.equal((await c.digests.countUnconfirmed()) > 0, true);
    await c.digestDeps.outcomes.noteUnconfirmed(d.id, 'connection reset');
    assert.equal((await c.digests.get(d.id))?.lastError, 'unconfirmed: connection reset');
    await c.digestDeps.outcomes.markConfirmed(d.id, NOW, `250 ok ${'x'.repeat(600)}`);
    const confirmed = await c.digests.get(d.id);
    assert.deepEqual(
      [
        confirmed?.status,
        confirmed?.sentAt,
        confirmed?.confirmedAt,
        confirmed?.lastError,
        confirmed?.smtpResponse?.length,
      ],
      ['sent', NOW.toISOString(), NOW.toISOString(), null, 500],
    );

    const r = digest(s.id, s.address, { period: '2026-08-14' });
    await c.digests.record([{ digest: r, cursor: null }]);
    await c.digestDeps.outcomes.markSent(r.id, NOW);
    await c.digestDeps.outcomes.markRetry(r.id, '421 try later', new Date('2026-08-10T07:00:00Z'));
    let retried = await c.digests.get(r.id);
    assert.deepEqual(
      [retried?.status, retried?.sentAt, retried?.attempts, retried?.nextAttemptAt],
      ['pending', null, 1, '2026-08-10T07:00:00.000Z'],
    );
    await c.digestDeps.outcomes.markFailed(r.id, '550 no such user');
    retried = await c.digests.get(r.id);
    assert.deepEqual(
      [retried?.status, retried?.attempts, retried?.lastError],
      ['failed', 2, '550 no such user'],
    );
    await assert.rejects(c.digestDeps.outcomes.markSent(r.id, NOW), /no longer pending/);
  });

  test('bounces: counted exactly when they arrive at once; the address is disabled once, at the limit', async () => {
    await c.subscriptions.ensureAddress('bouncy@example.org', NOW);
    const bounces = [c.digestDeps.bounces, other.digestDeps.bounces] as const;
    const disabled = await race([0, 1, 2, 3, 4], (i) =>
      (i % 2 ? bounces[1] : bounces[0]).recordBounce('bouncy@example.org', `550 #${i}`, NOW, 3),
    );
    assert.equal(disabled.filter(Boolean).length, 1, 'disabled once');
    const row = await c.subscriptions.getAddress('bouncy@example.org');
    assert.deepEqual([row?.bounceCount, row?.disabledAt], [5, NOW.toISOString()]);
    await c.digestDeps.bounces.clearBounces('bouncy@example.org');
    assert.equal((await c.subscriptions.getAddress('bouncy@example.org'))?.bounceCount, 0);
  });

  test('the send lock has one holder at a time across processes; it expires, and a dead holder on this host loses it', async () => {
    const locks = [c.digestDeps.sendLock, other.digestDeps.sendLock] as const;
    const until = new Date(NOW.getTime() + 60_000);
    const me = (tag: string) => `${hostname()}:${process.pid}:${tag}`;
    const got = await race([0, 1, 2, 3], (i) =>
      (i % 2 ? locks[1] : locks[0]).acquire(me(`p${i}`), NOW, until),
    );
    assert.equal(got.filter(Boolean).length, 1);
    const holder = me(`p${got.indexOf(true)}`);
    assert.equal(await locks[1].acquire(me('late'), NOW, until), false);
    assert.equal(await locks[0].renew(holder, new Date(NOW.getTime() + 120_000)), true);
    assert.equal(await locks[0].renew(me('late'), until), false);
    assert.equal(await locks[1].acquire(holder, NOW, until), true, 'the holder may take it again');
    const afterExpiry = new Date(NOW.getTime() + 121_000);
    assert.equal(
      await locks[1].acquire(me('next'), afterExpiry, new Date(afterExpiry.getTime() + 60_000)),
      true,
    );
    await locks[0].release(holder);
    assert.equal(
      await locks[0].acquire(me('other'), afterExpiry, until),
      false,
      'release by a non-holder does nothing',
    );
    await locks[1].release(me('next'));
    assert.equal(await locks[0].acquire(`${hostname()}:999999999:dead`, NOW, until), true);
    assert.equal(
      await locks[1].acquire(me('alive'), NOW, until),
      true,
      'a holder whose process is gone loses the lock',
    );
    await locks[1].release(me('alive'));
  });
}
