/**
 * The community layer over HTTP, in-process: sign-up by an emailed magic link (real SMTP server),
 * submit, upvote, comment and reply, collect, find the trending feed; CSRF, authorization, bans
 * and Markdown sanitising at the edge.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestContainer, type TestContainer } from '../../../test/db.ts';
import { buildFeaturedPaper, buildPaper } from '../../../test/factories.ts';
import { startSmtpServer, type TestSmtpServer } from '../../../test/smtp.ts';
import { WebAgent } from '../../../test/web-agent.ts';
import { fixedClock } from '../../core/clock.ts';
import { createAdmin } from '../../core/community/accounts.ts';
import { createApp } from './app.ts';

let smtp: TestSmtpServer;
let c: TestContainer;
let app: ReturnType<typeof createApp>;
/** Moves a second on every read, so comments posted in a row have distinct times. */
const clock = fixedClock('2026-08-22T12:00:00Z');
const ticking = {
  now() {
    clock.advance(1000);
    return clock.now();
  },
};

const RECENT = '2026-08-18T10:00:00Z';

before(async () => {
  smtp = await startSmtpServer();
  c = await createTestContainer({
    env: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), SMTP_SECURE: 'false' },
    clock: ticking,
  });
  await c.papers.upsertMany([
    buildPaper({
      id: '2608.10001',
      title: 'Fresh paper to submit',
      submittedAt: RECENT,
      versions: [{ version: 1, submittedAt: RECENT }],
    }),
    buildPaper({
      id: '2608.10002',
      title: 'Another fresh paper',
      submittedAt: RECENT,
      versions: [{ version: 1, submittedAt: RECENT }],
    }),
    buildFeaturedPaper('2026-08-21', 12, { id: '2608.10003', title: 'Yesterday paper' }),
  ]);
  app = createApp(c);
});
after(async () => {
  await c.dispose();
  await smtp.close();
});

async function signedIn(email: string): Promise<WebAgent> {
  const agent = new WebAgent(app);
  await agent.signIn(email, smtp);
  return agent;
}

