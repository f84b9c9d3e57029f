/**
 * The SubmissionRepo contract: a paper is featured once, a reader's daily quota holds even when
 * their submissions race from two processes, and moderators feature and unfeature at will.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Container } from '../../src/container.ts';
import { isAppError } from '../../src/core/errors.ts';
import type { TestContainer } from '../db.ts';
import { buildPaper } from '../factories.ts';
import { newUser } from './accounts.contract.ts';
import { type ContractTarget, race } from './run-contract.ts';

export function submissionsContract({ make }: ContractTarget): void {
  let c: TestContainer;
  let other: Container;
  before(async () => {
    c = await make();
    other = await c.openAgain();
  });
  after(() => c.dispose());

  test('a submission features the paper, records who submitted it and starts its trending clock', async () => {
    const u = await c.community.users.create(newUser({ handle: 'submitter', displayName: 'Sub' }));
    const [p, q] = [buildPaper(), buildPaper()];
    await c.papers.upsertMany([p, q]);
    const { submissions } = c.community;
    assert.equal(
      await submissions.feature({
        paperId: p.id,
        day: '2026-08-05',
        userId: u.id,
        at: '2026-08-05T09:00:00Z',
      }),
      true,
    );
    assert.equal(
      await submissions.feature({
        paperId: q.id,
        day: '2026-08-06',
        userId: u.id,
        at: '2026-08-06T09:00:00Z',
      }),
      true,
    );
    assert.deepEqual((await c.papers.get(p.id))?.community.featuredDays, [
      { day: '2026-08-05', rank: null, featuredAt: '2026-08-05T09:00:00Z' },
    ]);
    assert.equal(await submissions.wasSubmitted(p.id), true);
    assert.equal(await submissions.countOn(u.id, '2026-08-05'), 1);
    assert.equal(await submissions.countOn(u.id, '2026-08-07'), 0);
    assert.deepEqual(await submissions.listByUser(u.id, 10), [
      { paperId: q.id, day: '2026-08-06' },
      { paperId: p.id, day: '2026-08-05' },
    ]);
    assert.deepEqual(
      await submissions.submitters([p.id, 'nope']),
      new Map([[p.id, { id: u.id, handle: 'submitter', displayName: 'Sub' }]]),
    );
    const [input] = await c.community.trending.inputs([p.id]);
    assert.equal(input?.trendAt, '2026-08-05T00:00:00.000Z');
    await assert.rejects(
      submissions.feature({
        paperId: p.id,
        day: '2026-08-07',
        userId: u.id,
        at: '2026-08-07T09:00:00Z',
      }),
      (e) => isAppError(e, 'conflict'),
    );
  });

  test('two readers submitting one paper at once from two processes: one feature, one conflict', async () => {
    const a = await c.community.users.create(newUser());
    const b = await c.community.users.create(newUser());
    const p = buildPaper();
    await c.papers.upsertMany([p]);
    const outcomes = await race([a, b], (u, i) =>
      (i ? other : c).community.submissions
        .feature({ paperId: p.id, day: '2026-08-08', userId: u.id, at: '2026-08-08T09:00:00Z' })
        .then(
          () => 'featured',
          (e) => (isAppError(e, 'conflict') ? 'conflict' : String(e)),
        ),
    );
    assert.deepEqual(outcomes.sort(), ['conflict', 'featured']);
    assert.deepEqual((await c.papers.get(p.id))?.community.featuredDays, [
      { day: '2026-08-08', rank: null, featuredAt: '2026-08-08T09:00:00Z' },
    ]);
  });

  test('the daily quota holds when one reader’s submissions race from two processes', async () => {
    const u = await c.community.users.create(newUser());
    const papers = Array.from({ length: 7 }, () => buildPaper());
    await c.papers.upsertMany(papers);
    const results = await race(papers, (p, i) =>
      (i % 2 ? other : c).community.submissions.feature({
        paperId: p.id,
        day: '2026-08-09',
        userId: u.id,
        at: `2026-08-09T09:00:0${i}Z`,
        dailyQuota: 3,
      }),
    );
    assert.equal(results.filter(Boolean).length, 3);
    assert.equal(await c.community.submissions.countOn(u.id, '2026-08-09'), 3);
    const featured = await c.papers.getMany(papers.map((p) => p.id));
    assert.equal(
      featured.filter((p) => p.community.featuredDays.length > 0).length,
      3,
      'refused ones are not featured',
    );
    const tomorrow = buildPaper();
    await c.papers.upsertMany([tomorrow]);
    const next = {
      paperId: tomorrow.id,
      day: '2026-08-10',
      userId: u.id,
      at: '2026-08-10T09:00:00Z',
    };
    assert.equal(
      await c.community.submissions.feature({ ...next, dailyQuota: 3 }),
      true,
      'a new day, a new quota',
    );
  });

  test('moderators feature without a submission record, and unfeature from every day', async () => {
    const p = buildPaper();
    await c.papers.upsertMany([p]);
    const { submissions } = c.community;
    assert.equal(
      await submissions.feature({
        paperId: p.id,
        day: '2026-08-11',
        userId: null,
        at: '2026-08-11T09:00:00Z',
      }),
      true,
    );
    assert.equal(
      await submissions.feature({
        paperId: p.id,
        day: '2026-08-12',
        userId: null,
        at: '2026-08-12T09:00:00Z',
      }),
      true,
    );
    assert.equal(await submissions.wasSubmitted(p.id), false);
    assert.deepEqual(
      (await c.papers.get(p.id))?.community.featuredDays.map((d) => d.day),
      ['2026-08-11', '2026-08-12'],
    );
    await c.community.trending.writeScores([{ paperId: p.id, score: 3 }]);
    await submissions.unfeature(p.id);
    assert.deepEqual((await c.papers.get(p.id))?.community.featuredDays, []);
    const top = await c.community.trending.top('2026-01-01T00:00:00.000Z', {
      limit: 100,
      offset: 0,
    });
    assert.ok(!top.ids.includes(p.id), 'an unfeatured paper leaves trending');
  });
}
