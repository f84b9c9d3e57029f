import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createTestContainer, type TestContainer } from '../../../test/db.ts';
import { buildFeaturedPaper } from '../../../test/factories.ts';
import { isAppError } from '../errors.ts';
import type { User } from './model.ts';
import { withSocial } from './social.ts';
import { toggleVote } from './votes.ts';

const VOTE_PROCESS = fileURLToPath(new URL('../../../test/vote-process.ts', import.meta.url));
let c: TestContainer;
let users: User[];

before(async () => {
  c = await createTestContainer();
  await c.papers.upsertMany([buildFeaturedPaper('2026-08-21', 40, { id: '2608.20001' })]);
  users = [];
  for (let i = 0; i < 50; i++) {
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
});
after(() => c.dispose());

async function total(): Promise<number> {
  const paper = await c.papers.get('2608.20001');
  const social = await withSocial(c.community, paper ? [paper] : [], null);
  return social.papers[0]?.community.upvotes ?? -1;
}

test('50 distinct users toggling in parallel leave exactly the right count', async () => {
  const first = await Promise.all(users.map((u) => toggleVote(c.community, u, '2608.20001')));
  assert.ok(first.every((o) => o.voted));
  assert.equal(await total(), 40 + 50, 'imported baseline 40 plus 50 local votes');
  // Every even user toggles again (takes the vote back), every odd one twice (back to voting), all at once.
  await Promise.all(
    users.flatMap((u, i) =>
      i % 2 === 0
        ? [toggleVote(c.community, u, '2608.20001')]
        : [toggleVote(c.community, u, '2608.20001'), toggleVote(c.community, u, '2608.20001')],
    ),
  );
  assert.equal(await total(), 40 + 25);
  const voted = await c.community.votes.votedAmong('u1', ['2608.20001']);
  assert.ok(voted.has('2608.20001'));
  const baseline = await c.papers.get('2608.20001');
  assert.equal(baseline?.community.upvotes, 40, 'the imported baseline is never overwritten');
});

test('a re-import of the paper keeps local votes on top of the new baseline', async () => {
  await c.papers.upsertMany([buildFeaturedPaper('2026-08-21', 44, { id: '2608.20001' })]);
  assert.equal(await total(), 44 + 25);
});

test('visitors and banned users cannot vote; unknown papers are 404s', async () => {
  await assert.rejects(toggleVote(c.community, null, '2608.20001'), (e) =>
    isAppError(e, 'unauthorized'),
  );
  const banned = { ...(users[0] as User), bannedAt: '2026-08-20T00:00:00Z' };
  await assert.rejects(toggleVote(c.community, banned, '2608.20001'), (e) =>
    isAppError(e, 'forbidden'),
  );
  await assert.rejects(toggleVote(c.community, users[1] ?? null, '2608.99999'), (e) =>
    isAppError(e, 'paper_not_found'),
  );
});

test('three processes on one store toggling at once keep the count exact', async () => {
  await c.papers.upsertMany([buildFeaturedPaper('2026-08-21', 0, { id: '2608.20002' })]);
  const ids = users.map((u) => u.id);
  const run = (part: string[]) =>
    new Promise<number>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', VOTE_PROCESS, c.dataDir, '2608.20002', ...part],
        {
          stdio: ['ignore', 'ignore', 'inherit'],
          env: { ...process.env, DATABASE_URL: c.config.databaseUrl ?? '' },
        },
      );
      child.on('error', reject);
      child.on('exit', (code) => resolve(code ?? 1));
    });
  const inProcess = (async () => {
    for (const u of users.slice(34)) await toggleVote(c.community, u, '2608.20002');
    return 0;
  })();
  const codes = await Promise.all([run(ids.slice(0, 17)), run(ids.slice(17, 34)), inProcess]);
  assert.deepEqual(codes, [0, 0, 0]);
  const stats = await c.community.stats.forPapers(['2608.20002']);
  assert.equal(stats.get('2608.20002')?.upvotes, 50);
});
