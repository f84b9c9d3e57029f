/**
 * The probe's remaining findings, kept as tests: huge page numbers and hundreds of category
 * filters are 400s, a `next` with CR/LF/NUL/VT is a same-site redirect, imported javascript:/data:
 * links never become hrefs, password guessing is throttled (with a sign-in link fallback),
 * changing a password needs the current one and ends other sessions, display names do not
 * publish the mailbox, moderators do not see addresses, HSTS behind https, no-store on personal
 * pages, and the arXiv API is reached over https by default.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestContainer, type TestContainer, testConfig } from '../../../test/db.ts';
import { buildFeaturedPaper } from '../../../test/factories.ts';
import { startSmtpServer, type TestSmtpServer } from '../../../test/smtp.ts';
import { WebAgent } from '../../../test/web-agent.ts';
import { parsePaperLine } from '../../adapters/files/paper-jsonl-reader.ts';
import { createAdmin } from '../../core/community/accounts.ts';
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
      PAPERBOY_BASE_URL: 'https://papers.example.org',
      PAPERBOY_TRUST_PROXY: 'true',
      PAPERBOY_PASSWORD_TRIES_PER_ACCOUNT: '5',
      PAPERBOY_PASSWORD_TRIES_PER_IP: '8',
    },
  });
  await c.papers.upsertMany([
    buildFeaturedPaper('2026-08-21', 3, {
      id: '2608.30001',
      title: 'A paper with hostile links',
      links: { code: 'javascript:alert(1)', project: 'data:text/html,<script>alert(1)</script>' },
    }),
  ]);
  app = createApp(c);
});
after(async () => {
  await c.dispose();
  await smtp.close();
});

test('huge or malformed page numbers and hundreds of category filters are 400s', async () => {
  for (const path of [
    '/api/trending?p=1e19',
    '/api/daily_papers?date=2026-08-21&p=1e19',
    '/api/papers/search?q=x&p=99999999',
    `/api/papers/search?q=attention&cat=${Array.from({ length: 500 }, (_, i) => `cs.A${i}`).join(',')}`,
    `/search?q=attention&cat=${Array.from({ length: 500 }, () => 'cs').join(',')}`,
  ]) {
    const res = await app.request(path);
    assert.equal(res.status, 400, `${path.slice(0, 60)}: ${res.status}`);
  }
});

test('a next with CR, LF, NUL or a vertical tab is a same-site redirect, not a 500', async () => {
  const agent = new WebAgent(app);
  await agent.signIn('next@example.org', smtp);
  for (const next of [
    '/a\r\nSet-Cookie: x=1',
    '/b\u0000c',
    '/\u000b/evil.example/',
    '/\t/evil.example/',
  ]) {
    const res = await agent.get(`/signin?next=${encodeURIComponent(next)}`);
    assert.equal(res.status, 303, JSON.stringify(next));
    const location = res.location ?? '';
    assert.match(location, /^\/(?![/\\])/, location);
    assert.doesNotMatch(location, /[\r\n\0\t\v]/);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  }
});

test('javascript: and data: links never become hrefs (render and import)', async () => {
  for (const path of ['/papers/2608.30001', '/papers/date/2026-08-21']) {
    const html = await (await app.request(path)).text();
    assert.match(html, /hostile links/);
    assert.doesNotMatch(html, /href="(javascript|data):/i, path);
  }
  const api = (await (await app.request('/api/papers/2608.30001')).json()) as Record<
    string,
    unknown
  >;
  assert.equal(api.githubRepo, undefined);
  const line = JSON.stringify({
    id: '2608.30002',
    title: 'T',
    abstract: 'A',
    authors: ['X'],
    links: { code: 'javascript:alert(1)', project: 'https://example.org/p' },
  });
  const parsed = parsePaperLine(1, line);
  assert.ok('paper' in parsed, JSON.stringify(parsed));
  assert.deepEqual(parsed.paper.links, { code: null, project: 'https://example.org/p' });
});

test('password guessing is throttled per account and per IP, with a sign-in link offered', async () => {
  const owner = new WebAgent(app);
  await owner.signIn('guess@example.org', smtp);
  await owner.get('/account');
  assert.equal(
    (await owner.post('/account/password', { password: 'correct horse battery' })).status,
    303,
  );
  const guesser = new WebAgent(app);
  await guesser.get('/signin');
  const ip = { 'x-forwarded-for': '198.51.100.77' };
  const statuses: number[] = [];
  for (let i = 0; i < 5; i++) {
    const r = await guesser.post(
      '/signin/password',
      { email: 'Guess+x@example.org', password: `wrong ${i}` },
      ip,
    );
    statuses.push(r.status);
  }
  const right = await guesser.post(
    '/signin/password',
    { email: 'guess@example.org', password: 'correct horse battery' },
    ip,
  );
  assert.deepEqual(statuses, [401, 401, 401, 401, 401]);
  assert.equal(right.status, 429, 'the right password after the allowance is refused too');
  assert.match(right.text, /Too many password attempts/);
  assert.match(right.text, /sign in with an emailed link/);
  assert.ok(Number(right.headers.get('retry-after')) > 0);
  // Per IP: other accounts from the same IP run out at 8 attempts in all.
  const more = [];
  for (let i = 0; i < 3; i++) {
    more.push(
      (
        await guesser.post(
          '/signin/password',
          { email: `other${i}@example.org`, password: 'x' },
          ip,
        )
      ).status,
    );
  }
  assert.deepEqual(more, [401, 401, 429]);
});

test('changing a password needs the current one and signs out every other session', async () => {
  const laptop = new WebAgent(app);
  await laptop.signIn('change@example.org', smtp);
  await laptop.get('/account');
  assert.equal(
    (await laptop.post('/account/password', { password: 'first password 1' })).status,
    303,
  );
  const phone = new WebAgent(app);
  await phone.signIn('change@example.org', smtp);
  await laptop.get('/account');
  const without = await laptop.post('/account/password', { password: 'second password 2' });
  assert.equal(without.status, 400);
  assert.match(without.text, /current password is wrong/);
  const wrong = await laptop.post('/account/password', {
    password: 'second password 2',
    currentPassword: 'nope',
  });
  assert.equal(wrong.status, 400);
  const changed = await laptop.post('/account/password', {
    password: 'second password 2',
    currentPassword: 'first password 1',
  });
  assert.equal(changed.status, 303);
  assert.equal((await laptop.get('/account')).status, 200, 'this browser stays signed in');
  const phoneNow = await phone.get('/account');
  assert.equal(phoneNow.status, 303, 'the other session ended');
});

test('display names do not publish the mailbox; moderators do not see addresses', async () => {
  const reader = new WebAgent(app);
  await reader.signIn('john.smith+papers@example.org', smtp);
  const profile = await (await app.request('/users/john-smith')).text();
  assert.doesNotMatch(profile, /john\.smith|\+papers/);
  const { user } = await createAdmin(c.community, 'mod@example.org');
  await c.community.users.update(user.id, { role: 'moderator' });
  const mod = new WebAgent(app);
  await mod.signIn('mod@example.org', smtp);
  const list = await mod.get('/admin?q=@');
  assert.equal(list.status, 200);
  assert.doesNotMatch(list.text, /john\.smith\+papers@example\.org|guess@example\.org/);
  const byHandle = await mod.get('/admin?q=john');
  assert.match(byHandle.text, /j•••@example\.org/);
});

test('HSTS behind https; personal pages are no-store; arXiv is reached over https', async () => {
  const home = await app.request('/');
  assert.equal(home.headers.get('strict-transport-security'), 'max-age=31536000');
  assert.doesNotMatch(home.headers.get('cache-control') ?? '', /no-store/);
  const agent = new WebAgent(app);
  await agent.signIn('private@example.org', smtp);
  for (const path of ['/account', '/', '/papers/2608.30001']) {
    const res = await agent.get(path);
    assert.equal(res.headers.get('cache-control'), 'private, no-store', path);
  }
  assert.match(testConfig('/tmp/x').arxivApiUrl, /^https:\/\/export\.arxiv\.org\//);
});
