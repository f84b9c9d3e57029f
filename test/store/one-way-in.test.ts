/**
 * The hazard of two ways into one SQLite connection: a write made outside Kysely while a Kysely
 * transaction waits must not join that transaction (and roll back with it) — here the embedding
 * job's vector write landing inside a harvest that then fails.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { openSqliteStore } from '../../src/adapters/db/connect.ts';
import { KyselyPaperRepo } from '../../src/adapters/db/kysely-paper-repo.ts';
import { migrateToLatest } from '../../src/adapters/db/migrate.ts';
import { UsearchVectorIndex } from '../../src/adapters/search/usearch-vector-index.ts';
import { fixedClock } from '../../src/core/clock.ts';
import { tempDir } from '../db.ts';
import { buildPaper } from '../factories.ts';

test('a vector written while a harvest transaction waits survives the harvest rolling back', async () => {
  const dir = tempDir();
  const store = openSqliteStore(join(dir.path, 'paperboy.db'));
  try {
    await migrateToLatest(store.db);
    const clock = fixedClock('2026-08-22T12:00:00Z');
    const papers = new KyselyPaperRepo(store.db, clock);
    const embedded = buildPaper();
    await papers.upsertMany([embedded]);
    const vectors = await UsearchVectorIndex.open(store.gate, 'test@1', clock, { dir: null });

    let harvestWaiting: () => void = () => {};
    const waiting = new Promise<void>((resolve) => {
      harvestWaiting = resolve;
    });
    let failHarvest: () => void = () => {};
    const failed = new Promise<void>((resolve) => {
      failHarvest = resolve;
    });
    const harvest = store.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('papers')
        .set({ title: 'half-harvested' })
        .where('id', '=', embedded.id)
        .execute();
      harvestWaiting();
      await failed; // e.g. the next page's parse fails
      throw new Error('harvest failed');
    });
    await waiting;
    const vector = new Float32Array([1, 0, 0, 0]);
    const put = vectors.put([{ paperId: embedded.id, vector, textHash: 'h1' }]);
    failHarvest();
    await assert.rejects(harvest, /harvest failed/);
    await put;

    assert.equal((await papers.get(embedded.id))?.title, embedded.title, 'the harvest rolled back');
    assert.deepEqual(await vectors.get(embedded.id), vector, 'the vector is stored');
    const hits = await vectors.search(vector, 1);
    assert.equal(hits[0]?.id, embedded.id, 'and the index agrees with the store');
    await vectors.close();
  } finally {
    await store.close();
    dir.remove();
  }
});
