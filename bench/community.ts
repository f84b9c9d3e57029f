/**
 * `npm run bench:community`: the community layer's hot paths on the demo corpus (1,416 real
 * papers) plus synthetic featured papers: vote toggles (sequential and 50 in parallel), the
 * trending refresh over the window, the trending list (an indexed read), and the daily page with
 * local votes and the viewer's upvotes, rendered in-process. Prints one line per figure.
 */
import { loadConfig } from '../src/config.ts';
import { createContainer } from '../src/container.ts';
import { fixedClock } from '../src/core/clock.ts';
import type { User } from '../src/core/community/model.ts';
import { getTrending, refreshTrending } from '../src/core/community/trending.ts';
import { toggleVote } from '../src/core/community/votes.ts';
import { addDays } from '../src/core/feed-periods/period.ts';
import { emptyCommunity, type Paper } from '../src/core/papers/model.ts';
import { createApp } from '../src/interfaces/http/app.ts';
import { silentLogger } from '../src/log.ts';
import { tempDir } from '../test/db.ts';

const SYNTHETIC = Number(process.env.BENCH_FEATURED ?? 20_000);
const dir = tempDir('paperboy-bench-');
const config = loadConfig({ PAPERBOY_DATA_DIR: dir.path, PAPERBOY_EMBEDDER: 'none' });
if (!config.ok) throw new Error(config.problems.join('\n'));
const clock = fixedClock('2026-08-22T12:00:00Z');
const c = await createContainer(config.config, { log: silentLogger, clock });

function time<T>(label: string, n: number, unit: string, fn: () => Promise<T>): Promise<T> {
  const started = process.hrtime.bigint();
  return fn().then((result) => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const rate =
      n > 1 ? ` (${((n * 1000) / ms).toFixed(0)} ${unit}/s, ${(ms / n).toFixed(2)} ms each)` : '';
    console.log(`${label}: ${ms.toFixed(1)} ms${rate}`);
    return result;
  });
}

try {
  await time('seed demo corpus', 1, '', () => c.seedDemo());
  // Synthetic featured papers spread over the last 60 days, with imported upvotes.
  const synthetic: Paper[] = Array.from({ length: SYNTHETIC }, (_, i) => ({
    id: `2607.${String(i).padStart(5, '0')}`,
    version: 1,
    title: `Synthetic paper ${i}`,
    abstract: 'A synthetic abstract.',
    authors: [`Author ${i % 997}`, `Author ${(i * 7) % 991}`],
    categories: ['cs.LG'],
    submittedAt: `${addDays('2026-08-22', -(i % 60))}T00:00:00Z`,
    updatedAt: null,
    doi: null,
    journalRef: null,
    comments: null,
    links: { code: null, project: null },
    versions: [],
    community: {
      ...emptyCommunity(),
      upvotes: i % 200,
      featuredDays: [{ day: addDays('2026-08-22', -(i % 60)), rank: null, featuredAt: null }],
    },
    provenance: { source: 'hf-daily', fetchedAt: '2026-08-22T00:00:00Z' },
  }));
  await time(`upsert ${SYNTHETIC} synthetic featured papers`, 1, '', async () => {
    for (let i = 0; i < synthetic.length; i += 1000)
      await c.papers.upsertMany(synthetic.slice(i, i + 1000));
  });
  console.log(`papers in store: ${await c.papers.count()}`);

  const users: User[] = [];
  for (let i = 0; i < 200; i++) {
    users.push(
      await c.community.users.create({
        id: `u${i}`,
        email: `u${i}@example.org`,
        handle: `user-${i}`,
        displayName: `U${i}`,
        role: 'reader',
        createdAt: '2026-08-01T00:00:00Z',
      }),
    );
  }
  const first = await time(
    'trending refresh (first: starts clocks + scores the window)',
    1,
    '',
    () => refreshTrending(c.community),
  );
  console.log(
    `  scored ${first.scored} papers in the ${config.config.trendingWindowDays}-day window, retired ${first.retired}`,
  );
  await time('trending refresh (steady state)', 1, '', () => refreshTrending(c.community));

  const target = synthetic[0]?.id ?? '';
  await time('200 vote toggles, sequential (one user each)', 200, 'toggles', async () => {
    for (const u of users) await toggleVote(c.community, u, target);
  });
  await time('200 vote toggles, 50 at a time in parallel', 200, 'toggles', async () => {
    for (let i = 0; i < users.length; i += 50) {
      await Promise.all(
        users.slice(i, i + 50).map((u) => toggleVote(c.community, u, synthetic[1]?.id ?? '')),
      );
    }
  });
  const stats = await c.community.stats.forPapers([target, synthetic[1]?.id ?? '']);
  console.log(
    `  local upvotes after: ${[...stats.values()].map((s) => s.upvotes).join(', ')} (expected 200, 200)`,
  );

  const runs = 200;
  await time(`getTrending top 50, ${runs} calls`, runs, 'calls', async () => {
    for (let i = 0; i < runs; i++) await getTrending(c.community, { limit: 50 });
  });
  const app = createApp(c);
  await time(`GET /trending (HTML), ${runs} requests in-process`, runs, 'requests', async () => {
    for (let i = 0; i < runs; i++) await (await app.request('/trending')).text();
  });
  await time(
    `GET / (daily page with local votes), ${runs} requests in-process`,
    runs,
    'requests',
    async () => {
      for (let i = 0; i < runs; i++) await (await app.request('/')).text();
    },
  );
  await time(
    `GET /feeds/trending.atom, ${runs} requests in-process`,
    runs,
    'requests',
    async () => {
      for (let i = 0; i < runs; i++) await (await app.request('/feeds/trending.atom')).text();
    },
  );
} finally {
  await c.close();
  dir.remove();
}
