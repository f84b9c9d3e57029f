/**
 * Alerts without noise in a real browser (issue 17, item 5), mail through the real SMTP server:
 * (b) on a saved-search alert's manage page, moving the relevance threshold changes the preview of
 * yesterday's digest (3 → 2 → 1 papers), keywords change it too, and the saved setting decides
 * what the next digest holds; (a) following an author puts their new paper in For you and in the
 * next For-you digest. The server runs on a fixed clock near today (cookies stay valid).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { fixedClock } from '../../src/core/clock.ts';
import { sendDigests } from '../../src/core/digests/send-digests.ts';
import { subscribe } from '../../src/core/digests/subscribe.ts';
import { createApp } from '../../src/interfaces/http/app.ts';
import { type RunningServer, startServer } from '../../src/interfaces/http/server.ts';
import { assertAccessible } from '../axe.ts';
import { browserSkipReason, launchBrowser, signInThroughMail } from '../browser.ts';
import { createTestContainer, type TestContainer } from '../db.ts';
import { buildPaper } from '../factories.ts';
import { BACKGROUND, LIBRARY, LIBRARY_BIBTEX } from '../fixtures/for-you-world.ts';
import { mailText } from '../mail-text.ts';
import { startSmtpServer, type TestSmtpServer } from '../smtp.ts';

const skip = browserSkipReason();
const DAY = 86_400_000;
/** The latest Tuesday 10:00 UTC at least a day ago: digests are due on weekdays at 07:00. */
const tuesday = (() => {
  const d = new Date(Date.now() - DAY);
  d.setUTCHours(10, 0, 0, 0);
  while (d.getUTCDay() !== 2) d.setTime(d.getTime() - DAY);
  return d;
})();
const clock = fixedClock(tuesday.toISOString());
const submitted = new Date(tuesday.getTime() - 2 * 3_600_000).toISOString();

/** Relevance to "graph neural networks" by keywords: 1.0, 0.9, 0.7, 0.33. */
const ALERT_PAPERS = [
  buildPaper({ id: '2608.40001', title: 'Graph neural networks at scale', abstract: 'Scaling.' }),
  buildPaper({ id: '2608.40002', title: 'Graph neural models', abstract: 'Deep networks.' }),
  buildPaper({
    id: '2608.40003',
    title: 'A survey of message passing',
    abstract: 'We review graph neural networks.',
  }),
  buildPaper({ id: '2608.40004', title: 'Graph drawing', abstract: 'Layouts of trees.' }),
].map((p) => ({ ...p, submittedAt: submitted }));

let smtp: TestSmtpServer;
let c: TestContainer;
let server: RunningServer;
let browser: Browser;
let base: string;
let alertPath: string;

before(async () => {
  if (skip) return;
  smtp = await startSmtpServer();
  c = await createTestContainer({
    clock,
    embedder: null,
    env: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), SMTP_SECURE: 'false' },
  });
  await c.papers.upsertMany([...LIBRARY, ...BACKGROUND]);
  const { subscription } = await subscribe(c.subscriptionDeps, {
    email: 'alerts@example.org',
    kind: 'search',
    query: 'q=graph+neural+networks',
    verified: true,
    timeZone: 'UTC',
  });
  clock.advance(60_000);
  await c.papers.upsertMany(ALERT_PAPERS);
  clock.advance(23 * 3_600_000); // Wednesday 09:00: yesterday's papers are in
  alertPath = `${new URL(c.subscriptionDeps.links.manage('alerts@example.org')).pathname}/alert/${subscription.id}`;
  server = await startServer(createApp(c), { port: 0, host: '127.0.0.1', log: c.log });
  base = `http://127.0.0.1:${server.port}`;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  await c?.dispose();
  await smtp?.close();
});

/** Paper ids in the last mail to `address`. */
const mailedTo = (address: string) => {
  const mail = smtp.mails.filter((m) => m.to.includes(address)).at(-1);
  return [
    ...new Set([...mailText(mail?.raw ?? '').matchAll(/papers\/(\d{4}\.\d{5})/g)].map((m) => m[1])),
  ];
};

