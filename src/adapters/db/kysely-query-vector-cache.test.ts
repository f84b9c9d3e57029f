import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tempDir } from '../../../test/db.ts';
import { fixedClock } from '../../core/clock.ts';
import { openSqliteStore } from './connect.ts';
import { KyselyQueryVectorCache } from './kysely-query-vector-cache.ts';
import { migrateToLatest } from './migrate.ts';

test('query vectors round-trip per model and survive reopening the store', async () => {
  const dir = tempDir();
  try {
    const path = `${dir.path}/paperboy.db`;
    let store = openSqliteStore(path);
    await migrateToLatest(store.db);
    const cache = new KyselyQueryVectorCache(store.db, fixedClock('2026-08-24T00:00:00Z'));
    const v = Float32Array.from([0.6, -0.8, 0, 1e-7]);
    await cache.put('use-lite@1', new Map([['graph neural networks', v]]));
    await cache.put('use-lite@1', new Map([['graph neural networks', Float32Array.from([9])]]));
    await store.close();
    store = openSqliteStore(path);
    const again = new KyselyQueryVectorCache(store.db, fixedClock('2026-08-25T00:00:00Z'));
    const got = await again.get('use-lite@1', ['graph neural networks', 'unknown']);
    assert.deepEqual([...(got.get('graph neural networks') ?? [])], [...v], 'first write kept');
    assert.equal(got.has('unknown'), false);
    assert.equal((await again.get('other-model@2', ['graph neural networks'])).size, 0);
    await store.close();
  } finally {
    dir.remove();
  }
});
