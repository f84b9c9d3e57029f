import '../../../../test/no-network.ts';
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createTestContainer, type TestContainer } from '../../../../test/db.ts';
import { fixture, type ReplayServer, startReplayServer } from '../../../../test/replay-server.ts';
import { fixedClock } from '../../../core/clock.ts';
import { startWorker } from '../loop.ts';
import { buildJobs } from './index.ts';

const clock = fixedClock('2026-08-22T12:00:00Z');
let down = false;
let server: ReplayServer;
let c: TestContainer;
before(async () => {
  server = await startReplayServer((url) => {
    if (down) return { status: 503, headers: { 'retry-after': '7200' }, body: 'maintenance' };
    if (url.pathname.startsWith('/api/')) {
      return url.searchParams.get('date') === '2026-08-21'
        ? { body: fixture('hf-daily/2026-08-21.json') }
        : { body: '[]' };
    }
    return { body: fixture('arxiv-oai/arxiv-physics-hep-th.xml') };
  });
  c = await createTestContainer({
    clock,
    env: {
      PAPERBOY_SOURCES: 'arxiv:physics:hep-th,hf',
      PAPERBOY_SOURCE_INTERVAL_MINUTES: '60',
      ARXIV_OAI_URL: `${server.origin}/oai`,
      ARXIV_REQUEST_INTERVAL_MS: '0',
      HF_API_URL: `${server.origin}/api`,
      HF_REQUEST_INTERVAL_MS: '0',
    },
  });
});
after(async () => {
  await c.dispose();
  await server.close();
});

async function runWorkerOnce() {
  const worker = await startWorker({
    jobs: buildJobs(c),
    schedules: c.schedules,
    clock,
    log: c.logs,
    tickMs: 3_600_000,
  });
  await worker.runOnce();
  await worker.stop();
}

test('the worker runs one harvest job per configured source and schedules the next', async () => {
  await runWorkerOnce();
  const arxiv = await c.schedules.get('harvest:arxiv-oai:physics:hep-th');
  const hf = await c.schedules.get('harvest:hf-daily');
  for (const s of [arxiv, hf]) {
    assert.equal(s?.lastSuccessAt, clock.now().toISOString());
    assert.equal(s?.nextRunAt, '2026-08-22T13:00:00.000Z');
    assert.equal(s?.errorCount, 0);
  }
  const first = server.requests.find((r) => r.url.pathname === '/oai')?.url.searchParams;
  assert.equal(first?.get('from'), '2026-08-15', 'a first harvest starts a week back');
  assert.ok(await c.papers.get('1412.8323'));
  assert.ok(await c.papers.get('2608.19880'));
  assert.ok(
    (await c.ingest.listCursors()).some((k) => k.source === 'hf-daily'),
    'cursor stored',
  );
});

test('a source that is down records the error and retries when it asked (Retry-After)', async () => {
  down = true;
  clock.advance(3_600_000);
  await runWorkerOnce();
  const s = await c.schedules.get('harvest:hf-daily');
  assert.equal(s?.errorCount, 1);
  assert.match(s?.lastError ?? '', /huggingface is unavailable: HTTP 503/);
  assert.equal(s?.nextRunAt, new Date(clock.now().getTime() + 7_200_000).toISOString());
  down = false;
});

test('a snapshot file in PAPERBOY_SOURCES is loaded once, and again only when it changes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-snapshot-source-'));
  const file = join(dir, 'snapshot.json');
  writeFileSync(file, fixture('snapshot/arxiv-metadata-oai-snapshot.head200.jsonl'));
  const local = fixedClock('2026-08-22T12:00:00Z');
  const s = await createTestContainer({
    clock: local,
    env: { PAPERBOY_SOURCES: `snapshot:${file}`, PAPERBOY_SOURCE_INTERVAL_MINUTES: '60' },
  });
  const once = async () => {
    const worker = await startWorker({
      jobs: buildJobs(s),
      schedules: s.schedules,
      clock: local,
      log: s.logs,
      tickMs: 3_600_000,
    });
    await worker.runOnce();
    await worker.stop();
    local.advance(3_600_000);
    return (await s.ingest.listCursors())[0];
  };
  try {
    const first = await once();
    assert.equal(await s.papers.count(), 200);
    assert.equal(first?.records, 200);
    const second = await once();
    assert.deepEqual(second, first, 'a finished, unchanged file is not read again');
    appendFileSync(file, '\n');
    const third = await once();
    assert.equal(third?.records, 400, 'a changed file is read again');
    assert.equal(await s.papers.count(), 200);
  } finally {
    await s.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
});
