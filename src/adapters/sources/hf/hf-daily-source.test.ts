import '../../../../test/no-network.ts';
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestContainer, type TestContainer } from '../../../../test/db.ts';
import { fixture, type ReplayServer, startReplayServer } from '../../../../test/replay-server.ts';
import { fixedClock } from '../../../core/clock.ts';
import { ingestSource } from '../../../core/ingest/ingest-source.ts';

const RECORDED = new Set(['2024-05-27', '2024-10-25', '2024-12-11', '2025-01-10', '2025-06-10']);
let fixed: Record<string, string> = {};
let server: ReplayServer;
let c: TestContainer;
before(async () => {
  server = await startReplayServer((url) => {
    const date = url.searchParams.get('date') ?? '';
    if (url.pathname !== '/api/daily_papers') return { status: 404, body: 'no' };
    const body = fixed[date] ?? (RECORDED.has(date) ? fixture(`hf-daily/${date}.json`) : '[]');
    return { headers: { 'content-type': 'application/json' }, body };
  });
  c = await createTestContainer({
    env: { HF_API_URL: `${server.origin}/api`, HF_REQUEST_INTERVAL_MS: '0' },
    clock: fixedClock('2025-01-12T12:00:00Z'),
  });
});
after(async () => {
  await c.dispose();
  await server.close();
});

test('a range of days: empty days pass, a malformed capture is skipped with a clear error', async () => {
  const report = await ingestSource({
    source: c.sources.hfDaily({ from: '2025-01-09', to: '2025-01-11' }),
    store: c.ingest,
  });
  assert.equal(report.pages, 3);
  assert.equal(report.inserted, 0);
  assert.equal(report.rejected.length, 1);
  assert.match(report.rejected[0]?.error ?? '', /2025-01-10: expected a JSON array/);
  const state = JSON.parse((await c.ingest.getCursor('hf-daily', ''))?.state ?? '{}');
  assert.deepEqual(state, { lastDay: '2025-01-11', retry: ['2025-01-10'] });
  assert.equal(await c.papers.count(), 0, 'nothing of the malformed day was stored');
});

test('the skipped day is retried on the next run and imported once readable', async () => {
  fixed = { '2025-01-10': fixture('hf-daily/2024-10-25.json') };
  const seen = server.requests.length;
  const report = await ingestSource({ source: c.sources.hfDaily({}), store: c.ingest });
  const days = server.requests.slice(seen).map((r) => r.url.searchParams.get('date'));
  assert.equal(days[0], '2025-01-10', 'retried first');
  assert.ok(days.includes('2025-01-12'), 'then up to today');
  assert.ok(report.inserted > 5);
  const state = JSON.parse((await c.ingest.getCursor('hf-daily', ''))?.state ?? '{}');
  assert.deepEqual(state, { lastDay: '2025-01-12', retry: [] });
  const queued = await c.embeddingQueue.size();
  assert.equal(queued, report.inserted, 'every new paper is queued for embedding');
});

test('re-reading a day updates community fields and keeps featured days as a union', async () => {
  fixed = {};
  await ingestSource({
    source: c.sources.hfDaily({ from: '2024-05-27', to: '2024-05-27' }),
    store: c.ingest,
  });
  const body = JSON.parse(fixture('hf-daily/2024-05-27.json')) as {
    paper: { id: string; upvotes: number };
  }[];
  const first = body[0];
  assert.ok(first);
  first.paper.upvotes += 100;
  fixed = { '2024-05-28': JSON.stringify([first]) };
  const report = await ingestSource({
    source: c.sources.hfDaily({ from: '2024-05-28', to: '2024-05-28' }),
    store: c.ingest,
  });
  assert.equal(report.updated, 1);
  const p = await c.papers.get(first.paper.id);
  assert.equal(p?.community.upvotes, first.paper.upvotes);
  assert.deepEqual(
    p?.community.featuredDays.map((d) => d.day),
    ['2024-05-27', '2024-05-28'],
  );
});
