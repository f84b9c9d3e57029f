/**
 * The API and feeds are limited per client IP with RateLimit-* headers on every answer and a
 * JSON 429 + Retry-After past the allowance; other clients are unaffected; /healthz never is.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestContainer, type TestContainer } from '../../../test/db.ts';
import { createApp } from './app.ts';

let c: TestContainer;
let app: ReturnType<typeof createApp>;
before(async () => {
  c = await createTestContainer({
    env: { PAPERBOY_API_PER_IP_MINUTE: '3', PAPERBOY_TRUST_PROXY: 'true' },
  });
  app = createApp(c);
});
after(() => c.dispose());

const from = (ip: string) => ({ headers: { 'x-forwarded-for': ip } });

test('per-IP API limit: headers on each answer, 429 with Retry-After after the allowance', async () => {
  const remaining: (string | null)[] = [];
  for (const path of [
    '/api/trending',
    '/api/daily_papers?date=2026-08-21',
    '/feeds/trending.rss',
  ]) {
    const res = await app.request(path, from('192.0.2.1'));
    assert.ok(res.status < 400, `${path}: ${res.status}`);
    assert.equal(res.headers.get('ratelimit-limit'), '3');
    assert.equal(res.headers.get('ratelimit-policy'), '3;w=60');
    remaining.push(res.headers.get('ratelimit-remaining'));
  }
  assert.deepEqual(remaining, ['2', '1', '0']);
  const refused = await app.request('/api/trending', from('192.0.2.1'));
  assert.equal(refused.status, 429);
  const retry = Number(refused.headers.get('retry-after'));
  assert.ok(retry >= 1 && retry <= 60, String(retry));
  const body = (await refused.json()) as { error: { code: string } };
  assert.equal(body.error.code, 'rate_limited');
  assert.equal((await app.request('/api/trending', from('192.0.2.2'))).status, 200);
  assert.equal((await app.request('/healthz', from('192.0.2.1'))).status, 200);
});
