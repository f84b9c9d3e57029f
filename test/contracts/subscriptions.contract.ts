/**
 * The SubscriptionRepo contract: addresses (created once, also when two processes ask at once),
 * subscriptions as stored — fractional minimum scores included — one per address, kind and
 * query, and the deliverable ones page by page.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Container } from '../../src/container.ts';
import type { Subscription } from '../../src/core/digests/model.ts';
import type { TestContainer } from '../db.ts';
import { type ContractTarget, race } from './run-contract.ts';

let n = 0;
export function subscription(overrides: Partial<Subscription> = {}): Subscription {
  n++;
  return {
    id: `s${String(n).padStart(4, '0')}`,
    address: 'reader@example.org',
    kind: 'search',
    cadence: 'daily',
    query: `q=topic+${n}`,
    timeZone: 'Europe/Berlin',
    status: 'active',
    minScore: null,
    userId: null,
    createdAt: `2026-08-01T00:00:${String(n % 60).padStart(2, '0')}.000Z`,
    confirmedAt: '2026-08-01T00:00:00.000Z',
    unsubscribedAt: null,
    cursor: null,
    includeTerms: '',
    excludeTerms: '',
    ...overrides,
  };
}

export function subscriptionsContract({ make }: ContractTarget): void {
  let c: TestContainer;
  let other: Container;
  before(async () => {
    c = await make();
    other = await c.openAgain();
  });
  after(() => c.dispose());

  test('an address is created once, also when two processes ensure it at once; its fields update', async () => {
    const now = new Date('2026-08-01T00:00:00Z');
    const rows = await race([c, other, c, other], (k) =>
      k.subscriptions.ensureAddress('race@example.org', now),
    );
    assert.ok(rows.every((r) => r.createdAt === now.toISOString()));
    assert.deepEqual(rows[0], {
      address: 'race@example.org',
      verifiedAt: null,
      disabledAt: null,
      bounceCount: 0,
      lastBounce: null,
      confirmationsSent: 0,
      lastConfirmationAt: null,
      createdAt: '2026-08-01T00:00:00.000Z',
    });
    await c.subscriptions.updateAddress('race@example.org', {
      verifiedAt: '2026-08-02T00:00:00.000Z',
      confirmationsSent: 2,
      lastConfirmationAt: '2026-08-02T00:00:00.000Z',
    });
    const row = await c.subscriptions.getAddress('race@example.org');
    assert.deepEqual([row?.verifiedAt, row?.confirmationsSent], ['2026-08-02T00:00:00.000Z', 2]);
    await c.subscriptions.updateAddress('race@example.org', { verifiedAt: null });
    assert.equal((await c.subscriptions.getAddress('race@example.org'))?.verifiedAt, null);
    assert.equal(await c.subscriptions.getAddress('nobody@example.org'), null);
  });

  test('subscriptions round-trip exactly (0.3 stays 0.3); one per address, kind and query', async () => {
    await c.subscriptions.ensureAddress('reader@example.org', new Date('2026-08-01T00:00:00Z'));
    const s = subscription({ minScore: 0.3, cursor: '2026-08-01T06:00:00.000Z', userId: null });
    await c.subscriptions.create(s);
    assert.deepEqual(await c.subscriptions.get(s.id), s);
    assert.deepEqual(await c.subscriptions.find(s.address, 'search', s.query), s);
    assert.equal(await c.subscriptions.find(s.address, 'search', s.query.toUpperCase()), null);
    assert.equal(await c.subscriptions.find(s.address, 'author', s.query), null);
    await assert.rejects(c.subscriptions.create({ ...s, id: `${s.id}-again` }));
    await c.subscriptions.update(s.id, {
      minScore: 0.7,
      cadence: 'weekly',
      status: 'unsubscribed',
      unsubscribedAt: '2026-08-03T00:00:00.000Z',
      cursor: null,
    });
    const updated = await c.subscriptions.get(s.id);
    assert.deepEqual(
      [
        updated?.minScore,
        updated?.cadence,
        updated?.status,
        updated?.unsubscribedAt,
        updated?.cursor,
      ],
      [0.7, 'weekly', 'unsubscribed', '2026-08-03T00:00:00.000Z', null],
    );
    await c.subscriptions.update(s.id, {});
    await c.subscriptions.update(s.id, { minScore: null });
    assert.equal((await c.subscriptions.get(s.id))?.minScore, null);
    await c.subscriptions.update(s.id, {
      includeTerms: '(graph OR "message passing") AND NOT survey',
      excludeTerms: 'cat:cs.CV',
    });
    const keywords = await c.subscriptions.get(s.id);
    assert.deepEqual(
      [keywords?.includeTerms, keywords?.excludeTerms],
      ['(graph OR "message passing") AND NOT survey', 'cat:cs.CV'],
    );
  });

  test('deliverable subscriptions: active ones of enabled addresses, by id, page by page', async () => {
    const store = await make();
    try {
      const subs = store.subscriptions;
      for (const address of ['a@example.org', 'b@example.org', 'off@example.org']) {
        await subs.ensureAddress(address, new Date('2026-08-01T00:00:00Z'));
      }
      await subs.updateAddress('off@example.org', { disabledAt: '2026-08-02T00:00:00.000Z' });
      const make = (id: string, address: string, status: Subscription['status'] = 'active') =>
        subs.create(subscription({ id, address, status }));
      await make('d3', 'a@example.org');
      await make('d1', 'b@example.org');
      await make('d2', 'a@example.org', 'pending');
      await make('d4', 'off@example.org');
      await make('d5', 'a@example.org');
      const ids = (rows: Subscription[]) => rows.map((s) => s.id);
      assert.deepEqual(ids(await subs.listDeliverable(null, 10)), ['d1', 'd3', 'd5']);
      assert.deepEqual(ids(await subs.listDeliverable(null, 2)), ['d1', 'd3']);
      assert.deepEqual(ids(await subs.listDeliverable('d3', 2)), ['d5']);
      assert.deepEqual(ids(await subs.listDeliverable(null, 10, 'a@example.org')), ['d3', 'd5']);
      const all = await subs.list({ limit: 2, offset: 0 });
      assert.equal(all.total, 5);
      assert.deepEqual(ids(all.items), ['d5', 'd4'], 'newest first');
      assert.deepEqual(ids(await subs.listByAddress('a@example.org')), ['d3', 'd2', 'd5']);
    } finally {
      await store.dispose();
    }
  });
}