test('the threshold and keywords change the preview and the next digest', {
  skip: skip ?? false,
}, async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${base}${alertPath.replace(/\/alert\/.*$/, '')}`);
  await page.getByRole('link', { name: 'Relevance and keywords' }).click();
  const count = page.locator('#threshold-count');
  assert.match((await count.textContent()) ?? '', /At 50%, 3 papers would have been mailed/);
  await assertAccessible(page);
  const preview = async (
    threshold: string,
    fields: { include?: string; exclude?: string } = {},
  ) => {
    await page.locator('#threshold').fill(threshold);
    if (fields.include !== undefined) await page.locator('#include').fill(fields.include);
    if (fields.exclude !== undefined) await page.locator('#exclude').fill(fields.exclude);
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.waitForURL(new RegExp(`threshold=${threshold.replace('.', '\\.')}`));
    return (await count.textContent()) ?? '';
  };
  assert.match(await preview('0.8'), /At 80%, 2 papers/);
  assert.match(await preview('0.95'), /At 95%, 1 paper would/);
  assert.match(await preview('0.5', { exclude: 'survey' }), /At 50%, 2 papers/);
  assert.match(await preview('0.8', { exclude: 'scale OR survey' }), /At 80%, 1 paper would/);
  assert.deepEqual(
    await page
      .locator('#digest-preview li')
      .evaluateAll((l) => l.map((e) => e.getAttribute('data-paper-id'))),
    ['2608.40002'],
  );

  await page.locator('#include').fill('(graph OR molecule');
  await page.getByRole('button', { name: 'Preview' }).click();
  await page.locator('#threshold-error').waitFor();
  assert.match((await page.locator('#threshold-error').textContent()) ?? '', /not closed/);
  await assertAccessible(page);
  await page.goBack();
  await page.getByRole('button', { name: 'Save for this alert' }).click();
  await page.getByText('Saved: the next digest uses these settings').waitFor();

  const report = await sendDigests(c.digestDeps, { lockOwner: 'test:1:alerts' });
  assert.equal(report.sent, 1, JSON.stringify(report));
  await smtp.waitFor(smtp.mails.filter((m) => m.to.length > 0).length);
  assert.deepEqual(mailedTo('alerts@example.org'), ['2608.40002']);
  await context.close();
});

test('follow an author → their new paper in For you and in the next digest', {
  skip: skip ?? false,
}, async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${base}/for-you`);
  await signInThroughMail(page, base, smtp, 'reader@example.org');
  await page.waitForURL(/\/for-you$/);
  await page.goto(`${base}/account`);
  await page.setInputFiles('#library-file', {
    name: 'My Library.bib',
    mimeType: 'application/x-bibtex',
    buffer: Buffer.from(LIBRARY_BIBTEX),
  });
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByRole('heading', { name: 'Library import' }).waitFor();
  await page.goto(`${base}/for-you`);
  await page.getByText('Email and relevance').click();
  await page.getByRole('button', { name: 'Subscribe' }).click();
  await page.waitForURL(/done=subscribed/);

  // A paper far from the library, by an author the reader then follows, submitted after the
  // subscription began (For-you digests hold papers submitted since).
  clock.advance(60_000);
  const hers = buildPaper({
    id: '2608.49999',
    title: 'Compilers for tactile robot hands',
    abstract: 'A compiler schedules grasps of robot hands.',
    authors: ['Grace Hopper'],
    submittedAt: clock.now().toISOString(),
  });
  await c.papers.upsertMany([hers]);
  await page.goto(`${base}/authors/${encodeURIComponent('Grace Hopper')}`);
  await page.getByRole('button', { name: 'Follow in For you' }).click();
  await page.goto(`${base}/for-you`);
  const card = page.locator(`#for-you-list li.card[data-paper-id="${hers.id}"]`);
  assert.match(
    (await card.locator('.recs-why').first().textContent()) ?? '',
    /You follow Grace Hopper/,
  );
  await assertAccessible(page);

  // Save a threshold no unfollowed paper reaches: the follow still goes by mail. (Subscribed:
  // the settings are open already.)
  await page.locator('#threshold').fill('1');
  await page.getByRole('button', { name: 'Preview' }).click();
  await page.waitForURL(/threshold=1\b/);
  assert.equal(
    await page.locator(`#digest-preview li[data-paper-id="${hers.id}"]`).count(),
    1,
    'the preview holds the followed author’s paper',
  );
  await page.getByRole('button', { name: 'Save threshold and words' }).click();
  await page.waitForURL(/done=settings/);

  // Thursday 13:00 UTC: the next For-you digest is due (07:00 in the account's New York time).
  clock.advance(28 * 3_600_000);
  const before = smtp.mails.length;
  const report = await sendDigests(c.digestDeps, { lockOwner: 'test:1:for-you' });
  assert.equal(report.sent, 1, JSON.stringify(report));
  await smtp.waitFor(before + 1);
  assert.ok(
    mailedTo('reader@example.org').includes(hers.id),
    mailedTo('reader@example.org').join(' '),
  );
  await context.close();
});
