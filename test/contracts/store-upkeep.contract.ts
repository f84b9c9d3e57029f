/**
 * The store-wide ports' contract (StoreUpkeep, StoreHealth): the store answers, names its engine
 * and migrations, and an optimize run is recorded so the daily job does not repeat it at once.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { systemClock } from '../../src/core/clock.ts';
import type { ContractTarget } from './run-contract.ts';

const DAY = 86_400_000;

export function storeUpkeepContract({ engine, make }: ContractTarget): void {
  test('health: answers pings, names the engine, all migrations applied', async () => {
    const c = await make();
    try {
      assert.equal(await c.health.ping(), true);
      const checks = await c.health.checks();
      assert.ok(
        checks.every((k) => k.ok),
        JSON.stringify(checks),
      );
      const store = checks.find((k) => k.name === 'store');
      assert.match(store?.detail ?? '', engine === 'postgres' ? /^PostgreSQL \d+/ : /^SQLite \d/);
      assert.doesNotMatch(store?.detail ?? '', /:[^/@]*@/, 'no credentials');
      assert.match(
        checks.find((k) => k.name === 'migrations')?.detail ?? '',
        /applied, none pending/,
      );
      assert.equal(c.store.engine, engine);
    } finally {
      await c.dispose();
    }
  });

  test('optimize is due on a fresh store, not right after a run, and again a day later', async () => {
    // The system clock: SQLite's keyword-index build stamps itself with the wall clock.
    const c = await make({ clock: systemClock });
    try {
      const now = c.clock.now();
      assert.equal(await c.upkeep.optimizeDue(now), true);
      await c.upkeep.optimize();
      assert.equal(await c.upkeep.optimizeDue(now), false);
      const other = await c.openAgain();
      assert.equal(await other.upkeep.optimizeDue(now), false, 'another process sees the run');
      assert.equal(await c.upkeep.optimizeDue(new Date(Date.now() + DAY + 60_000)), true);
      const resume = await c.upkeep.holdHousekeeping();
      await resume();
    } finally {
      await c.dispose();
    }
  });
}
