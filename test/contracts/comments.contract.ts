/**
 * The CommentRepo contract: comments and replies in order, soft deletes and hiding, counts of
 * visible comments and commenters that stay exact while two processes post at once, and
 * reports that moderators see grouped by comment until they resolve them.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Container } from '../../src/container.ts';
import type { User } from '../../src/core/community/model.ts';
import type { TestContainer } from '../db.ts';
import { buildPaper } from '../factories.ts';
import { newUser } from './accounts.contract.ts';
import { type ContractTarget, race } from './run-contract.ts';

export function commentsContract({ make }: ContractTarget): void {
  let c: TestContainer;
  let other: Container;
  let ada: User;
  let bob: User;
  before(async () => {
    c = await make();
    other = await c.openAgain();
    ada = await c.community.users.create(newUser({ handle: 'ada-c', displayName: 'Ada' }));
    bob = await c.community.users.create(newUser({ handle: 'bob-c', displayName: 'Bob' }));
  });
  after(() => c.dispose());

  const post = (
    k: Container,
    id: string,
    paperId: string,
    user: User,
    at: string,
    parentId: string | null = null,
  ) =>
    k.community.comments.create({
      id,
      paperId,
      userId: user.id,
      parentId,
      body: `comment ${id}`,
      createdAt: at,
    });

  test('comments list oldest first with their authors; edits, deletes and hiding are kept', async () => {
    const p = buildPaper();
    await c.papers.upsertMany([p]);
    const { comments } = c.community;
    await post(c, 'c2', p.id, bob, '2026-08-01T00:00:02Z');
    await post(c, 'c1', p.id, ada, '2026-08-01T00:00:01Z');
    await post(c, 'c3', p.id, ada, '2026-08-01T00:00:02Z', 'c1');
    assert.deepEqual(await comments.get('c3'), {
      id: 'c3',
      paperId: p.id,
      author: { id: ada.id, handle: 'ada-c', displayName: 'Ada' },
      parentId: 'c1',
      body: 'comment c3',
      createdAt: '2026-08-01T00:00:02Z',
      editedAt: null,
      deletedAt: null,
      hiddenAt: null,
    });
    await comments.edit('c1', 'edited', '2026-08-01T01:00:00Z');
    await comments.markDeleted('c2', '2026-08-01T02:00:00Z');
    await comments.setHidden('c3', '2026-08-01T03:00:00Z');
    const list = await comments.listForPaper(p.id);
    assert.deepEqual(
      list.map((x) => [x.id, x.body, x.editedAt, x.deletedAt, x.hiddenAt]),
      [
        ['c1', 'edited', '2026-08-01T01:00:00Z', null, null],
        ['c2', '', null, '2026-08-01T02:00:00Z', null],
        ['c3', 'comment c3', null, null, '2026-08-01T03:00:00Z'],
      ],
    );
    await comments.setHidden('c3', null);
    assert.equal((await comments.get('c3'))?.hiddenAt, null);
    assert.deepEqual(
      (await comments.listByUser(bob.id, 10)).map((x) => x.id),
      [],
      'deleted comments leave the profile',
    );
    assert.deepEqual(
      (await comments.listByUser(ada.id, 10))
        .map((x) => x.id)
        .filter((id) => ['c1', 'c3'].includes(id)),
      ['c3', 'c1'],
    );
    assert.equal(await comments.get('nope'), null);
  });

  test('counts: visible comments and distinct commenters; hidden and deleted ones leave the count', async () => {
    const p = buildPaper();
    await c.papers.upsertMany([p]);
    const { comments, stats } = c.community;
    await post(c, 'k1', p.id, ada, '2026-08-02T00:00:01Z');
    await post(c, 'k2', p.id, ada, '2026-08-02T00:00:02Z');
    await post(c, 'k3', p.id, bob, '2026-08-02T00:00:03Z');
    await comments.recount(p.id);
    assert.deepEqual((await stats.forPapers([p.id])).get(p.id), { upvotes: 0, comments: 3 });
    await comments.setHidden('k3', '2026-08-02T01:00:00Z');
    await comments.markDeleted('k2', '2026-08-02T01:00:00Z');
    await comments.recount(p.id);
    assert.deepEqual((await stats.forPapers([p.id])).get(p.id), { upvotes: 0, comments: 1 });
    const [input] = await c.community.trending.inputs([p.id]);
    assert.equal(input?.discussion, 1, 'one visible commenter');
  });

  test('two processes posting and recounting at once: the count is exact afterwards', async () => {
    const p = buildPaper();
    await c.papers.upsertMany([p]);
    const posters = Array.from({ length: 16 }, (_, i) => i);
    await race(posters, async (i) => {
      const k = i % 2 ? other : c;
      await post(
        k,
        `r${i}`,
        p.id,
        i % 3 ? ada : bob,
        `2026-08-03T00:00:${String(i).padStart(2, '0')}Z`,
      );
      await k.community.comments.recount(p.id);
    });
    assert.deepEqual((await c.community.stats.forPapers([p.id])).get(p.id), {
      upvotes: 0,
      comments: 16,
    });
    const [input] = await c.community.trending.inputs([p.id]);
    assert.equal(input?.discussion, 2);
  });

  test('reports: refreshed per reporter, grouped per comment newest first, gone once resolved', async () => {
    const store = await make();
    try {
      const [u0, u1, u2] = [
        await store.community.users.create(newUser()),
        await store.community.users.create(newUser()),
        await store.community.users.create(newUser()),
      ];
      const p = buildPaper();
      await store.papers.upsertMany([p]);
      const { comments } = store.community;
      for (const [i, id] of ['x1', 'x2', 'x3'].entries()) {
        await comments.create({
          id,
          paperId: p.id,
          userId: u0.id,
          parentId: null,
          body: id,
          createdAt: `2026-08-04T00:00:0${i}Z`,
        });
      }
      const report = (commentId: string, user: User, reason: string, at: string) =>
        comments.report({ commentId, userId: user.id, reason, createdAt: at });
      await report('x1', u1, 'spam', '2026-08-04T01:00:00Z');
      await report('x2', u1, 'rude', '2026-08-04T02:00:00Z');
      await report('x1', u2, 'spam too', '2026-08-04T03:00:00Z');
      await report('x3', u2, 'off topic', '2026-08-04T00:30:00Z');
      await comments.resolveReports('x3', '2026-08-04T04:00:00Z');
      await report('x2', u1, 'very rude', '2026-08-04T05:00:00Z');
      const open = await comments.openReports(10);
      assert.deepEqual(
        open.map((r) => [r.comment.id, r.reports.map((x) => [x.reporter.id, x.reason])]),
        [
          ['x2', [[u1.id, 'very rude']]],
          [
            'x1',
            [
              [u2.id, 'spam too'],
              [u1.id, 'spam'],
            ],
          ],
        ],
      );
      assert.deepEqual(
        (await comments.openReports(1)).map((r) => r.comment.id),
        ['x2'],
      );
      await comments.resolveReports('x2', '2026-08-04T06:00:00Z');
      await comments.resolveReports('x1', '2026-08-04T06:00:00Z');
      assert.deepEqual(await comments.openReports(10), []);
      await report('x3', u2, 'again', '2026-08-04T07:00:00Z');
      assert.deepEqual(
        (await comments.openReports(10)).map((r) => r.comment.id),
        ['x3'],
        'a new report reopens',
      );
    } finally {
      await store.dispose();
    }
  });
}
