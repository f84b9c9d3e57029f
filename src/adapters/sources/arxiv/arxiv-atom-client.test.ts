import '../../../../test/no-network.ts';
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  type ReplayServer,
  recordedCall,
  startReplayServer,
} from '../../../../test/replay-server.ts';
import { fixedClock } from '../../../core/clock.ts';
import { isAppError } from '../../../core/errors.ts';
import { silentLogger } from '../../../log.ts';
import { PoliteHttp } from '../http/polite-http.ts';
import { ArxivAtomClient } from './arxiv-atom-client.ts';

const RECORDINGS = [
  'id_0000.0000_s0_m100_8b51d9633a68.json',
  'id_0808.05394_1707.08567_s0_m100_42e5aa0ec3af.json',
  'id_0808.05394_s0_m100_7b0c7d0a7cdd.json',
  'id_1605.08386_s0_m100_199195aa31ad.json',
  'id_1707.08567_s0_m100_6a1afebfc6a3.json',
  'id_2104.12255v1_s0_m100_6ae69987ffe1.json',
  'id_astro-ph_0601001_s0_m100_3150dca9dc76.json',
  'id_quant-ph_0201082v1_s0_m100_86989fe779ef.json',
  'q_testing_s0_m10_bc5a6c384fe9.json',
  'q_testing_s10_m10_34e56e15aaac.json',
  'q_testing_s20_m10_348a237fecab.json',
].map((f) => recordedCall(`arxiv-atom/${f}`));

/** Replays a recording whose id_list (as a set, versions dropped) or search start matches. */
function replay(url: URL) {
  const ids = url.searchParams.get('id_list');
  const start = url.searchParams.get('start');
  const key = (s: string | null) =>
    (s ?? '')
      .split(',')
      .map((x) => x.replace(/v\d+$/, ''))
      .sort()
      .join(',');
  const hit = RECORDINGS.find((r) =>
    ids
      ? key(r.url.searchParams.get('id_list')) === key(ids)
      : r.url.searchParams.get('search_query') !== '' &&
        r.url.searchParams.get('start') === start &&
        r.url.searchParams.get('max_results') === url.searchParams.get('max_results'),
  );
  return hit ? { status: hit.status, body: hit.body } : { status: 404, body: 'no recording' };
}

let server: ReplayServer;
let client: ArxivAtomClient;
before(async () => {
  server = await startReplayServer(replay);
  client = clientFor(server.origin, 0);
});
after(() => server.close());

function clientFor(origin: string, minIntervalMs: number, sleep?: (ms: number) => Promise<void>) {
  const http = new PoliteHttp({
    source: 'arxiv',
    fetch: (u, i) => globalThis.fetch(u, i),
    minIntervalMs,
    log: silentLogger,
    ...(sleep ? { sleep } : {}),
  });
  return new ArxivAtomClient({
    baseUrl: `${origin}/api/query`,
    http,
    clock: fixedClock('2026-08-22T12:00:00Z'),
  });
}

test('fetchByIds returns the papers arXiv knows, canonical ids, old-style ids included', async () => {
  const [old] = await client.fetchByIds(['astro-ph/0601001']);
  assert.equal(old?.id, 'astro-ph/0601001');
  const [byUrl] = await client.fetchByIds(['https://arxiv.org/abs/1605.08386v1']);
  assert.equal(byUrl?.id, '1605.08386');
  assert.equal(server.requests.at(-1)?.url.searchParams.get('id_list'), '1605.08386');
  const [proceedings] = await client.fetchByIds(['1707.08567']);
  assert.equal(proceedings?.authors.length, 34);
});

test('an id arXiv does not know is simply absent (recorded empty feed)', async () => {
  const empty = recordedCall('arxiv-atom/id_0000.0000_s0_m100_8b51d9633a68.json');
  const s = await startReplayServer(() => ({ status: 200, body: empty.body }));
  try {
    assert.deepEqual(await clientFor(s.origin, 0).fetchByIds(['2401.99999']), []);
  } finally {
    await s.close();
  }
});

test('ids arXiv rejects as malformed (0808.05394 has 5 digits before 2015) are refused locally', async () => {
  await assert.rejects(client.fetchByIds(['0808.05394']), (e) => isAppError(e, 'invalid_arxiv_id'));
});

test('an input that is not an arXiv id is refused before any request', async () => {
  const before = server.requests.length;
  await assert.rejects(client.fetchByIds(['abc']), (e) => isAppError(e, 'invalid_arxiv_id'));
  assert.equal(server.requests.length, before);
});

test('the HTTP 400 error feed becomes invalid_input with arXiv’s message', async () => {
  const { body } = recordedCall('arxiv-atom/id_abc_s0_m100_b79c8dcf6bc3.json');
  const s = await startReplayServer(() => ({ status: 400, body }));
  try {
    await assert.rejects(
      clientFor(s.origin, 0).fetchByIds(['2401.00001']),
      (e) => isAppError(e, 'invalid_input') && /incorrect id format/.test(e.message),
    );
  } finally {
    await s.close();
  }
});

test('search pages through results with start/max_results', async () => {
  const seen: string[] = [];
  let start: number | null = 0;
  while (start !== null && start < 30) {
    const page = await client.search('all:testing', start, 10);
    seen.push(...page.papers.map((p) => p.id));
    start = page.next;
  }
  assert.equal(seen.length, 30);
  const last = server.requests.at(-1)?.url;
  assert.equal(last?.searchParams.get('start'), '20');
});

test('503 + Retry-After is waited out, then the request succeeds; requests keep their gap', async () => {
  const ok = recordedCall('arxiv-atom/id_1605.08386_s0_m100_199195aa31ad.json');
  let calls = 0;
  const s = await startReplayServer(() =>
    ++calls === 1
      ? { status: 503, headers: { 'retry-after': '10' }, body: '<html>Retry after 10 s</html>' }
      : { body: ok.body },
  );
  const slept: number[] = [];
  try {
    const c = clientFor(s.origin, 3000, async (ms) => {
      slept.push(ms);
    });
    const [p] = await c.fetchByIds(['1605.08386']);
    assert.equal(p?.id, '1605.08386');
    assert.equal(calls, 2);
    assert.ok(slept.includes(10_000), `waited the Retry-After: ${slept}`);
    await c.fetchByIds(['1605.08386']);
    assert.ok(slept.at(-1) !== undefined && (slept.at(-1) ?? 0) > 2000, 'kept the 3 s gap');
  } finally {
    await s.close();
  }
});

test('a Retry-After longer than we wait in place fails with retryAfterSeconds for the scheduler', async () => {
  const s = await startReplayServer(() => ({
    status: 503,
    headers: { 'retry-after': '3600' },
    body: 'busy',
  }));
  try {
    await assert.rejects(
      clientFor(s.origin, 0, async () => {}).fetchByIds(['1605.08386']),
      (e) =>
        isAppError(e, 'source_unavailable') &&
        (e.details as { retryAfterSeconds?: number }).retryAfterSeconds === 3600,
    );
  } finally {
    await s.close();
  }
});
