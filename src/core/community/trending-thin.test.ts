/**
 * A thin trending window reaches back instead of collapsing (issue 16, item 3): when a moderator
 * features one paper today on a store whose other papers are months old, /trending still lists a
 * page of papers, the new one first, and says how far back it reached.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestContainer, type TestContainer } from '../../../test/db.ts';
import { buildFeaturedPaper } from '../../../test/factories.ts';
import { fixedClock } from '../clock.ts';
import { getTrending, refreshTrending } from './trending.ts';

let c: TestContainer;

before(async () => {
  c = await createTestContainer({ clock: fixedClock('2026-12-04T12:00:00Z') });
  const old = Array.from({ length: 60 }, (_, i) =>
    buildFeaturedPaper(i < 30 ? '2026-08-20' : '2026-08-21', i + 1, {
      id: `2608.${String(40000 + i)}`,
    }),
  );
  await c.papers.upsertMany([
    ...old,
    buildFeaturedPaper('2026-12-04', 5, { id: '2612.00001', title: 'Featured today' }),
  ]);
});
after(() => c.dispose());

test('one paper featured today does not shrink trending to one paper', async () => {
  await refreshTrending(c.community);
  const list = await getTrending(c.community, { limit: 100 });
  assert.equal(list.papers[0]?.id, '2612.00001', 'the fresh paper leads');
  assert.equal(list.total, 61, 'the window reached back over two old featured days');
  assert.equal(list.since, '2026-08-20T00:00:00.000Z');
  const day = await getTrending(c.community, { limit: 100, period: 'day' });
  assert.equal(day.total, 1, 'the day period stays a day');
});
