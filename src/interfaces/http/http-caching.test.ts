/**
 * Conditional requests and CORS on the machine-readable surface: ETag + If-None-Match → 304,
 * Last-Modified that moves only when the answer changes (If-Modified-Since alone → 304), CORS for
 * public GET/HEAD without credentials, private caching for callers with a token — and none of it
 * on pages or writes.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestContainer, type TestContainer } from '../../../test/db.ts';
import { buildFeaturedPaper } from '../../../test/factories.ts';
import { fixedClock } from '../../core/clock.ts';
import { createApiToken } from '../../core/community/api-tokens.ts';
import { createApp } from './app.ts';

const clock = fixedClock('2026-08-22T12:00:00Z');
let c: TestContainer;
let app: ReturnType<typeof createApp>;
let write = '';

before(async () => {
  c = await createTestContainer({ clock });
  await c.papers.upsertMany([
    buildFeaturedPaper('2026-08-21', 5, { id: '2608.30001', title: 'Cached paper' }),
    buildFeaturedPaper('2026-08-21', 3, { id: '2608.30002', title: 'Another paper' }),
  ]);
  const user = await c.community.users.create({
    id: 'u1',
    email: 'ada@example.org',
    handle: 'ada',
    displayName: 'Ada',
    role: 'reader',
    createdAt: '2026-08-01T00:00:00Z',
  });
  write = (await createApiToken(c.community, user, { name: 'w', scope: 'write' })).secret;
  app = createApp(c);
});
after(() => c.dispose());

const get = (path: string, headers: Record<string, string> = {}) => app.request(path, { headers });

test('ETag and If-None-Match: 304 without a body, with the validators and CORS kept', async () => {
  for (const path of [
    '/api/daily_papers?date=2026-08-21',
    '/api/papers/2608.30001',
    '/api/papers?limit=1',
    '/feeds/daily.rss',
    '/feeds/trending.json',
    '/papers/2608.30001.md',
    '/openapi.json',
  ]) {
    const first = await get(path);
    assert.equal(first.status, 200, path);
    const tag = first.headers.get('etag');
    assert.match(tag ?? '', /^"[\w+/=-]+"$/, `${path} has an ETag`);
    assert.equal(first.headers.get('last-modified'), 'Sat, 22 Aug 2026 12:00:00 GMT', path);
    assert.equal(first.headers.get('access-control-allow-origin'), '*', path);
    assert.equal(first.headers.get('access-control-allow-credentials'), null, path);
    const again = await get(path, { 'if-none-match': tag ?? '' });
    assert.equal(again.status, 304, path);
    assert.equal(await again.text(), '');
    assert.equal(again.headers.get('etag'), tag);
    assert.equal(again.headers.get('last-modified'), first.headers.get('last-modified'));
    assert.equal(again.headers.get('access-control-allow-origin'), '*');
    const other = await get(path, { 'if-none-match': '"something-else"' });
    assert.equal(other.status, 200, path);
  }
  const feed = await get('/feeds/daily.rss');
  assert.equal(feed.headers.get('cache-control'), 'public, max-age=300', 'feeds keep theirs');
  const api = await get('/api/daily_papers?date=2026-08-21');
  assert.equal(api.headers.get('cache-control'), 'no-cache');
  assert.match(api.headers.get('access-control-expose-headers') ?? '', /X-Total-Count/);
  assert.equal(api.headers.get('x-total-count'), '2');
  const head = await app.request('/api/papers/2608.30001', { method: 'HEAD' });
  assert.equal(head.status, 200);
  assert.equal(head.headers.get('etag'), (await get('/api/papers/2608.30001')).headers.get('etag'));
});

test('a change gives a new ETag and Last-Modified; If-Modified-Since alone follows it', async () => {
  const path = '/api/papers/2608.30002';
  const before = await get(path);
  const modified = before.headers.get('last-modified') ?? '';
  assert.equal((await get(path, { 'if-modified-since': modified })).status, 304);
  clock.advance(60_000);
  const voted = await app.request('/api/v1/papers/2608.30002/upvote', {
    method: 'POST',
    headers: { authorization: `Bearer ${write}` },
  });
  assert.equal(voted.status, 200);
  const changed = await get(path, { 'if-none-match': before.headers.get('etag') ?? '' });
  assert.equal(changed.status, 200, 'the upvote changed the answer');
  assert.notEqual(changed.headers.get('etag'), before.headers.get('etag'));
  assert.equal(changed.headers.get('last-modified'), 'Sat, 22 Aug 2026 12:01:00 GMT');
  assert.equal(((await changed.json()) as { upvotes: number }).upvotes, 4);
  const stale = await get(path, { 'if-modified-since': modified });
  assert.equal(stale.status, 200, 'modified since the old date');
  const fresh = await get(path, { 'if-modified-since': 'Sat, 22 Aug 2026 12:01:00 GMT' });
  assert.equal(fresh.status, 304);
  assert.equal((await get(path, { 'if-modified-since': 'garbage' })).status, 200);
});

test('CORS: preflight allows GET/HEAD only, without credentials or Authorization', async () => {
  const preflight = await app.request('/api/papers/search?q=x', {
    method: 'OPTIONS',
    headers: {
      origin: 'https://elsewhere.example',
      'access-control-request-method': 'GET',
      'access-control-request-headers': 'authorization, if-none-match',
    },
  });
  assert.equal(preflight.status, 204);
  assert.equal(preflight.headers.get('access-control-allow-origin'), '*');
  assert.equal(preflight.headers.get('access-control-allow-methods'), 'GET,HEAD');
  assert.equal(
    preflight.headers.get('access-control-allow-headers'),
    'If-None-Match,If-Modified-Since',
  );
  assert.equal(preflight.headers.get('access-control-allow-credentials'), null);
  const page = await get('/', { origin: 'https://elsewhere.example' });
  assert.equal(page.headers.get('access-control-allow-origin'), null, 'pages: no CORS');
  assert.equal(page.headers.get('etag'), null, 'pages: not this middleware');
  const post = await app.request('/api/papers/similar', {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: 'https://elsewhere.example' },
    body: JSON.stringify({ text: 'cached papers' }),
  });
  assert.equal(post.headers.get('access-control-allow-origin'), null, 'writes: no CORS');
  assert.equal(post.headers.get('etag'), null);
});

test('answers for a caller with a token are private; errors carry no validators', async () => {
  const me = await get('/api/v1/me', { authorization: `Bearer ${write}` });
  assert.equal(me.status, 200);
  assert.equal(me.headers.get('cache-control'), 'private, no-cache');
  assert.ok(me.headers.get('etag'));
  const missing = await get('/api/papers/2608.99999');
  assert.equal(missing.status, 404);
  assert.equal(missing.headers.get('etag'), null);
  assert.equal(missing.headers.get('access-control-allow-origin'), '*', 'errors readable too');
});