test('a new user signs up by magic link, submits, upvotes, comments, replies, collects and finds the trending feed', async () => {
  const ada = new WebAgent(app);
  const link = await ada.signIn('Ada@Example.org', smtp);
  assert.match(link, /^http:\/\/localhost:0\/auth\/magic\?token=[\w-]{43}$/);
  const account = await ada.get('/account?welcome=1');
  assert.equal(account.status, 200);
  assert.match(account.text, /ada@example\.org · reader/);
  assert.match(account.text, /@ada/);

  const submitted = await ada.post('/submit', { paper: 'https://arxiv.org/abs/2608.10001v2' });
  assert.equal(submitted.status, 303, submitted.text);
  assert.equal(submitted.location, '/papers/2608.10001?submitted=1');
  const home = await ada.get('/');
  assert.match(home.text, /Saturday, 22 Aug 2026/);
  assert.match(home.text, /Fresh paper to submit/);
  assert.match(home.text, /submitted by <a href="\/users\/ada">@ada<\/a>/);

  const vote = await ada.post('/vote', { paper: '2608.10001' }, { accept: 'application/json' });
  assert.equal(vote.status, 200);
  assert.deepEqual(JSON.parse(vote.text), { voted: true, upvotes: 1 });
  const viaForm = await ada.post('/vote', { paper: '2608.10003', next: '/papers/date/2026-08-21' });
  assert.equal(viaForm.status, 303);
  assert.equal(viaForm.location, '/papers/date/2026-08-21');
  const api = JSON.parse((await ada.get('/api/daily_papers?date=2026-08-21')).text);
  assert.equal(api[0].paper.upvotes, 13, 'the API shows baseline + local votes too');
  const anonymous = new WebAgent(app);
  await anonymous.get('/papers/2608.10003');
  const toSignIn = await anonymous.post('/vote', { paper: '2608.10003' });
  assert.equal(toSignIn.status, 303);
  assert.match(toSignIn.location ?? '', /^\/signin\?next=/);
  const day = await ada.get('/papers/date/2026-08-21');
  assert.match(
    day.text,
    /aria-pressed="true"[^>]*>.*?<span class="count">13<\/span>/s,
    'baseline 12 + 1 local',
  );

  await ada.get('/papers/2608.10001');
  const comment = await ada.post('/comments', { paper: '2608.10001', body: 'Great **result**.' });
  assert.equal(comment.status, 303);
  const commentId = comment.location?.split('#c-')[1] ?? '';
  const bob = await signedIn('bob@example.org');
  await bob.get('/papers/2608.10001');
  const reply = await bob.post('/comments', {
    paper: '2608.10001',
    parent: commentId,
    body: 'Agreed',
  });
  assert.equal(reply.status, 303);
  const replyId = reply.location?.split('#c-')[1] ?? '';
  const deeper = await ada.post('/comments', {
    paper: '2608.10001',
    parent: replyId,
    body: 'Thanks',
  });
  assert.equal(deeper.status, 303, 'a reply to a reply joins the thread');
  const paper = await ada.get('/papers/2608.10001');
  assert.match(paper.text, /Great <strong>result<\/strong>\./);
  const thread = paper.text.slice(paper.text.indexOf(`id="c-${commentId}"`));
  assert.match(thread, /<ol class="replies">.*Agreed.*Thanks/s, 'replies are one level deep');
  assert.match(paper.text, /Discussion <span class="muted">\(3\)<\/span>/);

  const made = await ada.post('/collections', {
    name: 'Reading group',
    description: 'Week 34',
    public: '1',
  });
  assert.equal(made.status, 303);
  const collectionPath = made.location ?? '';
  const id = collectionPath.split('/').pop() ?? '';
  await ada.get(collectionPath);
  const added = await ada.post('/collections/add', {
    collection: id,
    paper: '2608.10001',
    note: 'Read §3',
  });
  assert.equal(added.status, 303);
  const page = await new WebAgent(app).get(collectionPath);
  assert.equal(page.status, 200, 'public collections are visible to anyone');
  assert.match(page.text, /Read §3/);
  assert.match(page.text, /Fresh paper to submit/);
  assert.match(
    page.text,
    new RegExp(
      `rel="alternate" type="application/rss\\+xml"[^>]*href="/feeds/collections/${id}\\.rss"`,
    ),
  );
  const collectionFeed = await app.request(`/feeds/collections/${id}.json`);
  assert.equal(collectionFeed.status, 200);
  assert.equal(
    JSON.parse(await collectionFeed.text()).items[0].id,
    'http://localhost:0/papers/2608.10001',
  );

  const trending = await ada.get('/trending');
  assert.equal(trending.status, 200);
  assert.ok(
    trending.text.indexOf('Fresh paper to submit') > 0,
    'the submitted, upvoted paper trends',
  );
  const feedHref = trending.text.match(
    /<link rel="alternate" type="application\/atom\+xml"[^>]*href="([^"]+)"/,
  )?.[1];
  assert.equal(feedHref, '/feeds/trending.atom');
  const atom = await app.request(feedHref ?? '');
  assert.equal(atom.headers.get('content-type'), 'application/atom+xml; charset=utf-8');
  assert.match(await atom.text(), /<id>http:\/\/localhost:0\/papers\/2608\.10001<\/id>/);

  const trendingApi = await ada.get('/api/trending?period=day');
  assert.equal(JSON.parse(trendingApi.text)[0].paper.id, '2608.10001');
  assert.equal(trendingApi.headers.get('x-total-count'), '1');
  const profile = await bob.get('/users/ada');
  assert.match(
    profile.text,
    /Submissions.*Fresh paper to submit.*Upvoted.*Yesterday paper.*Comments.*Great <strong>result<\/strong>/s,
  );
  assert.match(profile.text, /Reading group/);
});

