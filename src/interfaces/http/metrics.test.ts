/**
 * /metrics in Prometheus text format, read back with a real parser of that format: requests by
 * route pattern (never the raw URL) with a latency histogram, mails sent through real SMTP, job
 * runs from the worker loop, the embedding queue's length; and the optional bearer token.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import parse, { type Family } from 'parse-prometheus-text-format';
import { createTestContainer, type TestContainer } from '../../../test/db.ts';
import { buildFeaturedPaper } from '../../../test/factories.ts';
import { startSmtpServer, type TestSmtpServer } from '../../../test/smtp.ts';
import { WebAgent } from '../../../test/web-agent.ts';
import { startWorker } from '../worker/loop.ts';
import { createApp } from './app.ts';

let smtp: TestSmtpServer;
let c: TestContainer;
let app: ReturnType<typeof createApp>;
before(async () => {
  smtp = await startSmtpServer();
  c = await createTestContainer({
    env: {
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      PAPERBOY_METRICS_TOKEN: 'a-long-enough-scrape-token',
    },
  });
  await c.papers.upsertMany([buildFeaturedPaper('2026-08-21', 3, { id: '2608.50001' })]);
  await c.embeddingQueue.enqueue(['2608.50001']);
  app = createApp(c);
});
after(async () => {
  await c.dispose();
  await smtp.close();
});

const sample = (families: Family[], name: string, labels: Record<string, string>) =>
  families
    .find((f) => f.name === name)
    ?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v));

test('requests, mails, job runs and queue lengths, in Prometheus text format', async () => {
  for (let i = 0; i < 3; i++) await app.request('/papers/2608.50001');
  await app.request('/papers/2608.59999'); // 404 from a route
  await app.request(`/no/such/${'x'.repeat(50)}`); // no route at all
  await new WebAgent(app).signIn('metrics@example.org', smtp);
  const worker = await startWorker({
    jobs: [{ name: 'test:job', everyMs: 60_000, run: async () => undefined }],
    schedules: c.schedules,
    clock: c.clock,
    log: c.log,
    onRun: c.metrics.jobRun,
  });
  await worker.runOnce();
  await worker.stop();

  const refused = await app.request('/metrics');
  assert.equal(refused.status, 401);
  const res = await app.request('/metrics', {
    headers: { authorization: 'Bearer a-long-enough-scrape-token' },
  });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
  const text = await res.text();
  const families = parse(text);
  const requests = 'paperboy_http_requests_total';
  assert.equal(sample(families, requests, { route: '/papers/:id', status: '200' })?.value, '3');
  assert.equal(sample(families, requests, { route: '/papers/:id', status: '404' })?.value, '1');
  assert.equal(sample(families, requests, { route: 'unmatched', status: '404' })?.value, '1');
  assert.ok(
    !families
      .find((f) => f.name === requests)
      ?.metrics.some((m) => m.labels?.route?.includes('xxx')),
  );
  // The parser flattens labelled histograms (a limitation of it), so their series are read as lines.
  assert.ok(families.some((f) => f.name === 'paperboy_http_request_duration_seconds'));
  assert.match(
    text,
    /^paperboy_http_request_duration_seconds_count\{method="GET",route="\/papers\/:id"\} 4$/m,
  );
  assert.match(
    text,
    /^paperboy_http_request_duration_seconds_bucket\{le="0\.05",method="GET",route="\/papers\/:id"\} \d+$/m,
  );
  assert.equal(sample(families, 'paperboy_mails_total', { outcome: 'sent' })?.value, '1');
  assert.equal(
    sample(families, 'paperboy_job_runs_total', { job: 'test:job', outcome: 'ok' })?.value,
    '1',
  );
  assert.equal(sample(families, 'paperboy_queue_length', { queue: 'embedding' })?.value, '1');
  assert.ok(families.some((f) => f.name === 'paperboy_nodejs_eventloop_lag_p99_seconds'));
});
