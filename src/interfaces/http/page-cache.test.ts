/**
 * Public answers are rendered once per change: a second anonymous visit is served from the page
 * cache with the visitor's own CSRF token (their forms still work); any committed write — through
 * this app or by another process on the same store — invalidates it; signed-in readers always
 * get a fresh, personal page.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestContainer, type TestContainer } from '../../../test/db.ts';
import { buildFeaturedPaper } from '../../../test/factories.ts';
import { startSmtpServer, type TestSmtpServer } from '../../../test/smtp.ts';
import { WebAgent } from '../../../test/web-agent.ts';
import { createContainer } from '../../container.ts';
import { createApp } from './app.ts';

let smtp: TestSmtpServer;
let c: TestContainer;
let app: ReturnType<typeof createApp>;
before(async () => {
  smtp = await startSmtpServer();
  c = await createTestContainer({
    env: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port) },
  });
  await c.papers.upsertMany([
    buildFeaturedPaper('2026-08-21', 41, { id: '2608.60001', title: 'Cached paper' }),
  ]);
  app = createApp(c);
  await c.secret(); // made and stored on first use: a write, which would invalidate the cache
});
after(async () => {
  await c.dispose();
  await smtp.close();
});

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1];

test('a second anonymous visit is a cache hit carrying its own CSRF token', async () => {
  const a = new WebAgent(app);
  const b = new WebAgent(app);
  const first = await a.get('/papers/2608.60001');
  assert.equal(first.headers.get('x-cache'), 'miss');
  const second = await b.get('/papers/2608.60001');
  assert.equal(second.headers.get('x-cache'), 'hit');
  assert.notEqual(csrfOf(first.text), csrfOf(second.text));
  assert.equal(
    second.text.replaceAll(csrfOf(second.text) ?? '', 'T'),
    first.text.replaceAll(csrfOf(first.text) ?? '', 'T'),
  );
  // b's token (from the cached page) passes b's CSRF check.
  const posted = await b.post('/email/subscribe', { email: 'b@example.org', kind: 'trending' });
  assert.equal(posted.status, 200, posted.text.slice(0, 200));
  const api = await app.request('/api/papers/2608.60001');
  const again = await app.request('/api/papers/2608.60001');
  assert.equal(again.headers.get('x-cache'), 'hit');
  assert.deepEqual(await again.json(), await api.json());
});

test('a write through the app or by another process invalidates; readers get fresh pages', async () => {
  const anon = new WebAgent(app);
  await anon.get('/');
  assert.equal((await anon.get('/')).headers.get('x-cache'), 'hit');

  const reader = new WebAgent(app);
  await reader.signIn('voter@example.org', smtp);
  const own = await reader.get('/');
  assert.equal(own.headers.get('x-cache'), null, 'personal pages are never cached');
  assert.match(own.text, /@voter/);
  assert.equal((await reader.post('/vote', { paper: '2608.60001', next: '/' })).status, 303);
  const afterVote = await anon.get('/');
  assert.equal(afterVote.headers.get('x-cache'), 'miss');
  assert.match(afterVote.text, /42/);
  assert.equal((await anon.get('/')).headers.get('x-cache'), 'hit');

  // Another process (here: a second connection) renames the paper.
  const other = await createContainer(c.config, { log: c.logs, clock: c.clock, migrate: false });
  try {
    const paper = await other.papers.get('2608.60001');
    assert.ok(paper);
    await other.papers.upsertMany([{ ...paper, title: 'Renamed elsewhere' }]);
  } finally {
    await other.close();
  }
  const renamed = await anon.get('/');
  assert.equal(renamed.headers.get('x-cache'), 'miss');
  assert.match(renamed.text, /Renamed elsewhere/);
});
