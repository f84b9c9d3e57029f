/**
 * Email subscriptions over HTTP, in-process, with a real SMTP server: subscribe from the daily
 * page's box, confirm by the mailed link (a button, not the GET), receive the digest, one-click
 * unsubscribe by POST the way mail clients do it (RFC 8058), manage without an account, admin
 * previews; bad addresses, header injection and forged or expired links refused, nothing sent.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { createTestContainer, type TestContainer } from '../../../test/db.ts';
import { buildFeaturedPaper } from '../../../test/factories.ts';
import { emailLink, mailText } from '../../../test/mail-text.ts';
import { startSmtpServer, type TestSmtpServer } from '../../../test/smtp.ts';
import { WebAgent } from '../../../test/web-agent.ts';
import { fixedClock } from '../../core/clock.ts';
import { createAdmin } from '../../core/community/accounts.ts';
import { signLink } from '../../core/digests/link-token.ts';
import { sendDigests } from '../../core/digests/send-digests.ts';
import { createApp } from './app.ts';

let smtp: TestSmtpServer;
let c: TestContainer;
let app: ReturnType<typeof createApp>;
let clock: ReturnType<typeof fixedClock>;
const HOUR = 3_600_000;

before(async () => {
  smtp = await startSmtpServer();
});
after(async () => {
  await c?.dispose();
  await smtp.close();
});
beforeEach(async () => {
  await c?.dispose();
  smtp.mails.length = 0;
  clock = fixedClock('2026-08-24T08:00:00Z'); // Monday 08:00 UTC
  c = await createTestContainer({
    clock,
    env: {
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      PAPERBOY_BASE_URL: 'https://papers.example.org',
    },
  });
  await c.papers.upsertMany([
    buildFeaturedPaper('2026-08-24', 42, { id: '2608.20001', title: 'Today’s loud paper' }),
    buildFeaturedPaper('2026-08-21', 7, { id: '2608.20002', title: 'Friday’s quiet paper' }),
  ]);
  app = createApp(c);
});

async function subscribeFromDailyPage(agent: WebAgent, email: string) {
  const home = await agent.get('/');
  assert.match(home.text, /Get trending papers in your inbox/);
  const res = await agent.post('/email/subscribe', {
    email,
    kind: 'trending',
    cadence: 'daily',
    timeZone: 'UTC',
  });
  assert.equal(res.status, 200, res.text);
  assert.match(res.text, /Check your inbox/);
  return res;
}

test('subscribe → confirmation mail → confirm (button) → digest → one-click unsubscribe by POST', async () => {
  const reader = new WebAgent(app);
  await subscribeFromDailyPage(reader, 'Reader@Example.org');
  const [confirmation] = await smtp.waitFor(1);
  const confirmPath = emailLink(confirmation?.raw ?? '', 'confirm');

  // Opening the link (or a scanner prefetching it) confirms nothing.
  const page = await reader.get(confirmPath);
  assert.equal(page.status, 200);
  assert.match(page.text, /Yes, confirm/);
  const [sub] = (await c.subscriptions.list({ limit: 5, offset: 0 })).items;
  assert.equal(sub?.status, 'pending');

  const confirmed = await reader.post(confirmPath, {});
  assert.equal(confirmed.status, 200, confirmed.text);
  assert.match(confirmed.text, /You are subscribed/);
  assert.equal((await c.subscriptions.get(sub?.id ?? ''))?.status, 'active');

  clock.advance(24 * HOUR); // Tuesday 08:00
  const report = await sendDigests(c.digestDeps, { lockOwner: 'test:1:x' });
  assert.equal(report.sent, 1);
  const digest = (await smtp.waitFor(2))[1];
  assert.ok(digest);
  assert.match(mailText(digest.raw), /Today’s loud paper/);
  const header = digest.header('list-unsubscribe') ?? '';
  const https = /<(https:[^>]+)>/.exec(header)?.[1] ?? '';
  const path = new URL(https).pathname;

  // What Gmail or Apple Mail do: POST the https URL, no cookies, no CSRF token.
  const oneClick = await app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'List-Unsubscribe=One-Click',
  });
  assert.equal(oneClick.status, 200);
  assert.match(await oneClick.text(), /Unsubscribed reader@example\.org/);
  assert.equal((await c.subscriptions.get(sub?.id ?? ''))?.status, 'unsubscribed');
  const again = await app.request(path, {
    method: 'POST',
    body: 'List-Unsubscribe=One-Click',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(again.status, 200, 'idempotent');

  clock.advance(24 * HOUR);
  assert.equal(
    (await sendDigests(c.digestDeps, { lockOwner: 'test:1:x' })).sent,
    0,
    'nothing after unsubscribing',
  );
});

test('the manage link works without an account: cadence, add an alert, unsubscribe all', async () => {
  const reader = new WebAgent(app);
  await subscribeFromDailyPage(reader, 'm@example.org');
  await smtp.waitFor(1);
  await reader.get('/email');
  const sent = await reader.post('/email/manage-link', { email: 'm@example.org' });
  assert.match(sent.text, /a link to manage them is on its way/);
  const manageMail = (await smtp.waitFor(2))[1];
  const manage = emailLink(manageMail?.raw ?? '', 'manage');
  const page = await reader.get(manage);
  assert.equal(page.status, 200);
  assert.match(page.text, /The daily trending digest/);
  assert.match(page.text, /waiting for confirmation/);

  const [sub] = (await c.subscriptions.list({ limit: 5, offset: 0 })).items;
  const weekly = await reader.post(manage, {
    action: 'cadence',
    subscriptionId: sub?.id ?? '',
    cadence: 'weekly',
  });
  assert.match(weekly.text, /now comes every Monday/);
  const added = await reader.post(manage, {
    action: 'add',
    kind: 'search',
    query: 'diffusion models',
    cadence: 'daily',
  });
  assert.match(added.text, /Subscribed to the daily alert for “diffusion models”/);
  const list = await c.subscriptions.listByAddress('m@example.org');
  assert.equal(
    list.find((s) => s.kind === 'search')?.status,
    'active',
    'the manage link proves the address',
  );
  const bad = await reader.post(manage, {
    action: 'add',
    kind: 'search',
    query: 'x\r\nBcc: v@example.org',
  });
  assert.match(bad.text, /line breaks and control characters are not allowed/);
  const off = await reader.post(manage, { action: 'unsubscribe_all' });
  assert.match(off.text, /Unsubscribed from everything/);
  assert.ok(
    (await c.subscriptions.listByAddress('m@example.org')).every(
      (s) => s.status === 'unsubscribed',
    ),
  );
  assert.equal(smtp.mails.length, 2, 'managing mails nothing');
});

test('search results offer an alert for that search; a signed-in reader’s own address needs no confirmation', async () => {
  const ada = new WebAgent(app);
  await ada.signIn('ada@example.org', smtp);
  const results = await ada.get('/search?q=loud+paper&cat=cs.CL');
  assert.match(results.text, /Email me new papers like this/);
  assert.match(results.text, /name="query" value="q=loud\+paper&amp;cat=cs.CL"/);
  const mailsBefore = smtp.mails.length;
  const res = await ada.post('/email/subscribe', {
    email: 'ada@example.org',
    kind: 'search',
    query: 'q=loud+paper&cat=cs.CL',
    cadence: 'daily',
  });
  assert.equal(res.status, 303);
  assert.match(res.location ?? '', /^\/email\/manage\/[\w.-]+\?added=1$/);
  const [s] = await c.subscriptions.listByAddress('ada@example.org');
  assert.equal(s?.status, 'active');
  assert.equal(s?.query, 'cat=cs.CL&q=loud+paper');
  assert.ok(s?.userId, 'linked to the account');
  assert.equal(smtp.mails.length, mailsBefore, 'no confirmation mail for one’s own address');
});

test('bad input: clear errors on the page, nothing stored, nothing sent', async () => {
  const agent = new WebAgent(app);
  await agent.get('/email');
  for (const [fields, message] of [
    [{ email: 'not-an-address', kind: 'trending' }, /is not an email address/],
    [
      { email: 'a@example.org\r\nBcc: victim@example.org', kind: 'trending' },
      /is not an email address/,
    ],
    [
      { email: 'a@example.org', kind: 'search', query: 'graphs\nBcc: victim@example.org' },
      /line breaks/,
    ],
    [{ email: 'a@example.org', kind: 'search', query: 'x'.repeat(300) }, /limit is 250/],
    [{ email: 'a@example.org', kind: 'search', query: 'cat:nonsense!' }, /not an arXiv category/],
    [{ email: 'a@example.org', kind: 'trending', timeZone: 'Mars/Base' }, /not a time zone/],
  ] as const) {
    const res = await agent.post('/email/subscribe', { ...fields });
    assert.equal(res.status, 400, `${JSON.stringify(fields)}: ${res.status}`);
    assert.match(res.text, message);
  }
  const noCsrf = await agent.post('/email/subscribe', {
    email: 'a@example.org',
    kind: 'trending',
    _csrf: 'forged',
  });
  assert.equal(noCsrf.status, 403);
  assert.equal((await c.subscriptions.list({ limit: 5, offset: 0 })).total, 0);
  assert.equal(smtp.mails.length, 0);
});

test('forged, altered and expired links are refused and change nothing', async () => {
  const reader = new WebAgent(app);
  await subscribeFromDailyPage(reader, 'f@example.org');
  const confirmPath = emailLink((await smtp.waitFor(1))[0]?.raw ?? '', 'confirm');
  const token = confirmPath.split('/').pop() ?? '';
  const [sub] = (await c.subscriptions.list({ limit: 5, offset: 0 })).items;
  const forged = signLink(
    'not-this-instance-secret-not-this-instance',
    'unsubscribe',
    sub?.id ?? '',
    null,
  );
  const cases: [string, number, RegExp][] = [
    [`/email/confirm/${token.slice(0, -2)}xx`, 400, /not issued by this paperboy or was altered/],
    [`/email/unsubscribe/${forged}`, 400, /not issued by this paperboy/],
    [`/email/manage/${token}`, 400, /not a manage link/],
    ['/email/confirm/garbage', 400, /incomplete or malformed/],
  ];
  for (const [path, status, message] of cases) {
    const res = await reader.get(path);
    assert.equal(res.status, status, path);
    assert.match(res.text, message);
  }
  const post = await app.request(`/email/unsubscribe/${forged}`, {
    method: 'POST',
    body: 'List-Unsubscribe=One-Click',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(post.status, 400);
  clock.advance(8 * 24 * HOUR); // confirmation links last 7 days
  const expired = await reader.get(confirmPath);
  assert.equal(expired.status, 410);
  assert.match(expired.text, /expired on 2026-08-31/);
  assert.equal((await c.subscriptions.get(sub?.id ?? ''))?.status, 'pending');
});

test('admins preview any subscription’s next digest; others may not', async () => {
  const reader = new WebAgent(app);
  await subscribeFromDailyPage(reader, 'p@example.org');
  const [sub] = (await c.subscriptions.list({ limit: 5, offset: 0 })).items;
  assert.equal((await reader.get('/admin/digests')).status, 303, 'signed out: sign in first');
  const bob = new WebAgent(app);
  await bob.signIn('bob@example.org', smtp);
  assert.equal((await bob.get(`/admin/digests/${sub?.id}/preview`)).status, 403);
  await createAdmin(c.community, 'root@example.org');
  const root = new WebAgent(app);
  await root.signIn('root@example.org', smtp);
  const list = await root.get('/admin/digests');
  assert.equal(list.status, 200);
  assert.match(list.text, /p@example\.org/);
  const preview = await root.get(`/admin/digests/${sub?.id}/preview`);
  assert.equal(preview.status, 200, preview.text);
  assert.match(preview.text, /Subject/);
  assert.match(preview.text, /<iframe[^>]*sandbox=""/);
  assert.match(preview.text, /List-Unsubscribe-Post/);
  assert.match(preview.text, /Today’s loud paper/);
});

test('the pages name the configured send hour (DIGEST_SEND_HOUR), not a fixed one', async () => {
  const late = await createTestContainer({ clock, env: { DIGEST_SEND_HOUR: '18' } });
  try {
    await late.papers.upsertMany([buildFeaturedPaper('2026-08-24', 3, { id: '2608.20003' })]);
    const lateApp = createApp(late);
    for (const path of ['/', '/trending', '/email']) {
      const text = await (await lateApp.request(path)).text();
      assert.match(text, /every Monday,? at 18:00 in your time zone/, path);
      assert.doesNotMatch(text, /at 7(:00)? in your time zone/, path);
    }
    assert.match(await (await app.request('/email')).text(), /at 7:00 in your time zone/);
  } finally {
    await late.dispose();
  }
});
