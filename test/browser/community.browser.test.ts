/**
 * The community flow in a real browser: sign up by an emailed magic link (real SMTP server),
 * submit a paper, upvote it (in place, with the page's script), comment and reply, make a
 * collection, find the trending feed; and the new pages fit a 360 px screen.
 * axe-core checks every page visited.
 * PAPERBOY_SCREENSHOTS=<dir> saves a screenshot of each step (light and dark).
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { createContainer } from '../../src/container.ts';
import { startServe } from '../../src/interfaces/cli/commands/serve.ts';
import { createMemoryLogger } from '../../src/log.ts';
import { assertAccessible } from '../axe.ts';
import { browserSkipReason, launchBrowser, OVERFLOW } from '../browser.ts';
import { tempDir, testConfig } from '../db.ts';
import { buildFeaturedPaper, buildPaper } from '../factories.ts';
import { startSmtpServer, type TestSmtpServer } from '../smtp.ts';
import { magicLinkIn } from '../web-agent.ts';

const skip = browserSkipReason();
const SHOTS = process.env.PAPERBOY_SCREENSHOTS;
const DAY = 86_400_000;
const dir = tempDir();
let smtp: TestSmtpServer;
let browser: Browser;
let server: Awaited<ReturnType<typeof startServe>>;
let base: string;

const isoDaysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString();

before(async () => {
  if (skip) return;
  smtp = await startSmtpServer();
  const config = testConfig(dir.path, {
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(smtp.port),
    PAPERBOY_WORKER: 'false',
  });
  // Real dates: the server runs on the system clock.
  const seed = await createContainer(config, { log: createMemoryLogger() });
  await seed.papers.upsertMany([
    buildFeaturedPaper(isoDaysAgo(1).slice(0, 10), 42, {
      id: '2611.00001',
      title: 'Scaling sparse mixtures of experts',
      authors: ['Ada Lovelace', 'Grace Hopper'],
      submittedAt: isoDaysAgo(3),
    }),
    buildPaper({
      id: '2611.00002',
      title: 'Retrieval that reads the whole library',
      abstract: 'We show retrieval models can read a whole library. '.repeat(6),
      authors: ['Alan Turing', 'Katherine Johnson'],
      submittedAt: isoDaysAgo(2),
      versions: [{ version: 1, submittedAt: isoDaysAgo(2) }],
    }),
  ]);
  await seed.close();
  server = await startServe(config, createMemoryLogger());
  base = `http://127.0.0.1:${server.port}`;
  browser = await launchBrowser();
  if (SHOTS) mkdirSync(SHOTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  await server?.close();
  await smtp?.close();
  dir.remove();
});

async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

test('sign up by magic link, submit, upvote, comment and reply, collect, find the trending feed', {
  skip: skip ?? false,
}, async () => {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${base}/`);
  await assertAccessible(page);
  await page.getByRole('link', { name: 'Sign in' }).click();
  await page.locator('#email').fill('ada@example.org');
  await shot(page, '01-signin');
  const before = smtp.mails.length;
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await page.getByText('We sent a sign-in link to').waitFor();
  const mail = (await smtp.waitFor(before + 1)).at(-1);
  const link = new URL(magicLinkIn(mail?.raw ?? ''));
  await page.goto(`${base}${link.pathname}${link.search}`);
  await assertAccessible(page);
  await shot(page, '02-magic-link');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL(/\/account\?welcome=1$/);
  await assertAccessible(page);
  await page.getByText('Welcome to paperboy!').waitFor();
  await shot(page, '03-account');

  await page.getByRole('link', { name: 'Submit' }).click();
  await page.getByLabel('arXiv id or URL').fill('https://arxiv.org/abs/2611.00002v1');
  await shot(page, '04-submit');
  await page.getByRole('button', { name: 'Submit' }).click();
  await page.waitForURL(/\/papers\/2611\.00002\?submitted=1$/);
  await assertAccessible(page);
  assert.match((await page.locator('.facts').textContent()) ?? '', /Submitted by@ada/);

  const vote = page.locator('form.vote-form.wide button');
  assert.equal(await vote.getAttribute('aria-pressed'), 'false');
  await vote.click();
  await page.locator('form.vote-form.wide button[aria-pressed="true"]').waitFor();
  assert.equal((await vote.locator('.count').textContent())?.trim(), '1');
  assert.match(page.url(), /submitted=1$/, 'the upvote toggled in place, no navigation');

  await page
    .getByLabel('Add to the discussion')
    .fill('Nice **result**, see [the code](https://example.org/code).');
  await page.getByRole('button', { name: 'Comment' }).click();
  await page.locator('.comment .md strong', { hasText: 'result' }).waitFor();
  await page.locator('.comment-actions summary', { hasText: 'Reply' }).first().click();
  await page.getByLabel('Reply to @ada').fill('Replying to myself: the ablation in §4 matters.');
  await page.getByRole('button', { name: 'Reply' }).click();
  await page.locator('.replies .comment', { hasText: 'ablation' }).waitFor();
  await shot(page, '05-paper-discussion');

  await page.goto(`${base}/collections`);
  await assertAccessible(page);
  await page.getByLabel('Name').fill('Reading group');
  await page.getByLabel('Public: anyone').check();
  await page.getByRole('button', { name: 'Create collection' }).click();
  await page.waitForURL(/\/collections\/[a-z2-9]{12}$/);
  await assertAccessible(page);
  const collectionUrl = page.url();
  await page.goto(`${base}/papers/2611.00002`);
  await assertAccessible(page);
  await page.getByLabel('Note').fill('Discuss on Friday');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.goto(collectionUrl);
  await assertAccessible(page);
  await page.getByText('Discuss on Friday').waitFor();
  assert.ok(await page.locator('link[rel="alternate"][type="application/rss+xml"]').count());
  await shot(page, '06-collection');

  await page.getByRole('link', { name: 'Trending' }).click();
  await page.waitForURL(/\/trending$/);
  await assertAccessible(page);
  const titles = await page.locator('ol.papers h2 a').allTextContents();
  assert.equal(titles[0], 'Retrieval that reads the whole library', 'fresh, upvoted, discussed');
  await shot(page, '07-trending');
  const feedHref = await page
    .locator('link[rel="alternate"][type="application/atom+xml"]')
    .getAttribute('href');
  assert.equal(feedHref, '/feeds/trending.atom');
  // Runs in the page (DOM types are not in this project's lib): parse the feed with the browser's XML parser.
  const parsed = await page.evaluate<{ error: string | null; entries: string[] }>(`(async () => {
    const text = await (await fetch(${JSON.stringify(feedHref)})).text();
    const xml = new DOMParser().parseFromString(text, 'application/xml');
    return {
      error: xml.querySelector('parsererror')?.textContent ?? null,
      entries: [...xml.querySelectorAll('entry > title')].map((t) => t.textContent),
    };
  })()`);
  assert.equal(parsed.error, null, 'the browser parses the Atom feed');
  assert.equal(parsed.entries[0], 'Retrieval that reads the whole library');

  await page.goto(`${base}/users/ada`);
  await assertAccessible(page);
  await shot(page, '08-profile');
  await context.close();
});

test('community pages fit a 360 px screen, light and dark', { skip: skip ?? false }, async () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    const context = await browser.newContext({
      viewport: { width: 360, height: 740 },
      colorScheme,
    });
    const page = await context.newPage();
    for (const [path, name] of [
      ['/papers/2611.00002', 'paper'],
      ['/trending', 'trending'],
      ['/signin', 'signin'],
      ['/', 'daily'],
      ['/authors/Ada%20Lovelace', 'author'],
    ] as const) {
      await page.goto(`${base}${path}`);
      await assertAccessible(page);
      const overflow = await page.evaluate<number>(OVERFLOW);
      assert.ok(overflow <= 0, `${path} is ${overflow}px wider than the screen (${colorScheme})`);
      await shot(page, `09-mobile-${colorScheme}-${name}`);
    }
    await context.close();
  }
});
