import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestContainer, type TestContainer } from '../../../test/db.ts';
import { buildFeaturedPaper, buildPaper } from '../../../test/factories.ts';
import { isAppError } from '../errors.ts';
import type { Paper } from '../papers/model.ts';
import {
  addComment,
  deleteComment,
  editComment,
  listThreads,
  setCommentHidden,
} from './comments.ts';
import type { Role, User } from './model.ts';
import { setBanned, setRole } from './moderation.ts';
import { featurePaper, submitPaper, unfeaturePaper } from './submissions.ts';

const NOW = '2026-08-22T12:00:00Z';
let c: TestContainer;
const fetched: string[][] = [];
let reader: User;
let other: User;
let mod: User;
let admin: User;

function recent(id: string, daysAgo: number): Paper {
  const at = new Date(Date.parse(NOW) - daysAgo * 86_400_000).toISOString();
  return buildPaper({ id, submittedAt: at, versions: [{ version: 1, submittedAt: at }] });
}

async function user(handle: string, role: Role): Promise<User> {
  return c.community.users.create({
    id: handle,
    email: `${handle}@example.org`,
    handle,
    displayName: handle,
    role,
    createdAt: NOW,
  });
}

before(async () => {
  c = await createTestContainer({ env: { PAPERBOY_SUBMIT_DAILY_QUOTA: '2' } });
  // The arXiv fetcher is remote: stand in for it with papers it "knows", recording the calls.
  c.community.fetcher = {
    async fetchByIds(ids) {
      fetched.push(ids);
      return ids.filter((id) => id === '2608.40009').map((id) => recent(id, 1));
    },
  };
  await c.papers.upsertMany([
    recent('2608.40001', 3),
    recent('2608.40002', 14),
    recent('2608.40003', 15),
    recent('2608.40004', 1),
    buildFeaturedPaper('2026-08-20', 5, { id: '2608.40005' }),
  ]);
  reader = await user('reader', 'reader');
  other = await user('other', 'reader');
  mod = await user('mod', 'moderator');
  admin = await user('admin', 'admin');
});
after(() => c.dispose());

test('submissions follow the rules: age, featured once, daily quota', async () => {
  const { day } = await submitPaper(c.community, reader, 'arXiv:2608.40001v1');
  assert.equal(day, '2026-08-22', 'today in America/New_York');
  const featured = await c.papers.listFeatured({ from: day, to: day }, { limit: 10, offset: 0 });
  assert.deepEqual(
    featured.items.map((i) => i.paper.id),
    ['2608.40001'],
  );
  await assert.rejects(submitPaper(c.community, other, '2608.40001'), (e) =>
    isAppError(e, 'conflict'),
  );
  await assert.rejects(
    submitPaper(c.community, other, '2608.40005'),
    /already featured on 2026-08-20/,
  );
  await assert.rejects(
    submitPaper(c.community, reader, '2608.40003'),
    /15 days ago; only papers up to 14 days old/,
  );
  await submitPaper(c.community, reader, 'https://arxiv.org/abs/2608.40002');
  await assert.rejects(
    submitPaper(c.community, reader, '2608.40004'),
    /used today's 2 submissions/,
  );
  await assert.rejects(submitPaper(c.community, reader, 'not-an-id'), (e) =>
    isAppError(e, 'invalid_arxiv_id'),
  );
});

test('unknown papers are fetched through the PaperFetcher port; unknown to arXiv is a 404', async () => {
  const { paper } = await submitPaper(c.community, other, '2608.40009');
  assert.equal(paper.id, '2608.40009');
  assert.ok(await c.papers.get('2608.40009'), 'stored');
  assert.ok((await c.embeddingQueue.peek(100)).includes('2608.40009'), 'queued for embedding');
  await assert.rejects(submitPaper(c.community, other, '2608.40010'), (e) =>
    isAppError(e, 'paper_not_found'),
  );
  assert.deepEqual(fetched, [['2608.40009'], ['2608.40010']]);
});

test('moderators feature and unfeature anything, and it is audited', async () => {
  await assert.rejects(featurePaper(c.community, reader, '2608.40003'), (e) =>
    isAppError(e, 'forbidden'),
  );
  await featurePaper(c.community, mod, '2608.40003');
  await unfeaturePaper(c.community, mod, '2608.40005');
  assert.deepEqual((await c.papers.get('2608.40005'))?.community.featuredDays, []);
  const log = await c.community.audit.recent(10);
  assert.deepEqual(log.map((e) => e.action).sort(), ['paper.feature', 'paper.unfeature']);
  assert.equal(log[0]?.actor?.handle, 'mod');
});

test('comments: one reply level, own edits only, moderators delete and hide, bans stop everything', async () => {
  const top = await addComment(c.community, reader, { paperId: '2608.40001', body: 'Top' });
  const reply = await addComment(c.community, other, {
    paperId: '2608.40001',
    body: 'Reply',
    parentId: top,
  });
  const nested = await addComment(c.community, reader, {
    paperId: '2608.40001',
    body: 'Nested',
    parentId: reply,
  });
  const threads = await listThreads(c.community, '2608.40001');
  assert.equal(threads.length, 1);
  assert.deepEqual(threads[0]?.replies.map((r) => r.id).sort(), [reply, nested].sort());
  await assert.rejects(
    addComment(c.community, reader, { paperId: '2608.40002', body: 'x', parentId: top }),
    (e) => isAppError(e, 'invalid_input'),
  );
  await assert.rejects(
    addComment(c.community, reader, { paperId: '2608.40001', body: '   ' }),
    (e) => isAppError(e, 'invalid_input'),
  );
  await assert.rejects(editComment(c.community, other, top, 'mine now'), (e) =>
    isAppError(e, 'forbidden'),
  );
  await assert.rejects(editComment(c.community, mod, top, 'edited by mod'), (e) =>
    isAppError(e, 'forbidden'),
  );
  await assert.rejects(deleteComment(c.community, other, top), (e) => isAppError(e, 'forbidden'));
  await assert.rejects(setCommentHidden(c.community, reader, reply, true), (e) =>
    isAppError(e, 'forbidden'),
  );
  await setCommentHidden(c.community, mod, reply, true);
  await deleteComment(c.community, mod, nested);
  const stats = await c.community.stats.forPapers(['2608.40001']);
  assert.equal(stats.get('2608.40001')?.comments, 1, 'hidden and deleted comments do not count');

  const banned = await setBanned(c.community, mod, other.id, true, 'spam');
  await assert.rejects(
    addComment(c.community, banned, { paperId: '2608.40001', body: 'x' }),
    /banned \(spam\)/,
  );
  await assert.rejects(editComment(c.community, banned, reply, 'x'), (e) =>
    isAppError(e, 'forbidden'),
  );
  await assert.rejects(submitPaper(c.community, banned, '2608.40004'), (e) =>
    isAppError(e, 'forbidden'),
  );
  await assert.rejects(
    setBanned(c.community, mod, admin.id, true),
    /only admins can ban moderators/,
  );
  await assert.rejects(setRole(c.community, mod, reader.id, 'moderator'), (e) =>
    isAppError(e, 'forbidden'),
  );
  await assert.rejects(setRole(c.community, admin, admin.id, 'reader'), /cannot demote yourself/);
  assert.equal((await setRole(c.community, admin, reader.id, 'moderator')).role, 'moderator');
});
