import '../../../../test/no-network.ts';
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestContainer, type TestContainer } from '../../../../test/db.ts';
import { fixture, type ReplayServer, startReplayServer } from '../../../../test/replay-server.ts';
import { fixedClock } from '../../../core/clock.ts';
import { isAppError } from '../../../core/errors.ts';
import { ingestSource } from '../../../core/ingest/ingest-source.ts';
import { createMemoryLogger, silentLogger } from '../../../log.ts';
import { PoliteHttp } from '../http/polite-http.ts';
import { arxivOaiSource } from './arxiv-oai-source.ts';

const PAGE1 = fixture('arxiv-oai/listrecords_oai_dc_cs_2024-01-25_with_resumptionToken.xml');
const PAGE2 = fixture('arxiv-oai/arxiv-physics-hep-th.xml');
const TOKEN = '6960524|1001';

let server: ReplayServer;
let page2: () => { status?: number; body: string } = () => ({ body: PAGE2 });
let c: TestContainer;
before(async () => {
  server = await startReplayServer((url) => {
    const token = url.searchParams.get('resumptionToken');
    if (token === TOKEN) return page2();
    if (token) return { body: oaiError('badResumptionToken', 'expired') };
    return { body: PAGE1 };
  });
  c = await createTestContainer({
    env: { ARXIV_OAI_URL: `${server.origin}/oai`, ARXIV_REQUEST_INTERVAL_MS: '0' },
  });
});
after(async () => {
  await c.dispose();
  await server.close();
});

function oaiError(code: string, text: string): string {
  return `<?xml version="1.0"?><OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2026-01-01T00:00:00Z</responseDate><request>x</request><error code="${code}">${text}</error></OAI-PMH>`;
}

const cs = () => c.sources.arxivOai({ set: 'cs', metadataPrefix: 'oai_dc', from: '2024-01-25' });

test('a page that cannot be read stops the harvest after the pages before it were committed', async () => {
  page2 = () => ({ body: PAGE2.slice(0, 3000) });
  await assert.rejects(ingestSource({ source: cs(), store: c.ingest }), (e) =>
    isAppError(e, 'source_malformed'),
  );
  assert.equal(await c.papers.count(), 5);
  const cursor = await c.ingest.getCursor('arxiv-oai', 'cs');
  assert.equal(JSON.parse(cursor?.state ?? '{}').token, TOKEN);
  const first = server.requests[0]?.url;
  assert.equal(first?.searchParams.get('metadataPrefix'), 'oai_dc');
  assert.equal(first?.searchParams.get('set'), 'cs');
  assert.equal(first?.searchParams.get('from'), '2024-01-25');
});

test('the next run resumes with the stored resumptionToken and completes the list', async () => {
  page2 = () => ({ body: PAGE2 });
  const seen = server.requests.length;
  const report = await ingestSource({ source: cs(), store: c.ingest });
  const sent = server.requests.slice(seen).map((r) => r.url);
  assert.equal(sent.length, 1, 'page 1 is not fetched again');
  assert.equal(sent[0]?.searchParams.get('resumptionToken'), TOKEN);
  assert.equal(sent[0]?.searchParams.has('metadataPrefix'), false, 'resumptionToken is exclusive');
  assert.equal(report.inserted, 3);
  assert.equal(await c.papers.count(), 8);
  const state = JSON.parse((await c.ingest.getCursor('arxiv-oai', 'cs'))?.state ?? '{}');
  assert.deepEqual(
    { token: state.token, from: state.from },
    { token: null, from: '2024-01-26' },
    'the next harvest starts from the latest datestamp seen',
  );
});

test('an incremental run starts from the stored datestamp; re-reading changes nothing', async () => {
  const seen = server.requests.length;
  const report = await ingestSource({
    source: c.sources.arxivOai({ set: 'cs', metadataPrefix: 'oai_dc' }),
    store: c.ingest,
  });
  assert.equal(server.requests[seen]?.url.searchParams.get('from'), '2024-01-26');
  assert.equal(report.inserted, 0);
  assert.equal(report.unchanged, 8);
});

