/**
 * Sign-in does not drop what a reader was doing (issue 16, item 2), in-process over real SQLite
 * and a real SMTP server: a signed-out upvote, save or comment survives the emailed link, and
 * `next` never leaves the site on any form that takes it (issue 13, item 4), as a property.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { createTestContainer, type TestContainer } from '../../../test/db.ts';
import { buildFeaturedPaper } from '../../../test/factories.ts';
import { nextValue, staysOnSite } from '../../../test/open-redirect.ts';
import { startSmtpServer, type TestSmtpServer } from '../../../test/smtp.ts';
import { magicLinkIn, WebAgent } from '../../../test/web-agent.ts';
import { createAdmin } from '../../core/community/accounts.ts';
import { createApp } from './app.ts';

let smtp: TestSmtpServer;
let c: TestContainer;
let app: ReturnType<typeof createApp>;

before(async () => {
  smtp = await startSmtpServer();
  c = await createTestContainer({
    env: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), SMTP_SECURE: 'false' },
  });
  await c.papers.upsertMany([
    buildFeaturedPaper('2026-08-21', 12, { id: '2608.20001', title: 'A paper to upvote' }),
    buildFeaturedPaper('2026-08-21', 3, { id: '2608.20002', title: 'A paper to save' }),
  ]);
  app = createApp(c);
});
after(async () => {
  await c.dispose();
  await smtp.close();
});

test('a signed-out upvote is counted after the emailed sign-in, back on the same page', async () => {
  const reader = new WebAgent(app);
  await reader.get('/papers/date/2026-08-21');
  const pressed = await reader.post('/vote', {
    paper: '2608.20001',
    next: '/papers/date/2026-08-21',
  });
  assert.equal(pressed.status, 303);
  assert.equal(pressed.location, '/signin?next=%2Fpapers%2Fdate%2F2026-08-21');
  await reader.signIn('voter@example.org', smtp);
  const landed = (await reader.get('/signin')).location;
  assert.equal(landed, '/', 'a signed-in reader visiting /signin goes on');
  const day = await reader.get('/papers/date/2026-08-21');
  assert.match(day.text, /aria-pressed="true"[^>]*>.*?<span class="count">13<\/span>/s);
});

test('the magic link brings the reader back with the action done and says so', async () => {
  const reader = new WebAgent(app);
  await reader.get('/papers/2608.20002');
  await reader.post('/collections/add', { paper: '2608.20002', note: 'for Friday' });
  await reader.get('/signin?next=%2Fpapers%2F2608.20002');
  const before = smtp.mails.length;
  await reader.post('/signin', { email: 'saver@example.org', next: '/papers/2608.20002' });
  const mail = (await smtp.waitFor(before + 1)).at(-1);
  const token = new URL(magicLinkIn(mail?.raw ?? '')).searchParams.get('token');
  await reader.get(`/auth/magic?token=${token}`);
  const done = await reader.post('/auth/magic', { token: token ?? '' });
  assert.equal(done.location, '/papers/2608.20002?done=saved');
  const page = await reader.get(done.location ?? '');
  assert.match(page.text, /role="status">Saved\./);
  const lists = await reader.get('/collections');
  assert.match(lists.text, /Reading list/);
});

test('a signed-out comment waits as a draft on its page after sign-in, then is posted', async () => {
  const reader = new WebAgent(app);
  await reader.get('/papers/2608.20001');
  const sent = await reader.post('/comments', { paper: '2608.20001', body: 'Is $O(n^2)$ tight?' });
  assert.equal(sent.location, '/signin?next=%2Fpapers%2F2608.20001%23discussion');
  await reader.signIn('drafter@example.org', smtp);
  const page = await reader.get('/papers/2608.20001');
  assert.match(page.text, /id="body-new"[^>]*>Is \$O\(n\^2\)\$ tight\?<\/textarea>/);
  const posted = await reader.post('/comments', {
    paper: '2608.20001',
    body: 'Is $O(n^2)$ tight?',
  });
  assert.equal(posted.status, 303);
  const after = await reader.get('/papers/2608.20001');
  assert.doesNotMatch(after.text, /id="body-new"[^>]*>Is \$O/, 'the draft is gone once posted');
});

test('property: no form or page sends a reader off-site through next, and none fails', async () => {
  const admin = new WebAgent(app);
  await createAdmin(c.community, 'boss@example.org');
  await admin.signIn('boss@example.org', smtp);
  await admin.get('/admin');
  const collection = (await admin.post('/collections', { name: 'Mine' })).location ?? '';
  await admin.get(collection);
  const said = await admin.post('/comments', { paper: '2608.20002', body: 'to moderate' });
  const comment = said.location?.split('#c-')[1] ?? '';
  await admin.get('/admin');
  const forms: [string, Record<string, string>][] = [
    ['/vote', { paper: '2608.20002' }],
    ['/collections/add', { paper: '2608.20002', collection: collection.split('/').pop() ?? '' }],
    [`/admin/comments/${comment}/hide`, {}],
    [`/comments/${comment}/delete`, {}],
  ];
  await fc.assert(
    fc.asyncProperty(nextValue, fc.nat(forms.length), async (next, which) => {
      const reply =
        which === forms.length
          ? await admin.get(`/signin?next=${encodeURIComponent(next)}`)
          : await admin.post(forms[which]?.[0] ?? '', { ...forms[which]?.[1], next });
      assert.ok(reply.status < 500, `${reply.status} for ${JSON.stringify(next)}`);
      if (reply.status === 303) {
        assert.ok(
          staysOnSite(reply.location ?? ''),
          `${JSON.stringify(next)} -> ${reply.location}`,
        );
      }
    }),
    { numRuns: 400 },
  );
});
