/**
 * A comment and its paper's counters change in one transaction (no recount call needed), on
 * both engines: a process that dies right after a write can leave no count behind.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestContainer } from '../../../test/db.ts';
import { engines } from '../../../test/engines.ts';
import { buildPaper } from '../../../test/factories.ts';

for (const engine of await engines()) {
  test(`posting, deleting and hiding keep the counters exact by themselves (${engine.name})`, {
    skip: engine.skip,
  }, async () => {
    const c = await createTestContainer({ engine: engine.name });
    try {
      const paper = buildPaper();
      await c.papers.upsertMany([paper]);
      const { comments, users } = c.community;
      const at = '2026-08-22T12:00:00Z';
      for (const id of ['u1', 'u2']) {
        await users.create({
          id,
          email: `${id}@example.org`,
          handle: `${id}-reader`,
          displayName: id,
          role: 'reader',
          createdAt: at,
        });
      }
      const post = (id: string, userId: string) =>
        comments.create({ id, paperId: paper.id, userId, parentId: null, body: id, createdAt: at });
      await Promise.all([post('c1', 'u1'), post('c2', 'u1'), post('c3', 'u2')]);
      const stats = async () => (await c.community.stats.forPapers([paper.id])).get(paper.id);
      assert.deepEqual(await stats(), { upvotes: 0, comments: 3 });
      await comments.markDeleted('c3', at);
      assert.deepEqual(await stats(), { upvotes: 0, comments: 2 });
      await comments.setHidden('c2', at);
      assert.deepEqual(await stats(), { upvotes: 0, comments: 1 });
      await comments.setHidden('c2', null);
      await comments.markDeleted('no-such-comment', at);
      assert.deepEqual(await stats(), { upvotes: 0, comments: 2 });
    } finally {
      await c.dispose();
    }
  });
}
