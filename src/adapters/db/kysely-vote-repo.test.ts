/**
 * The trending clock and single-paper scores on both engines: a paper's clock starts on its first
 * featured day (else the fallback instant) and, once started, never moves.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestContainer } from '../../../test/db.ts';
import { engines } from '../../../test/engines.ts';
import { buildFeaturedPaper, buildPaper } from '../../../test/factories.ts';

for (const engine of await engines()) {
  test(`the trending clock starts once, on the first featured day (${engine.name})`, {
    skip: engine.skip,
  }, async () => {
    const c = await createTestContainer({ engine: engine.name });
    try {
      const featured = buildFeaturedPaper('2026-08-20', 3);
      featured.community.featuredDays.push({ day: '2026-08-18', rank: 2, featuredAt: null });
      const plain = buildPaper();
      await c.papers.upsertMany([featured, plain]);
      const { trending } = c.community;
      await trending.startClock(featured.id, '2026-08-22T10:00:00.000Z');
      await trending.startClock(plain.id, '2026-08-22T10:00:00.000Z');
      await trending.startClock(plain.id, '2026-08-23T10:00:00.000Z');
      const inputs = await trending.inputs([featured.id, plain.id]);
      const at = new Map(inputs.map((i) => [i.paperId, i.trendAt]));
      assert.equal(at.get(featured.id), '2026-08-18T00:00:00.000Z');
      assert.equal(at.get(plain.id), '2026-08-22T10:00:00.000Z', 'a started clock stays');
      await trending.writeScores([{ paperId: plain.id, score: 2.5 }]);
      await trending.writeScores([
        { paperId: plain.id, score: 1.5 },
        { paperId: featured.id, score: 4 },
      ]);
      const top = await trending.top('2026-01-01T00:00:00.000Z', { limit: 5, offset: 0 });
      assert.deepEqual(top.ids, [featured.id, plain.id]);
    } finally {
      await c.dispose();
    }
  });
}
