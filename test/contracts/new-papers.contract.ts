/**
 * The NewPapers contract (alert windows): papers by when they reached this store — a window is
 * [since, until), old backfills are left out, a later update does not make a paper new again —
 * and the earliest paper still waiting for its vector.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KyselyNewPapers } from '../../src/adapters/db/kysely-new-papers.ts';
import { fixedClock } from '../../src/core/clock.ts';
import { buildPaper } from '../factories.ts';
import type { ContractTarget } from './run-contract.ts';

const T1 = '2026-08-01T06:00:00.000Z';
const T2 = '2026-08-02T06:00:00.000Z';
const T3 = '2026-08-03T06:00:00.000Z';

export function newPapersContract({ make }: ContractTarget): void {
  test('papers added in a window, oldest first; backfills left out; updates do not renew them', async () => {
    const day1 = await make({ clock: fixedClock(T1) });
    try {
      const day2 = await day1.openAgain({ clock: fixedClock(T2) });
      const day3 = await day1.openAgain({ clock: fixedClock(T3) });
      const a = buildPaper({ id: '2608.00002', submittedAt: '2026-07-30T00:00:00Z' });
      const b = buildPaper({ id: '2608.00001', submittedAt: null });
      await day1.ingest.commitPage([a, b], null);
      await day2.ingest.commitPage(
        [
          buildPaper({ id: '2001.00001', submittedAt: '2020-01-01T00:00:00Z' }),
          buildPaper({ id: '2608.00003', submittedAt: '2026-08-01T00:00:00Z' }),
        ],
        null,
      );
      await day3.papers.upsertMany([{ ...a, version: 2, title: 'Revised' }]);

      const store = await day1.openStore();
      const news = new KyselyNewPapers(store.db, day1.papers);
      const window = (since: string, until: string) => ({
        since: new Date(since),
        until: new Date(until),
      });
      const cutoff = new Date('2026-07-01T00:00:00Z');
      const ids = async (since: string, until: string) =>
        (await news.addedIn(window(since, until), cutoff)).map((x) => [x.paper.id, x.addedAt]);

      assert.deepEqual(await ids(T1, '2026-08-04T00:00:00Z'), [
        ['2608.00001', T1],
        ['2608.00002', T1],
        ['2608.00003', T2],
      ]);
      assert.deepEqual(await ids(T1, T2), [
        ['2608.00001', T1],
        ['2608.00002', T1],
      ]);
      assert.deepEqual(await ids(T3, '2026-08-04T00:00:00Z'), [], 'an update is not news');
      const revised = (await news.addedIn(window(T1, T2), cutoff)).find((x) => x.paper.id === a.id);
      assert.equal(revised?.paper.title, 'Revised', 'the paper as it is now');

      assert.equal((await news.earliestUnembedded(new Date(T1)))?.toISOString(), T1);
      await day1.embeddingQueue.remove(['2608.00001', '2608.00002']);
      assert.equal((await news.earliestUnembedded(new Date(T1)))?.toISOString(), T2);
      assert.equal(await news.earliestUnembedded(new Date(T3)), null);
    } finally {
      await day1.dispose();
    }
  });
}
