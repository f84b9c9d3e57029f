/**
 * Issue 16, items 1, 4 and 9 in a real browser: comment counts say which thread is which; TeX in
 * titles, abstracts and comments is MathML (source on bad TeX, readable in dark mode), Markdown
 * tables have borders, collection descriptions and profile snippets are rendered, addresses in
 * abstracts are links; authors and imported submitters are links, headings clear the header,
 * /email's radios are radios, there is a favicon, the Daily tab of a week opens its latest day,
 * and the time-zone list has current names. axe-core checks every page visited.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { createContainer } from '../../src/container.ts';
import { emptyCommunity } from '../../src/core/papers/model.ts';
import { startServe } from '../../src/interfaces/cli/commands/serve.ts';
import { createMemoryLogger } from '../../src/log.ts';
import { assertAccessible } from '../axe.ts';
import { browserSkipReason, launchBrowser, signInThroughMail } from '../browser.ts';
import { tempDir, testConfig } from '../db.ts';
import { buildPaper } from '../factories.ts';
import { startSmtpServer, type TestSmtpServer } from '../smtp.ts';

const skip = browserSkipReason();
const dir = tempDir();
let smtp: TestSmtpServer;
let browser: Browser;
let server: Awaited<ReturnType<typeof startServe>>;
let base: string;
/** A Wednesday; its ISO week 2026-W34 runs Mon 17 – Sun 23 Aug. */
const DAY = '2026-08-19';

before(async () => {
  if (skip) return;
  smtp = await startSmtpServer();
  const config = testConfig(dir.path, {
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(smtp.port),
    PAPERBOY_WORKER: 'false',
  });
  const seed = await createContainer(config, { log: createMemoryLogger() });
  await seed.papers.upsertMany([
    buildPaper({
      id: '2608.10001',
      title: 'Sorting in $O(n \\log n)$ time, revisited',
      abstract:
        'We sort in $O(n^2)$ worst case and $\\frac{a}{$ never. Code: https://example.org/sorting.',
      authors: ['Ada Lovelace', 'Alan Turing', 'Grace Hopper', 'Edsger Dijkstra', 'Tony Hoare'],
      categories: ['cs.DS'],
      community: {
        ...emptyCommunity(),
        featuredDays: [{ day: DAY, rank: 1, featuredAt: `${DAY}T09:00:00.000Z` }],
        upvotes: 30,
        commentCount: 12,
        submittedBy: 'hfreader',
      },
      provenance: { source: 'hf-daily', fetchedAt: `${DAY}T00:00:00Z` },
    }),
  ]);
  await seed.close();
  server = await startServe(config, createMemoryLogger());
  base = `http://127.0.0.1:${server.port}`;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  await smtp?.close();
  dir.remove();
});

const styleOf = (page: Page, selector: string, property: string) =>
  page.evaluate<string>(
    `getComputedStyle(document.querySelector(${JSON.stringify(selector)})).${property}`,
  );