test('every state-changing request needs a valid CSRF token', async () => {
  const eve = await signedIn('eve@example.org');
  await eve.get('/papers/2608.10002');
  const missing = await eve.post('/vote', { paper: '2608.10002', _csrf: '' });
  assert.equal(missing.status, 403);
  assert.match(missing.text, /CSRF check failed/);
  assert.equal((await eve.post('/vote', { paper: '2608.10002', _csrf: 'forged' })).status, 403);
  const other = await signedIn('other@example.org');
  await other.get('/');
  assert.equal(
    (await eve.post('/vote', { paper: '2608.10002', _csrf: other.csrf })).status,
    403,
    "another session's token",
  );
  const crossSite = await eve.post(
    '/vote',
    { paper: '2608.10002' },
    { origin: 'https://evil.example' },
  );
  assert.equal(crossSite.status, 403);
  const noCookie = await app.request('/signin', {
    method: 'POST',
    body: new URLSearchParams({ email: 'x@example.org' }),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(noCookie.status, 403, 'even signed-out forms are protected');
  const header = await eve.request('/vote', {
    method: 'POST',
    body: new URLSearchParams({ paper: '2608.10002' }),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-csrf-token': eve.csrf,
      accept: 'application/json',
    },
  });
  assert.equal(header.status, 200, 'the header works like the form field');
});

test('nobody edits or deletes what is not theirs; private collections stay private', async () => {
  const owner = await signedIn('owner@example.org');
  await owner.get('/papers/2608.10002');
  const posted = await owner.post('/comments', { paper: '2608.10002', body: 'Mine' });
  const commentId = posted.location?.split('#c-')[1] ?? '';
  const secret = await owner.post('/collections', { name: 'Secret list' });
  const collectionId = secret.location?.split('/').pop() ?? '';

  const intruder = await signedIn('intruder@example.org');
  await intruder.get('/');
  assert.equal(
    (await intruder.post(`/comments/${commentId}/edit`, { body: 'Hacked' })).status,
    403,
  );
  assert.equal((await intruder.post(`/comments/${commentId}/delete`, {})).status, 403);
  assert.equal((await intruder.get(`/collections/${collectionId}`)).status, 404);
  assert.equal((await new WebAgent(app).get(`/collections/${collectionId}`)).status, 404);
  assert.equal((await app.request(`/feeds/collections/${collectionId}.rss`)).status, 404);
  assert.equal((await intruder.post(`/collections/${collectionId}/delete`, {})).status, 404);
  assert.equal(
    (await intruder.post('/collections/add', { collection: collectionId, paper: '2608.10002' }))
      .status,
    404,
  );
  assert.equal((await intruder.get('/admin')).status, 403, 'readers do not moderate');
  assert.equal((await intruder.post(`/admin/comments/${commentId}/hide`, {})).status, 403);
  assert.equal((await new WebAgent(app).get('/admin')).status, 303);

  const edited = await owner.post(`/comments/${commentId}/edit`, { body: 'Mine, edited' });
  assert.equal(edited.status, 303);
  assert.match((await owner.get('/papers/2608.10002')).text, /Mine, edited.*edited/s);
  assert.equal((await owner.post(`/comments/${commentId}/delete`, {})).status, 303);
  assert.doesNotMatch((await owner.get('/papers/2608.10002')).text, /Mine, edited/);
});

test('banned users can read but not act; moderators act through the audit log', async () => {
  await createAdmin(c.community, 'root@example.org');
  const admin = await signedIn('root@example.org');
  const troll = await signedIn('troll@example.org');
  await troll.get('/papers/2608.10002');
  const posted = await troll.post('/comments', { paper: '2608.10002', body: 'spam spam' });
  const commentId = posted.location?.split('#c-')[1] ?? '';
  const reader = await signedIn('reader@example.org');
  await reader.get('/papers/2608.10002');
  assert.equal(
    (await reader.post(`/comments/${commentId}/report`, { reason: 'spam' })).status,
    303,
  );

  const queue = await admin.get('/admin');
  assert.equal(queue.status, 200);
  assert.match(queue.text, /Reported comments \(1\)/);
  assert.match(queue.text, /@reader: spam/);
  const trollId = (await c.community.users.getByEmail('troll@example.org'))?.id ?? '';
  assert.equal(
    (await admin.post(`/admin/comments/${commentId}/hide`, { next: '/admin' })).status,
    303,
  );
  assert.equal((await admin.post(`/admin/users/${trollId}/ban`, { reason: 'spam' })).status, 303);
  assert.doesNotMatch(
    (await reader.get('/papers/2608.10002')).text,
    /spam spam/,
    'hidden from readers',
  );

  const banned = await troll.get('/papers/2608.10002');
  assert.equal(banned.status, 200, 'banned users still read');
  assert.match(banned.text, /Your account is banned/);
  assert.equal((await troll.post('/vote', { paper: '2608.10002' })).status, 403);
  assert.equal((await troll.post('/comments', { paper: '2608.10002', body: 'more' })).status, 403);
  assert.equal((await troll.post('/submit', { paper: '2608.10002' })).status, 403);
  assert.equal((await troll.post('/collections', { name: 'x' })).status, 403);

  const log = await admin.get('/admin');
  assert.match(log.text, /Reported comments \(0\)/);
  assert.match(log.text, /comment\.hide/);
  assert.match(log.text, /user\.ban/);
});

test('Markdown with script, event handlers and javascript: URLs renders inert', async () => {
  const author = await signedIn('md@example.org');
  await author.get('/papers/2608.10003');
  const body = [
    '<script>alert(1)</script>',
    '<img src=x onerror="alert(2)">',
    '[click](javascript:alert(3))',
    '<a href="javascript:alert(4)">x</a>',
    '[ok](https://example.org/ok)',
    'javascript:alert(5)',
  ].join('\n\n');
  assert.equal((await author.post('/comments', { paper: '2608.10003', body })).status, 303);
  const { text, headers } = await author.get('/papers/2608.10003');
  const discussion = text.slice(text.indexOf('id="discussion"'));
  assert.doesNotMatch(discussion, /<script/i);
  assert.doesNotMatch(discussion, /<img/i);
  assert.doesNotMatch(discussion, /<[^>]*\sonerror=/i, 'no element carries an event handler');
  assert.doesNotMatch(discussion, /<a[^>]*href="javascript:/i);
  assert.match(discussion, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/, 'shown as text');
  assert.match(
    discussion,
    /<a href="https:\/\/example\.org\/ok" rel="nofollow ugc noopener noreferrer">ok<\/a>/,
  );
  assert.match(headers.get('content-security-policy') ?? '', /script-src 'self'/);
});

test('session cookies are HttpOnly and SameSite=Lax, Secure behind HTTPS; sign-out ends sessions', async () => {
  const agent = new WebAgent(app);
  await agent.signIn('cookie@example.org', smtp);
  const second = new WebAgent(app);
  await second.signIn('cookie@example.org', smtp);
  assert.ok(agent.cookies.has('pb_session'));
  await agent.get('/account');
  assert.match((await agent.get('/account')).text, /Signed in on 2 browsers/);
  const out = await agent.post('/signout/all', {});
  assert.equal(out.status, 303);
  assert.equal((await second.get('/account')).status, 303, 'the other browser is signed out too');

  const https = await createTestContainer({
    env: {
      PAPERBOY_BASE_URL: 'https://papers.example.org',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
    },
  });
  try {
    const secureAgent = new WebAgent(createApp(https));
    await secureAgent.get('/signin');
    const before = smtp.mails.length;
    await secureAgent.post('/signin', { email: 'tls@example.org' });
    const mail = (await smtp.waitFor(before + 1)).at(-1);
    const token = (mail?.raw.replace(/=\r?\n/g, '').match(/token=3D([\w-]+)/) ?? [])[1] ?? '';
    const res = await createApp(https).request('/auth/magic', {
      method: 'POST',
      body: new URLSearchParams({ token, _csrf: secureAgent.csrf }),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: `pb_anon=${secureAgent.cookies.get('pb_anon')}`,
      },
    });
    assert.equal(res.status, 303);
    const cookie = res.headers.getSetCookie().find((l) => l.startsWith('pb_session=')) ?? '';
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
    assert.match(cookie, /Secure/);
  } finally {
    await https.dispose();
  }
  const plain = new WebAgent(app);
  await plain.get('/signin');
  assert.doesNotMatch(String(plain.cookies.get('pb_anon')), /;/);
});
