/**
 * Alerts without noise over HTTP, in-process: a saved-search alert's manage page previews
 * yesterday's digest at the threshold and keywords tried (3 → 2 → 1 papers), saving them changes
 * what the next real SMTP digest holds, and a malformed keyword expression is a 400 that says what
 * to fix — never a 500 — on the manage page and on For you.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestContainer, type TestContainer } from '../../../test/db.ts';
import { buildPaper } from '../../../test/factories.ts';
import { WORLD } from '../../../test/fixtures/for-you-world.ts';
import { mailText } from '../../../test/mail-text.ts';
import { startSmtpServer, type TestSmtpServer } from '../../../test/smtp.ts';
import { WebAgent } from '../../../test/web-agent.ts';
import { fixedClock } from '../../core/clock.ts';
import { sendDigests } from '../../core/digests/send-digests.ts';
import { subscribe } from '../../core/digests/subscribe.ts';
import { createApp } from './app.ts';

// Tuesday 10:00: yesterday's papers arrive; the pages are read on Wednesday 09:00 (send hour 7).
const clock = fixedClock('2026-08-25T10:00:00Z');
let smtp: TestSmtpServer;
let c: TestContainer;
let app: ReturnType<typeof createApp>;
let alertPath: string;

/** Relevance by keywords only (no model): share of "graph neural networks" found, by field. */
export const ALERT_PAPERS = [
  // title has all three words: 1.0
  buildPaper({ id: '2608.40001', title: 'Graph neural networks at scale', abstract: 'Scaling.' }),
  // two in the title, one in the abstract: 0.9
  buildPaper({
    id: '2608.40002',
    title: 'Graph neural models',
    abstract: 'Deep networks for molecules.',
  }),
  // all three in the abstract: 0.7 — a survey
  buildPaper({
    id: '2608.40003',
    title: 'A survey of message passing',
    abstract: 'We review graph neural networks.',
  }),
  // one word in the title: 0.33
  buildPaper({ id: '2608.40004', title: 'Graph drawing', abstract: 'Layouts of trees.' }),
].map((p) => ({ ...p, submittedAt: '2026-08-25T08:00:00Z' }));

before(async () => {
  smtp = await startSmtpServer();
  c = await createTestContainer({
    clock,
    embedder: null,
    env: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), SMTP_SECURE: 'false' },
  });
  const { subscription } = await subscribe(c.subscriptionDeps, {
    email: 'reader@example.org',
    kind: 'search',
    query: 'q=graph+neural+networks',
    verified: true,
    timeZone: 'UTC',
  });
  clock.advance(60_000);
  await c.papers.upsertMany(ALERT_PAPERS);
  clock.advance(23 * 3_600_000); // Wednesday 09:00
  app = createApp(c);
  const manage = new URL(c.subscriptionDeps.links.manage('reader@example.org')).pathname;
  alertPath = `${manage}/alert/${subscription.id}`;
});
after(async () => {
  await c.dispose();
  await smtp.close();
});

const previewed = (html: string) =>
  [...(html.split('id="digest-preview"')[1] ?? '').matchAll(/data-paper-id="([^"]+)"/g)].map(
    (m) => m[1],
  );

test('the manage page previews yesterday’s digest at the threshold tried: 3 → 2 → 1', async () => {
  const agent = new WebAgent(app);
  const list = await agent.get(alertPath.replace(/\/alert\/.*$/, ''));
  assert.match(list.text, /Relevance and keywords/);
  const counts: string[][] = [];
  for (const threshold of ['0.5', '0.8', '0.95']) {
    const page = await agent.get(`${alertPath}?threshold=${threshold}`);
    assert.equal(page.status, 200);
    counts.push(previewed(page.text) as string[]);
  }
  assert.deepEqual(counts, [
    ['2608.40001', '2608.40002', '2608.40003'],
    ['2608.40001', '2608.40002'],
    ['2608.40001'],
  ]);
  const page = await agent.get(`${alertPath}?threshold=0.5`);
  assert.match(page.text, /At 50%, 3 papers would have been mailed yesterday/);
  const words = await agent.get(`${alertPath}?threshold=0.5&exclude=survey`);
  assert.deepEqual(previewed(words.text), ['2608.40001', '2608.40002']);
  const only = await agent.get(
    `${alertPath}?threshold=0.5&include=${encodeURIComponent('molecule OR scale')}`,
  );
  assert.deepEqual(previewed(only.text), ['2608.40001', '2608.40002']);
});

test('malformed keywords: a 400 that says what to fix, on the manage page and For you', async () => {
  const agent = new WebAgent(app);
  const bad = await agent.get(`${alertPath}?include=${encodeURIComponent('graph OR')}`);
  assert.equal(bad.status, 400);
  assert.match(bad.text, /Invalid query: the include keywords end with an operator/);
  await agent.get(alertPath);
  const post = await agent.post(alertPath, { threshold: '0.5', exclude: '(survey' });
  assert.equal(post.status, 400);
  assert.match(post.text, /parenthesis that is not closed/);

  const ada = new WebAgent(app);
  await ada.signIn('ada@example.org', smtp);
  await c.papers.upsertMany(WORLD);
  await ada.post('/for-you/interests', { ids: '2608.00101' });
  const forYou = await ada.get(`/for-you?exclude=${encodeURIComponent('NOT')}`);
  assert.equal(forYou.status, 400);
  assert.match(forYou.text, /exclude keywords end with an operator/);
  const saved = await ada.post('/for-you/settings', { threshold: '0.5', include: 'a AND' });
  assert.equal(saved.status, 400);
  const api = await ada.post(
    '/for-you/settings',
    { threshold: '0.5', include: 'a AND' },
    {
      accept: 'application/json',
    },
  );
  assert.equal(api.status, 400);
  assert.equal(JSON.parse(api.text).error.code, 'invalid_query');
});

test('the saved setting decides what the next real SMTP digest holds', async () => {
  const agent = new WebAgent(app);
  await agent.get(alertPath);
  const saved = await agent.post(alertPath, { threshold: '0.8', exclude: 'scale' });
  assert.equal(saved.status, 303);
  const page = await agent.get(saved.location ?? '');
  assert.match(page.text, /Saved: the next digest uses these settings/);
  assert.deepEqual(previewed(page.text), ['2608.40002']);
  const before = smtp.mails.length;
  const report = await sendDigests(c.digestDeps, { lockOwner: 'test:1:alerts' });
  assert.equal(report.sent, 1, JSON.stringify(report));
  const mail = (await smtp.waitFor(before + 1)).at(-1);
  const ids = [
    ...new Set([...mailText(mail?.raw ?? '').matchAll(/papers\/(2608\.\d{5})/g)].map((m) => m[1])),
  ];
  assert.deepEqual(ids, ['2608.40002']);
});
