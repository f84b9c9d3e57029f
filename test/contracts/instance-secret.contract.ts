/**
 * The instance secret contract: without PAPERBOY_SECRET, the first process to ask creates the
 * signing key and every process — also ones starting at the same moment — reads the same key.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadOrCreateSecret } from '../../src/adapters/db/instance-secret.ts';
import { type ContractTarget, race } from './run-contract.ts';

export function instanceSecretContract({ make }: ContractTarget): void {
  test('processes starting at once agree on one secret, which outlives them', async () => {
    const c = await make();
    try {
      const stores = await Promise.all([c.openStore(), c.openStore(), c.openStore()]);
      const secrets = await race(stores, (s, i) =>
        loadOrCreateSecret(s.db, `2026-08-22T12:00:0${i}Z`),
      );
      const [first] = secrets;
      assert.ok(first && first.length >= 40);
      assert.deepEqual(secrets, [first, first, first]);
      assert.equal(await c.secret(), first);
      const later = await c.openAgain();
      assert.equal(await later.secret(), first);
    } finally {
      await c.dispose();
    }
  });

  test('PAPERBOY_SECRET, when set, is the secret and nothing is stored', async () => {
    const c = await make({ env: { PAPERBOY_SECRET: 'x'.repeat(40) } });
    try {
      assert.equal(await c.secret(), 'x'.repeat(40));
    } finally {
      await c.dispose();
    }
  });
}
