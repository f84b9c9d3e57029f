/**
 * The ModelStateRepo contract: the first target also serves (and marks unrecorded vectors for
 * pruning), a switch changes only the target, promotion serves the target and retires the old
 * model, a stale promotion is refused, and former ids' vectors are adopted without clashing.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KyselyModelStateRepo, UNRECORDED } from '../../src/adapters/db/kysely-model-state.ts';
import { fixedClock } from '../../src/core/clock.ts';
import type { VectorIndex } from '../../src/core/search/ports.ts';
import { buildPaper } from '../factories.ts';
import { HashEmbedder } from '../hash-embedder.ts';
import type { ContractTarget } from './run-contract.ts';

const clock = fixedClock('2026-08-22T12:00:00Z');
const a = { family: 'static', version: 'default', modelId: 'paperboy-static@aaaaaaaaaaaa' };
const b = {
  family: 'static',
  version: '20260822T120000Z',
  modelId: 'paperboy-static@bbbbbbbbbbbb',
};

export function modelStateContract({ make }: ContractTarget): void {
  test('first target serves; a switch is a new target; promotion retires the old model', async () => {
    const c = await make();
    try {
      const repo = new KyselyModelStateRepo((await c.openStore()).db, clock);
      assert.deepEqual(await repo.read(), { serving: null, target: null, retired: null });
      await repo.setTarget(a);
      assert.deepEqual(await repo.read(), { serving: a, target: a, retired: UNRECORDED });
      await repo.clearRetired();
      await repo.setTarget(b);
      const other = new KyselyModelStateRepo((await c.openStore()).db, clock);
      assert.deepEqual(await other.read(), { serving: a, target: b, retired: null });
      assert.equal(await other.promote(a.modelId), false, 'not the target: refused');
      assert.equal(await other.promote(b.modelId), true);
      assert.deepEqual(await repo.read(), { serving: b, target: b, retired: a.modelId });
      assert.equal(await repo.promote(b.modelId), true, 'promoting twice is harmless');
      assert.deepEqual((await repo.read()).retired, a.modelId);
    } finally {
      await c.dispose();
    }
  });

  test('vectors under former ids are adopted where the new id has none', async () => {
    const c = await make({ embedder: new HashEmbedder('use-lite@1') });
    try {
      const ids = ['2609.00001', '2609.00002', '2609.00003'];
      await c.papers.upsertMany(ids.map((id) => buildPaper({ id })));
      const old = c.search.vectors as VectorIndex;
      const [v] = await new HashEmbedder().embed(['graph'], 'document');
      await old.put(ids.map((paperId) => ({ paperId, vector: v as Float32Array, textHash: 'h' })));
      const renamed = await c.openAgain({ embedder: new HashEmbedder('use-lite@c138bf9e5d8c') });
      const now = renamed.search.vectors as VectorIndex;
      await now.put([{ paperId: ids[0] as string, vector: v as Float32Array, textHash: 'mine' }]);
      const repo = new KyselyModelStateRepo((await c.openStore()).db, clock);
      assert.equal(await repo.adoptVectors(['use-lite@1'], now.modelId), 2);
      assert.equal(await repo.adoptVectors(['use-lite@1'], now.modelId), 0);
      assert.equal(await repo.adoptVectors([now.modelId], now.modelId), 0, 'not from itself');
      assert.deepEqual(await now.coverage(), { embedded: 3, papers: 3 });
      assert.equal((await now.textHashes(ids)).get(ids[0] as string), 'mine', 'its own kept');
      assert.deepEqual(
        [...((await now.get(ids[1] as string)) ?? [])],
        [...(v as Float32Array)],
        'adopted vector intact',
      );
    } finally {
      await c.dispose();
    }
  });
}
