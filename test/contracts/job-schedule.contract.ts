/**
 * The JobScheduleRepo contract: jobs are due by time, claimed by one worker at a time with a
 * lease, and taken over when a lease runs out — across processes (each claimer here has its own
 * connection or pool; on PostgreSQL the claim is one conditional UPDATE, whose WHERE PostgreSQL
 * re-checks on the row a concurrent claimer just committed, so the loser updates nothing).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Container } from '../../src/container.ts';
import type { TestContainer } from '../db.ts';
import { type ContractTarget, race } from './run-contract.ts';

const at = (iso: string) => new Date(iso);
const T0 = at('2026-08-22T12:00:00Z');
const plus = (ms: number) => new Date(T0.getTime() + ms);
const MINUTE = 60_000;

export function jobScheduleContract({ make }: ContractTarget): void {
  let c: TestContainer;
  let other: Container;
  before(async () => {
    c = await make();
    other = await c.openAgain();
  });
  after(() => c.dispose());

  test('register adds due rows once; existing rows keep their schedule; list is by name', async () => {
    await c.schedules.register(['b:job', 'a:job'], T0);
    await c.schedules.register(['a:job', 'c:job'], plus(MINUTE));
    const list = await c.schedules.list();
    assert.deepEqual(
      list.map((s) => [s.name, s.nextRunAt, s.errorCount, s.leaseOwner]),
      [
        ['a:job', T0.toISOString(), 0, null],
        ['b:job', T0.toISOString(), 0, null],
        ['c:job', plus(MINUTE).toISOString(), 0, null],
      ],
    );
    assert.equal(await c.schedules.get('nope'), null);
    await c.schedules.register([], T0);
  });

  test('a job is claimed only when due and not leased', async () => {
    await c.schedules.register(['due:later'], plus(MINUTE));
    assert.equal(await c.schedules.claim('due:later', 'w1', T0, plus(10 * MINUTE)), false);
    assert.equal(await c.schedules.claim('unknown:job', 'w1', T0, plus(MINUTE)), false);
    assert.equal(await c.schedules.claim('due:later', 'w1', plus(MINUTE), plus(10 * MINUTE)), true);
    assert.equal(
      await c.schedules.claim('due:later', 'w2', plus(2 * MINUTE), plus(10 * MINUTE)),
      false,
    );
    const row = await c.schedules.get('due:later');
    assert.deepEqual(
      [row?.leaseOwner, row?.leaseUntil, row?.lastStartedAt],
      ['w1', plus(10 * MINUTE).toISOString(), plus(MINUTE).toISOString()],
    );
  });

  test('claimers racing from two processes: exactly one wins each job', async () => {
    const names = Array.from({ length: 15 }, (_, i) => `race:${i}`);
    await c.schedules.register(names, T0);
    for (const name of names) {
      const claimers = [c, other, c, other, c, other];
      const won = await race(claimers, (k, i) =>
        k.schedules.claim(name, `worker-${i}`, plus(1000), plus(10 * MINUTE)),
      );
      assert.equal(won.filter(Boolean).length, 1, `${name}: ${won}`);
      const winner = won.indexOf(true);
      assert.equal((await c.schedules.get(name))?.leaseOwner, `worker-${winner}`);
    }
  });

  test('an expired lease is taken over; the old owner can no longer renew, succeed or fail it', async () => {
    await c.schedules.register(['lease:expiry'], T0);
    assert.equal(await c.schedules.claim('lease:expiry', 'old', T0, plus(MINUTE)), true);
    assert.equal(await c.schedules.renew('lease:expiry', 'old', plus(2 * MINUTE)), true);
    assert.equal(
      await other.schedules.claim('lease:expiry', 'new', plus(MINUTE), plus(9 * MINUTE)),
      false,
    );
    const [a, b] = await race(['new', 'newer'], (owner, i) =>
      (i ? c : other).schedules.claim('lease:expiry', owner, plus(3 * MINUTE), plus(9 * MINUTE)),
    );
    assert.equal(Number(a) + Number(b), 1, 'one of two late claimers takes over');
    const taker = a ? 'new' : 'newer';
    assert.equal(await c.schedules.renew('lease:expiry', 'old', plus(20 * MINUTE)), false);
    await c.schedules.succeed('lease:expiry', 'old', plus(4 * MINUTE), plus(60 * MINUTE));
    await c.schedules.fail('lease:expiry', 'old', 'late failure', plus(60 * MINUTE));
    const row = await c.schedules.get('lease:expiry');
    assert.deepEqual([row?.leaseOwner, row?.lastSuccessAt, row?.errorCount], [taker, null, 0]);
  });

  test('success records the run and releases the lease; failures count up and keep the error', async () => {
    await c.schedules.register(['runs'], T0);
    assert.equal(await c.schedules.claim('runs', 'w', T0, plus(MINUTE)), true);
    await c.schedules.fail('runs', 'w', `boom ${'x'.repeat(3000)}`, plus(5 * MINUTE));
    assert.equal(await c.schedules.claim('runs', 'w', plus(5 * MINUTE), plus(6 * MINUTE)), true);
    await c.schedules.fail('runs', 'w', 'boom again', plus(10 * MINUTE));
    let row = await c.schedules.get('runs');
    assert.deepEqual(
      [row?.errorCount, row?.lastError, row?.leaseOwner, row?.leaseUntil],
      [2, 'boom again', null, null],
    );
    assert.equal(typeof row?.errorCount, 'number');
    assert.equal(await c.schedules.claim('runs', 'w', plus(10 * MINUTE), plus(11 * MINUTE)), true);
    await c.schedules.succeed('runs', 'w', plus(10 * MINUTE), plus(70 * MINUTE));
    row = await c.schedules.get('runs');
    assert.deepEqual(
      [row?.errorCount, row?.lastError, row?.lastSuccessAt, row?.nextRunAt, row?.leaseOwner],
      [0, null, plus(10 * MINUTE).toISOString(), plus(70 * MINUTE).toISOString(), null],
    );
    assert.equal(await c.schedules.claim('runs', 'w', plus(11 * MINUTE), plus(12 * MINUTE)), false);
    await other.schedules.trigger('runs', plus(11 * MINUTE));
    assert.equal(await c.schedules.claim('runs', 'w', plus(11 * MINUTE), plus(12 * MINUTE)), true);
  });

  test('a stored failure message keeps at most 2000 characters', async () => {
    await c.schedules.register(['long:error'], T0);
    await c.schedules.claim('long:error', 'w', T0, plus(MINUTE));
    await c.schedules.fail('long:error', 'w', 'é'.repeat(5000), plus(MINUTE));
    assert.equal((await c.schedules.get('long:error'))?.lastError?.length, 2000);
  });
}