test('an expired resumptionToken restarts the window instead of failing', async () => {
  const store = c.ingest;
  await store.commitPage([], {
    source: 'arxiv-oai',
    set: 'math',
    state: JSON.stringify({
      prefix: 'oai_dc',
      from: null,
      until: null,
      token: 'stale',
      maxDatestamp: null,
    }),
    records: 0,
  });
  const seen = server.requests.length;
  await ingestSource({
    source: c.sources.arxivOai({ set: 'math', metadataPrefix: 'oai_dc' }),
    store,
  });
  const sent = server.requests.slice(seen).map((r) => r.url.searchParams);
  assert.equal(sent[0]?.get('resumptionToken'), 'stale');
  assert.equal(sent[1]?.get('metadataPrefix'), 'oai_dc');
  assert.equal(sent[1]?.get('set'), 'math');
});

test('503 + Retry-After (recorded from arXiv) is waited out, then the page is harvested', async () => {
  const recording = JSON.parse(fixture('arxiv-oai/listrecords-503-then-200.json')) as {
    status: number;
    response: string;
    rawHeaders: string[];
  }[];
  let call = 0;
  const s = await startReplayServer(() => {
    const r = recording[Math.min(call++, 1)];
    const headers: Record<string, string> = {};
    for (let i = 0; i + 1 < (r?.rawHeaders.length ?? 0); i += 2) {
      const [k, v] = [r?.rawHeaders[i] ?? '', r?.rawHeaders[i + 1] ?? ''];
      if (/^(retry-after|content-type)$/i.test(k)) headers[k.toLowerCase()] = v;
    }
    return { status: r?.status ?? 500, headers, body: r?.response ?? '' };
  });
  const slept: number[] = [];
  try {
    const http = new PoliteHttp({
      source: 'arxiv',
      fetch: (u, i) => globalThis.fetch(u, i),
      minIntervalMs: 3000,
      log: silentLogger,
      sleep: async (ms) => {
        slept.push(ms);
      },
    });
    const source = arxivOaiSource({
      baseUrl: `${s.origin}/oai2`,
      http,
      clock: fixedClock('2026-08-22T12:00:00Z'),
      log: silentLogger,
      set: 'all-503',
      from: '2015-01-01',
      until: '2015-01-03',
    });
    const report = await ingestSource({ source, store: c.ingest });
    assert.equal(call, 2);
    assert.ok(slept.includes(10_000), `slept ${slept.join(', ')}`);
    assert.equal(report.inserted, 2);
    assert.ok(await c.papers.get('hep-th/9504118'), 'old-style id from OAI');
  } finally {
    await s.close();
  }
});

test('an unreadable cursor is reported and the window is read from its start', async () => {
  const log = createMemoryLogger();
  const requests: string[] = [];
  const s = await startReplayServer((url) => {
    requests.push(url.search);
    return { body: PAGE2 };
  });
  try {
    const source = arxivOaiSource({
      baseUrl: `${s.origin}/oai`,
      http: new PoliteHttp({
        source: 'arxiv',
        fetch: (u, i) => globalThis.fetch(u, i),
        minIntervalMs: 0,
        log,
      }),
      clock: fixedClock('2026-08-22T12:00:00Z'),
      log,
      set: 'cs',
      from: '2024-01-25',
    });
    const pages = source.harvest('{"prefix": "arXiv", "tok', new AbortController().signal);
    for await (const _page of pages) break;
    assert.doesNotMatch(requests[0] ?? '', /resumptionToken/);
    assert.ok(
      log.entries.some((e) => e.level === 'warn' && e.msg === 'unreadable cursor; starting over'),
    );
  } finally {
    await s.close();
  }
});
