/**
 * The QueryVectorCache contract: saved-search vectors round-trip bit for bit per model, the
 * first write of a text wins, and another process reads what one stored.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KyselyQueryVectorCache } from '../../src/adapters/db/kysely-query-vector-cache.ts';
import { fixedClock } from '../../src/core/clock.ts';
import type { ContractTarget } from './run-contract.ts';

export function queryVectorCacheContract({ make }: ContractTarget): void {
  test('query vectors round-trip per model, first write kept, seen by another process', async () => {
    const c = await make();
    try {
      const clock = fixedClock('2026-08-24T00:00:00Z');
      const cache = new KyselyQueryVectorCache((await c.openStore()).db, clock);
      const v = Float32Array.from([0.6, -0.8, 0, 1e-7, -0, 3.4028234663852886e38]);
      await cache.put('use-lite@1', new Map([['graph neural networks', v]]));
      await cache.put('use-lite@1', new Map([['graph neural networks', Float32Array.from([9])]]));
      await cache.put('use-lite@1', new Map());
      const again = new KyselyQueryVectorCache((await c.openStore()).db, clock);
      const got = await again.get('use-lite@1', ['graph neural networks', 'unknown']);
      assert.deepEqual([...(got.get('graph neural networks') ?? [])], [...v], 'first write kept');
      assert.equal(got.has('unknown'), false);
      assert.equal((await again.get('other-model@2', ['graph neural networks'])).size, 0);
    } finally {
      await c.dispose();
    }
  });

  test('many texts at once (more than one statement holds), including texts that differ only in case', async () => {
    const c = await make();
    try {
      const cache = new KyselyQueryVectorCache(
        (await c.openStore()).db,
        fixedClock('2026-08-24T00:00:00Z'),
      );
      const texts = Array.from({ length: 1200 }, (_, i) => (i % 2 ? `Query ${i}` : `query ${i}`));
      texts.push('Graph', 'graph');
      await cache.put('m@1', new Map(texts.map((t, i) => [t, Float32Array.from([i, -i])])));
      const got = await cache.get('m@1', texts);
      assert.equal(got.size, texts.length);
      assert.deepEqual([...(got.get('Graph') ?? [])], [1200, -1200]);
      assert.deepEqual([...(got.get('graph') ?? [])], [1201, -1201]);
    } finally {
      await c.dispose();
    }
  });
}
