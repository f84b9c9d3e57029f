/**
 * A store filled through the repos with a bit of everything (papers, cursors, jobs, accounts,
 * votes, comments, submissions, collections, subscriptions, digests, vectors, settings), for the
 * migration test to copy into stores of older schemas.
 */
import type { Store } from '../../src/adapters/db/connect.ts';
import { KyselyQueryVectorCache } from '../../src/adapters/db/kysely-query-vector-cache.ts';
import type { Container } from '../../src/container.ts';
import { fixedClock } from '../../src/core/clock.ts';
import { buildFeaturedPaper, buildPaper } from '../factories.ts';

const NOW = new Date('2026-08-22T12:00:00Z');

/**
 * Fills the store behind `c` (on the latest schema). Only values every landed schema can hold
 * exactly (scores that are 4-byte floats too), so a copy into an older schema loses nothing.
 */
export async function seedStore(c: Container, store: Store): Promise<void> {
  const featured = buildFeaturedPaper('2026-08-20', 12, {
    id: '2608.10001',
    authors: ['Émilie du Châtelet'],
  });
  await c.papers.upsertMany([
    {
      ...featured,
      community: {
        ...featured.community,
        featuredDays: [{ day: '2026-08-20', rank: 3, featuredAt: '2026-08-20T06:00:00.000Z' }],
      },
    },
    buildPaper({ id: 'hep-th/9901001', doi: '10.1000/x', submittedAt: null }),
  ]);
  await c.ingest.commitPage([buildPaper({ id: '2608.10002' }), buildPaper({ id: '2608.10003' })], {
    source: 'arxiv-oai',
    set: 'cs',
    state: '{"token":"abc"}',
    records: 2,
  });
  await c.schedules.register(['harvest:arxiv-oai:cs', 'store:optimize'], NOW);
  await c.schedules.claim(
    'harvest:arxiv-oai:cs',
    'host:1:w',
    NOW,
    new Date(NOW.getTime() + 60_000),
  );
  await c.schedules.fail('harvest:arxiv-oai:cs', 'host:1:w', '503 from arXiv', NOW);

  const {
    users,
    sessions,
    loginTokens,
    votes,
    comments,
    submissions,
    collections,
    audit,
    trending,
  } = c.community;
  const ada = await users.create({
    id: 'u-ada',
    email: 'ada@example.org',
    handle: 'ada',
    displayName: 'Ada',
    role: 'admin',
    createdAt: NOW.toISOString(),
  });
  const bob = await users.create({
    id: 'u-bob',
    email: 'bob@example.org',
    handle: 'bob',
    displayName: 'Bob',
    role: 'reader',
    createdAt: NOW.toISOString(),
  });
  await users.update(bob.id, { passwordHash: 'scrypt$salt$hash' });
  await sessions.create({
    idHash: 'sess-1',
    userId: ada.id,
    createdAt: NOW.toISOString(),
    expiresAt: '2026-09-22T12:00:00Z',
  });
  await loginTokens.create({
    tokenHash: 'tok-1',
    email: 'bob@example.org',
    createdAt: NOW.toISOString(),
    expiresAt: '2026-08-22T12:15:00Z',
  });
  await loginTokens.consume('tok-1', '2026-08-22T12:01:00Z');
  await votes.toggle(ada.id, '2608.10001', NOW.toISOString());
  await votes.toggle(bob.id, '2608.10001', NOW.toISOString());
  await comments.create({
    id: 'c-1',
    paperId: '2608.10001',
    userId: bob.id,
    parentId: null,
    body: 'Nice *result*',
    createdAt: NOW.toISOString(),
  });
  await comments.create({
    id: 'c-2',
    paperId: '2608.10001',
    userId: ada.id,
    parentId: 'c-1',
    body: 'Agreed',
    createdAt: '2026-08-22T12:01:00Z',
  });
  await comments.recount('2608.10001');
  await comments.report({
    commentId: 'c-1',
    userId: ada.id,
    reason: 'test report',
    createdAt: NOW.toISOString(),
  });
  await submissions.feature({
    paperId: '2608.10002',
    day: '2026-08-22',
    userId: bob.id,
    at: NOW.toISOString(),
    dailyQuota: 3,
  });
  await collections.create({
    id: 'k-1',
    userId: ada.id,
    name: 'Reading',
    description: 'for later',
    isPublic: true,
    at: NOW.toISOString(),
  });
  await collections.putItem('k-1', 'hep-th/9901001', 'classic', NOW.toISOString());
  await audit.record({
    actorId: ada.id,
    action: 'comment.hide',
    targetType: 'comment',
    targetId: 'c-1',
    detail: '',
    createdAt: NOW.toISOString(),
  });
  await trending.startFeaturedSince('2026-08-01');
  await trending.writeScores([{ paperId: '2608.10001', score: 0.375 }]);
  await trending.setAsOf(NOW.toISOString());
  await c.secret();

  await c.subscriptions.ensureAddress('reader@example.org', NOW);
  const sub = {
    id: 'sub-1',
    address: 'reader@example.org',
    kind: 'search' as const,
    cadence: 'daily' as const,
    query: 'q=graph+neural',
    timeZone: 'Europe/Berlin',
    status: 'active' as const,
    minScore: 0.3,
    userId: ada.id,
    createdAt: NOW.toISOString(),
    confirmedAt: NOW.toISOString(),
    unsubscribedAt: null,
    cursor: null,
    includeTerms: 'graph OR molecule',
    excludeTerms: 'survey',
  };
  await c.subscriptions.create(sub);
  const digest = {
    id: 'dig-1',
    subscriptionId: sub.id,
    address: sub.address,
    period: '2026-08-22',
    status: 'pending' as const,
    windowFrom: '2026-08-21T12:00:00.000Z',
    windowTo: NOW.toISOString(),
    picks: [{ paperId: '2608.10001', score: 0.75 }],
    messageId: 'dig-1@example.org',
    attempts: 0,
    nextAttemptAt: NOW.toISOString(),
    lastError: null,
    createdAt: NOW.toISOString(),
    sentAt: null,
    confirmedAt: null,
    smtpResponse: null,
  };
  await c.digests.record([{ digest, cursor: NOW.toISOString() }]);
  await c.digestDeps.outcomes.markSent(digest.id, NOW);
  await c.digestDeps.outcomes.markConfirmed(digest.id, NOW, '250 2.0.0 queued');
  await c.digestDeps.bounces.recordBounce('reader@example.org', '550 once', NOW, 5);
  await c.digestDeps.sendLock.acquire('host:1:sender', NOW, new Date(NOW.getTime() + 60_000));
  await new KyselyQueryVectorCache(store.db, fixedClock(NOW.toISOString())).put(
    'hash@1',
    new Map([['q=graph+neural', Float32Array.from([0.6, 0.8])]]),
  );
  // For you (0901, 0903, 0904): a follow of a whole name, one of a person, a revoked feed URL.
  await c.recs.library.follow('u-ada', {
    kind: 'author',
    value: 'ada lovelace',
    label: 'Ada Lovelace',
    createdAt: NOW.toISOString(),
  });
  await c.recs.library.follow('u-ada', {
    kind: 'author',
    value: 'wei zhang#2608.10002',
    label: 'Wei Zhang',
    createdAt: NOW.toISOString(),
    coauthors: ['Chen Li'],
  });
  await c.recs.library.bumpFeedKeyGeneration('u-ada', NOW.toISOString());
  if (c.search.vectors) {
    await c.search.vectors.put([
      { paperId: '2608.10001', vector: unit(64, 1), textHash: 'h1' },
      { paperId: 'hep-th/9901001', vector: unit(64, 2), textHash: 'h2' },
    ]);
  }
}

function unit(dims: number, at: number): Float32Array {
  const v = new Float32Array(dims);
  v[at] = 1;
  return v;
}
