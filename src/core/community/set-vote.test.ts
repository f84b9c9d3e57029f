/**
 * The API's idempotent vote (setVote) on both engines: repeated and concurrent "upvote" calls leave
 * exactly one vote, "take back" leaves none, and the counter always equals the votes.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestContainer } from '../../../test/db.ts';
import { engines } from '../../../test/engines.ts';
import { buildFeaturedPaper } from '../../../test/factories.ts';
import { isAppError } from '../errors.ts';
import { setVote } from './votes.ts';

for (const engine of await engines()) {
  test(`setVote is idempotent under concurrency on ${engine.name}`, {
    skip: engine.skip,
  }, async () => {
    const c = await createTestContainer({ engine: engine.name });
    try {
      await c.papers.upsertMany([buildFeaturedPaper('2026-08-21', 7, { id: '2608.60001' })]);
      const users = [];
      for (let i = 0; i < 5; i++) {
        users.push(
          await c.community.users.create({
            id: `u${i}`,
            email: `u${i}@example.org`,
            handle: `user-${i}`,
            displayName: `User ${i}`,
            role: 'reader',
            createdAt: '2026-08-01T00:00:00Z',
          }),
        );
      }
      const [ada, ...others] = users;
      if (!ada) throw new Error('no user');
      const same = await Promise.all(
        Array.from({ length: 8 }, () => setVote(c.community, ada, '2608.60001', true)),
      );
      assert.ok(
        same.every((o) => o.voted && o.upvotes === 8),
        JSON.stringify(same),
      );
      await Promise.all(others.map((u) => setVote(c.community, u, '2608.60001', true)));
      const stats = await c.community.stats.forPapers(['2608.60001']);
      assert.equal(stats.get('2608.60001')?.upvotes, 5);
      const back = await Promise.all(
        Array.from({ length: 4 }, () => setVote(c.community, ada, '2608.60001', false)),
      );
      assert.ok(
        back.every((o) => !o.voted && o.upvotes === 7 + 4),
        JSON.stringify(back),
      );
      await assert.rejects(setVote(c.community, ada, '2608.99999', true), (e) =>
        isAppError(e, 'paper_not_found'),
      );
      await assert.rejects(setVote(c.community, null, '2608.60001', true), (e) =>
        isAppError(e, 'unauthorized'),
      );
    } finally {
      await c.dispose();
    }
  });
}
