import '../../../../test/no-network.ts';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startReplayServer } from '../../../../test/replay-server.ts';
import { isAppError } from '../../../core/errors.ts';
import { silentLogger } from '../../../log.ts';
import { PoliteHttp, parseRetryAfter } from './polite-http.ts';

test('requests from many callers go one at a time, each waiting the interval after the last', async () => {
  let inFlight = 0;
  let maxInFlight = 0;
  const server = await startReplayServer(async () => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await new Promise((r) => setTimeout(r, 15));
    inFlight--;
    return { body: 'ok' };
  });
  let clock = 1_000_000;
  const waits: number[] = [];
  const http = new PoliteHttp({
    source: 'test',
    fetch: (u, i) => globalThis.fetch(u, i),
    minIntervalMs: 3000,
    log: silentLogger,
    now: () => clock,
    sleep: async (ms) => {
      waits.push(ms);
      clock += ms;
    },
  });
  try {
    const results = await Promise.all([1, 2, 3, 4].map((n) => http.get(`${server.origin}/r${n}`)));
    assert.deepEqual(
      results.map((r) => r.status),
      [200, 200, 200, 200],
    );
    assert.equal(maxInFlight, 1, 'never two requests at once');
    assert.deepEqual(
      server.requests.map((r) => r.url.pathname),
      ['/r1', '/r2', '/r3', '/r4'],
      'in call order',
    );
    assert.deepEqual(waits, [0, 3000, 3000, 3000]);
  } finally {
    await server.close();
  }
});

test('Retry-After as seconds or an HTTP date', () => {
  const now = Date.parse('2026-08-22T12:00:00Z');
  assert.equal(parseRetryAfter('10', now), 10);
  assert.equal(parseRetryAfter('Sat, 22 Aug 2026 12:02:00 GMT', now), 120);
  assert.equal(parseRetryAfter('soon', now), null);
  assert.equal(parseRetryAfter(null, now), null);
});

test('a server error without Retry-After fails at once with source_unavailable', async () => {
  const server = await startReplayServer(() => ({ status: 500, body: 'boom' }));
  const http = new PoliteHttp({
    source: 'test',
    fetch: (u, i) => globalThis.fetch(u, i),
    minIntervalMs: 0,
    log: silentLogger,
  });
  try {
    await assert.rejects(http.get(`${server.origin}/x`), (e) =>
      isAppError(e, 'source_unavailable'),
    );
    assert.equal(server.requests.length, 1);
  } finally {
    await server.close();
  }
});

test('an unreachable host is source_unavailable naming the URL', async () => {
  const http = new PoliteHttp({
    source: 'test',
    fetch: (u, i) => globalThis.fetch(u, i),
    minIntervalMs: 0,
    log: silentLogger,
  });
  await assert.rejects(
    http.get('http://127.0.0.1:9/nothing'),
    (e) => isAppError(e, 'source_unavailable') && /127\.0\.0\.1:9/.test(e.message),
  );
});
