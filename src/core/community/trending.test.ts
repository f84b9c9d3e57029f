import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { createTestContainer, type TestContainer } from '../../../test/db.ts';
import { buildFeaturedPaper, buildPaper } from '../../../test/factories.ts';
import { fixedClock } from '../clock.ts';
import type { User } from './model.ts';
import { getTrending, refreshTrending, trendingScore } from './trending.ts';
import { toggleVote } from './votes.ts';

const HOUR = 3_600_000;
const asOf = new Date('2026-08-22T12:00:00Z');
const at = (hoursAgo: number) => new Date(asOf.getTime() - hoursAgo * HOUR).toISOString();

test('the score is (upvotes + discussion/2) / (hours + 2)^gravity', () => {
  const s = trendingScore({ paperId: 'x', upvotes: 10, discussion: 4, trendAt: at(10) }, asOf, 1.8);
  assert.ok(Math.abs(s - 12 / 12 ** 1.8) < 1e-12);
  assert.equal(
    trendingScore({ paperId: 'x', upvotes: 0, discussion: 0, trendAt: at(1) }, asOf, 1.8),
    0,
  );
  assert.equal(
    trendingScore({ paperId: 'x', upvotes: 5, discussion: 0, trendAt: null }, asOf, 1.8),
    0,
  );
  const future = trendingScore(
    { paperId: 'x', upvotes: 4, discussion: 0, trendAt: at(-5) },
    asOf,
    1.8,
  );
  assert.equal(future, 4 / 2 ** 1.8, 'clocks starting after asOf count as age 0');
});

test('more points never hurt and more age never helps (property)', () => {
  fc.assert(
    fc.property(
      fc.nat(10_000),
      fc.nat(1000),
      fc.nat(1000),
      fc.double({ min: 0, max: 2000, noNaN: true }),
      fc.double({ min: 0, max: 500, noNaN: true }),
      fc.double({ min: 0.1, max: 5, noNaN: true }),
      (up, disc, extra, hours, later, gravity) => {
        const base = { paperId: 'p', upvotes: up, discussion: disc, trendAt: at(hours) };
        const s = trendingScore(base, asOf, gravity);
        assert.ok(trendingScore({ ...base, upvotes: up + extra }, asOf, gravity) >= s);
        assert.ok(trendingScore(base, new Date(asOf.getTime() + later * HOUR), gravity) <= s);
      },
    ),
  );
});

let c: TestContainer;
const clock = fixedClock('2026-08-22T12:00:00Z');
let voter: User;

before(async () => {
  // A strict 14-day window here; trending-thin.test.ts covers windows that reach back.
  c = await createTestContainer({ clock, env: { PAPERBOY_TRENDING_MIN_PAPERS: '0' } });
  await c.papers.upsertMany([
    buildFeaturedPaper('2026-08-22', 10, { id: '2608.30001', title: 'Today, 10 votes' }),
    buildFeaturedPaper('2026-08-20', 60, { id: '2608.30002', title: 'Two days ago, 60 votes' }),
    buildFeaturedPaper('2026-08-01', 900, {
      id: '2608.30003',
      title: 'Three weeks ago, 900 votes',
    }),
    buildPaper({ id: '2608.30004', submittedAt: '2026-08-21T00:00:00Z', title: 'Never featured' }),
  ]);
  voter = await c.community.users.create({
    id: 'v',
    email: 'v@example.org',
    handle: 'voter',
    displayName: 'V',
    role: 'reader',
    createdAt: at(100),
  });
});
after(() => c.dispose());

test('refresh scores the window only, by gravity, and trending is an indexed list', async () => {
  const { scored, retired } = await refreshTrending(c.community);
  assert.equal(scored, 2, 'papers featured within 14 days');
  assert.equal(retired, 0);
  const list = await getTrending(c.community, { limit: 10 });
  assert.deepEqual(
    list.papers.map((p) => p.id),
    ['2608.30001', '2608.30002'],
  );
  assert.equal(list.asOf, '2026-08-22T12:00:00.000Z');
  // 10/(12+2)^1.8 = 0.087 beats 60/(60+2)^1.8 = 0.036: recency wins until votes outweigh age.
  const day = await getTrending(c.community, { limit: 10, period: 'day' });
  assert.deepEqual(
    day.papers.map((p) => p.id),
    ['2608.30001'],
  );
});

test('a vote rescores just that paper, and a never-featured fresh paper can trend', async () => {
  await toggleVote(c.community, voter, '2608.30004');
  const list = await getTrending(c.community, { limit: 10 });
  assert.ok(list.papers.some((p) => p.id === '2608.30004'));
  assert.equal(list.total, 3);
});

test('papers leave trending when their clock passes the window', async () => {
  clock.advance(13 * 24 * HOUR);
  const { retired } = await refreshTrending(c.community);
  assert.equal(retired, 2, 'featured on the 20th and submitted on the 21st left the window');
  assert.deepEqual(
    (await getTrending(c.community, { limit: 10 })).papers.map((p) => p.id),
    ['2608.30001'],
  );
});

test('on a stale instance trending is computed as of the end of the newest featured day', async () => {
  clock.advance(60 * 24 * HOUR);
  await refreshTrending(c.community);
  const list = await getTrending(c.community, { limit: 10 });
  assert.equal(list.asOf, '2026-08-23T00:00:00.000Z');
  assert.deepEqual(
    list.papers.map((p) => p.id),
    ['2608.30001', '2608.30002', '2608.30004'],
  );
});