test('counts, math, markdown and links, signed in and out, light and dark', {
  skip: skip ?? false,
}, async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${base}/signin?next=${encodeURIComponent('/papers/2608.10001')}`);
  await signInThroughMail(page, base, smtp, 'ada@example.org');
  await page.waitForURL(/\/papers\/2608\.10001$/);
  await page
    .getByLabel('Add to the discussion')
    .fill('Tight? $a_1 + b_1$\n\n| n | time |\n|---|---|\n| 10 | 1 ms |');
  await page.getByRole('button', { name: 'Comment' }).click();
  await page.locator('.comment .md table').waitFor();
  await assertAccessible(page);

  // 1. Which comments are where.
  assert.match((await page.locator('#discussion-title').textContent()) ?? '', /\(1\)/);
  const facts = (await page.locator('.facts').textContent()) ?? '';
  assert.match(facts, /Comments1 comment here · 12 on Hugging Face/);
  assert.equal(
    await page.locator('.facts a', { hasText: '12 on Hugging Face' }).getAttribute('href'),
    'https://huggingface.co/papers/2608.10001',
  );
  // 4. Math and Markdown.
  assert.equal(await page.locator('h1 math').count(), 1, 'TeX in the title');
  assert.equal(await page.locator('.abstract math').count(), 1, 'TeX in the abstract');
  assert.equal(await page.locator('.abstract .tex-source').textContent(), '$\\frac{a}{$');
  assert.equal(
    await page.locator('.abstract a').getAttribute('href'),
    'https://example.org/sorting',
  );
  assert.equal(await page.locator('.comment .md math').count(), 1, 'TeX in a comment');
  assert.equal(await styleOf(page, '.comment .md td', 'borderTopWidth'), '1px');
  // 9. Links and spacing.
  assert.equal(
    await page.locator('.facts a', { hasText: 'hfreader' }).getAttribute('href'),
    'https://huggingface.co/hfreader',
  );
  const gap = await page.evaluate<number>(
    `document.querySelector('h1').getBoundingClientRect().top - document.querySelector('.site-header').getBoundingClientRect().bottom`,
  );
  assert.ok(gap >= 16, `the heading clears the header (${gap}px)`);
  const icon = await page.locator('link[rel="icon"]').getAttribute('href');
  const iconReply = await page.request.get(`${base}${icon}`);
  assert.equal(iconReply.headers()['content-type'], 'image/svg+xml');

  await page.goto(`${base}/`);
  await assertAccessible(page);
  const card = page.locator('li.card[data-paper-id="2608.10001"]');
  const meta = (await card.locator('.meta').textContent()) ?? '';
  assert.match(meta, /1 comment here/);
  assert.match(meta, /12 comments on Hugging Face/);
  assert.equal(await card.locator('h2 math').count(), 1);
  assert.deepEqual(await card.locator('.byline a').allTextContents(), [
    'Ada Lovelace',
    'Alan Turing',
    'Grace Hopper',
  ]);

  await page.goto(`${base}/collections`);
  await page.getByLabel('Name').fill('Sorting');
  await page.getByLabel('Description (optional)').fill('Papers on **sorting**, see $O(n)$.');
  await page.getByRole('button', { name: 'Create collection' }).click();
  await page.waitForURL(/\/collections\/[a-z2-9]{12}$/);
  assert.equal(await page.locator('.feed-head .md strong').textContent(), 'sorting');
  assert.equal(await page.locator('.feed-head .md math').count(), 1);
  await assertAccessible(page);
  await page.goto(`${base}/users/ada`);
  assert.equal(await page.locator('.quote math').count(), 1, 'the snippet is rendered');
  assert.doesNotMatch((await page.locator('.quote').textContent()) ?? '', /\|---\|/);
  await assertAccessible(page);
  await context.close();

  const dark = await browser.newContext({
    viewport: { width: 360, height: 780 },
    colorScheme: 'dark',
  });
  const phone = await dark.newPage();
  await phone.goto(`${base}/papers/2608.10001`);
  assert.equal(
    await styleOf(phone, '.abstract math', 'color'),
    await styleOf(phone, '.abstract', 'color'),
    'math takes the text colour in dark mode',
  );
  await assertAccessible(phone);
  await dark.close();
});

test('the Daily tab of a week opens its latest day; /email has radios and current zone names', {
  skip: skip ?? false,
}, async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${base}/papers/week/2026-W34`);
  await assertAccessible(page);
  await page.locator('nav.tabs').getByRole('link', { name: 'Daily' }).click();
  await page.waitForURL(new RegExp(`/papers/date/${DAY}$`));
  await page.goto(`${base}/email`);
  await assertAccessible(page);
  const radio = page.locator('input[type="radio"]').first();
  const box = await radio.boundingBox();
  assert.ok(box && box.width < 30, `a radio button is a small circle (${box?.width}px wide)`);
  const zones = await page.locator('select[name="timeZone"] option').allTextContents();
  for (const zone of ['Asia/Kolkata', 'Europe/Kyiv']) assert.ok(zones.includes(zone), zone);
  await page.close();
});
