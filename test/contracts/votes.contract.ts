/**
 * The votes' contract (VoteRepo, StatsRepo, TrendingRepo): a toggle adds or removes one vote and
 * the paper's count always equals its votes — also when many readers in two processes toggle at
 * once — and the trending score's inputs, scores and window as the trending job needs them.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Container } from '../../src/container.ts';
import type { TestContainer } from '../db.ts';
import { buildFeaturedPaper, buildPaper } from '../factories.ts';
import { newUser } from './accounts.contract.ts';
import { type ContractTarget, race } from './run-contract.ts';

export function votesContract({ make }: ContractTarget): void {
  let c: TestContainer;
  let other: Container;
  before(async () => {
    c = await make();
    other = await c.openAgain();
  });
  after(() => c.dispose());

  const user = () => c.community.users.create(newUser());
  const users = async (count: number) =>
    Promise.all(Array.from({ length: count }, () => c.community.users.create(newUser())));

  test('a toggle adds the vote, a second removes it; counts, voted sets and recent votes follow', async () => {
    const u = await user();
    const v = await user();
    const [p, q] = [buildPaper(), buildPaper()];
    await c.papers.upsertMany([p, q]);
    const { votes, stats } = c.community;
    assert.deepEqual(await votes.toggle(u.id, p.id, '2026-08-01T00:00:00Z'), {
      voted: true,
      upvotes: 1,
    });
    assert.deepEqual(await votes.toggle(v.id, p.id, '2026-08-01T00:00:01Z'), {
      voted: true,
      upvotes: 2,
    });
    assert.deepEqual(await votes.toggle(u.id, q.id, '2026-08-01T00:00:02Z'), {
      voted: true,
      upvotes: 1,
    });
    assert.deepEqual(
      await votes.votedAmong(u.id, [p.id, q.id, 'nope', p.id]),
      new Set([p.id, q.id]),
    );
    assert.deepEqual(await votes.papersVotedBy(u.id, 10), [q.id, p.id]);
    assert.deepEqual(await votes.papersVotedBy(u.id, 1), [q.id]);
    assert.deepEqual(await votes.toggle(u.id, p.id, '2026-08-01T00:00:03Z'), {
      voted: false,
      upvotes: 1,
    });
    const counted = await stats.forPapers([p.id, q.id, 'nope']);
    assert.deepEqual(
      counted,
      new Map([
        [p.id, { upvotes: 1, comments: 0 }],
        [q.id, { upvotes: 1, comments: 0 }],
      ]),
    );
    assert.deepEqual(await votes.votedAmong(u.id, []), new Set());
  });

  test('24 readers in two processes toggling one paper at once: every vote counted once, then every removal', async () => {
    const readers = await users(24);
    const p = buildPaper();
    await c.papers.upsertMany([p]);
    const on = await race(readers, (u, i) =>
      (i % 2 ? other : c).community.votes.toggle(
        u.id,
        p.id,
        `2026-08-02T00:00:${String(i).padStart(2, '0')}Z`,
      ),
    );
    assert.ok(on.every((r) => r.voted));
    assert.deepEqual(
      on.map((r) => r.upvotes).sort((a, b) => a - b),
      Array.from({ length: 24 }, (_, i) => i + 1),
      'each toggle saw the count with its own vote, once',
    );
    assert.equal((await c.community.stats.forPapers([p.id])).get(p.id)?.upvotes, 24);
    const off = await race(readers, (u, i) =>
      (i % 2 ? c : other).community.votes.toggle(u.id, p.id, '2026-08-03T00:00:00Z'),
    );
    assert.ok(off.every((r) => !r.voted));
    assert.equal((await c.community.stats.forPapers([p.id])).get(p.id)?.upvotes, 0);
  });

  test('the same reader double-clicking from two processes ends with one vote or none, never two', async () => {
    const u = await user();
    const p = buildPaper();
    await c.papers.upsertMany([p]);
    const [a, b] = await race([c, other], (k) =>
      k.community.votes.toggle(u.id, p.id, '2026-08-04T00:00:00Z'),
    );
    assert.notEqual(a?.voted, b?.voted, 'one added, the other removed');
    assert.equal((await c.community.stats.forPapers([p.id])).get(p.id)?.upvotes ?? 0, 0);
  });

  test('trending: clocks start at the first featured day, inputs add local to imported counts, scores keep full precision', async () => {
    const store = await make();
    try {
      const { trending, votes, users: repo } = store.community;
      const first = buildFeaturedPaper('2026-08-01', 10, { id: '2608.00001' });
      const twiceFeatured = {
        ...first,
        community: {
          ...first.community,
          featuredDays: [
            { day: '2026-08-01', rank: 1, featuredAt: null },
            { day: '2026-08-03', rank: 2, featuredAt: null },
          ],
          commentCount: 4,
        },
      };
      await store.papers.upsertMany([
        twiceFeatured,
        buildFeaturedPaper('2026-08-05', 3, { id: '2608.00002' }),
        buildFeaturedPaper('2026-07-01', 99, { id: '2607.00003' }),
        buildPaper({ id: '2608.00004' }),
      ]);
      await trending.startFeaturedSince('2026-07-15');
      await trending.startFeaturedSince('2026-07-15');
      const u = await repo.create(newUser());
      await votes.toggle(u.id, '2608.00001', '2026-08-06T00:00:00Z');
      await trending.startClock('2608.00004', '2026-08-06T10:00:00.000Z');
      await trending.startClock('2608.00004', '2026-08-07T10:00:00.000Z');
      await trending.startClock('2608.00001', '2026-08-07T10:00:00.000Z');
      const byId = (rows: { paperId: string }[]) =>
        [...rows].sort((a, b) => a.paperId.localeCompare(b.paperId));
      assert.deepEqual(
        byId(await trending.inputs(['2608.00001', '2608.00002', '2608.00004', '2607.00003'])),
        [
          {
            paperId: '2608.00001',
            upvotes: 11,
            discussion: 4,
            trendAt: '2026-08-01T00:00:00.000Z',
          },
          { paperId: '2608.00002', upvotes: 3, discussion: 0, trendAt: '2026-08-05T00:00:00.000Z' },
          { paperId: '2608.00004', upvotes: 0, discussion: 0, trendAt: '2026-08-06T10:00:00.000Z' },
        ],
      );
      assert.deepEqual(
        byId(await trending.inputsSince('2026-08-02T00:00:00.000Z')).map((r) => r.paperId),
        ['2608.00002', '2608.00004'],
      );
      const scores = [
        { paperId: '2608.00001', score: 0.123456789012345 },
        { paperId: '2608.00002', score: 0.123456789012344 },
        { paperId: '2608.00004', score: 1e-12 },
      ];
      await trending.writeScores(scores);
      assert.deepEqual(await trending.top('2026-07-01T00:00:00.000Z', { limit: 10, offset: 0 }), {
        ids: ['2608.00001', '2608.00002', '2608.00004'],
        total: 3,
      });
      assert.deepEqual(await trending.top('2026-07-01T00:00:00.000Z', { limit: 1, offset: 1 }), {
        ids: ['2608.00002'],
        total: 3,
      });
      assert.equal(await trending.retireBefore('2026-08-03T00:00:00.000Z'), 1);
      assert.deepEqual(
        (await trending.top('2026-07-01T00:00:00.000Z', { limit: 10, offset: 0 })).ids,
        ['2608.00002', '2608.00004'],
      );
      assert.equal(await trending.asOf(), null);
      await trending.setAsOf('2026-08-06T12:00:00.000Z');
      await trending.setAsOf('2026-08-07T12:00:00.000Z');
      assert.equal(await trending.asOf(), '2026-08-07T12:00:00.000Z');
    } finally {
      await store.dispose();
    }
  });

  test('equal scores list by paper id; a score written is the score read', async () => {
    const store = await make();
    try {
      const ids = ['2608.00013', '2608.00011', '2608.00012'];
      await store.papers.upsertMany(ids.map((id) => buildFeaturedPaper('2026-08-01', 1, { id })));
      await store.community.trending.startFeaturedSince('2026-08-01');
      await store.community.trending.writeScores([
        { paperId: '2608.00013', score: 2.5 },
        { paperId: '2608.00011', score: 2.5 },
        { paperId: '2608.00012', score: 2.5000000001 },
      ]);
      assert.deepEqual(
        (await store.community.trending.top('2026-08-01T00:00:00.000Z', { limit: 5, offset: 0 }))
          .ids,
        ['2608.00012', '2608.00011', '2608.00013'],
      );
    } finally {
      await store.dispose();
    }
  });
}
