/**
 * Issue 16, items 2 and 7 in a real browser: a signed-out upvote survives the emailed sign-in and
 * the reader lands back on the paper with it counted; upvoting with Enter keeps focus on the
 * button and announces the count; saving and reporting say what happened; Delete asks first.
 * axe-core checks every page visited.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { createContainer } from '../../src/container.ts';
import { startServe } from '../../src/interfaces/cli/commands/serve.ts';
import { createMemoryLogger } from '../../src/log.ts';
import { assertAccessible } from '../axe.ts';
import { browserSkipReason, launchBrowser, signInThroughMail } from '../browser.ts';
import { tempDir, testConfig } from '../db.ts';
import { buildFeaturedPaper } from '../factories.ts';
import { startSmtpServer, type TestSmtpServer } from '../smtp.ts';

const skip = browserSkipReason();
const dir = tempDir();
let smtp: TestSmtpServer;
let browser: Browser;
let server: Awaited<ReturnType<typeof startServe>>;
let base: string;
const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

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
    buildFeaturedPaper(yesterday, 42, { id: '2611.00001', title: 'Sparse experts at scale' }),
    buildFeaturedPaper(yesterday, 7, { id: '2611.00002', title: 'Reading whole libraries' }),
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

const focusedPaper = (page: Page) =>
  page.evaluate<string | null>(
    `document.activeElement?.closest('form.vote-form')?.dataset.paperId ?? null`,
  );

test('a signed-out upvote survives the emailed sign-in; the reader lands back with it counted', {
  skip: skip ?? false,
}, async () => {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${base}/papers/2611.00001`);
  await assertAccessible(page);
  await page.locator('form.vote-form.wide button').focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/signin\?next=/);
  await assertAccessible(page);
  await signInThroughMail(page, base, smtp, 'ada@example.org');
  await page.waitForURL(/\/papers\/2611\.00001\?done=voted$/);
  await assertAccessible(page);
  const vote = page.locator('form.vote-form.wide button');
  assert.equal(await vote.getAttribute('aria-pressed'), 'true');
  assert.equal((await vote.locator('.count').textContent())?.trim(), '43');
  assert.match((await page.getByRole('status').first().textContent()) ?? '', /upvote is counted/);
  await context.close();
});

test('Enter on ▲ keeps focus on the button and announces the count; save and report say so; delete asks', {
  skip: skip ?? false,
}, async () => {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${base}/signin`);
  await signInThroughMail(page, base, smtp, 'grace@example.org');
  await page.waitForURL(/\/account\?welcome=1$/);

  await page.goto(`${base}/`);
  await assertAccessible(page);
  const second = page.locator('form.vote-form[data-paper-id="2611.00002"] button');
  await second.focus();
  await page.keyboard.press('Enter');
  await page
    .locator('form.vote-form[data-paper-id="2611.00002"] button[aria-pressed="true"]')
    .waitFor();
  assert.equal(await focusedPaper(page), '2611.00002', 'focus stays on the pressed button');
  assert.equal(await page.locator('#live').textContent(), 'Upvoted: 8 upvotes.');

  await page.goto(`${base}/papers/2611.00002`);
  await page.getByRole('button', { name: 'Save to reading list' }).click();
  await page.waitForURL(/done=saved/);
  assert.match((await page.getByRole('status').first().textContent()) ?? '', /^Saved\./);
  await assertAccessible(page);

  await page.getByLabel('Add to the discussion').fill('A comment to delete, with $O(n^2)$.');
  await page.getByRole('button', { name: 'Comment' }).click();
  await page.locator('.comment', { hasText: 'A comment to delete' }).waitFor();
  await page.locator('.comment-actions summary', { hasText: 'Delete' }).click();
  assert.equal(await page.locator('.comment', { hasText: 'A comment to delete' }).count(), 1);
  await page.getByRole('button', { name: 'Yes, delete' }).click();
  await page.waitForURL(/done=deleted/);
  assert.equal(await page.locator('.comment', { hasText: 'A comment to delete' }).count(), 0);
  assert.match((await page.getByRole('status').first().textContent()) ?? '', /Deleted/);

  await page.getByLabel('Add to the discussion').fill('Someone else will report this.');
  await page.getByRole('button', { name: 'Comment' }).click();
  await page.locator('.comment', { hasText: 'Someone else' }).waitFor();
  const other = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  const reporter = await other.newPage();
  await reporter.goto(`${base}/signin?next=${encodeURIComponent('/papers/2611.00002')}`);
  await signInThroughMail(reporter, base, smtp, 'alan@example.org');
  await reporter.waitForURL(/\/papers\/2611\.00002$/);
  await reporter.locator('.comment-actions summary', { hasText: 'Report' }).click();
  await reporter.getByLabel('Reason').fill('spam');
  await reporter.getByRole('button', { name: 'Report' }).click();
  await reporter.waitForURL(/reported=1/);
  assert.match(
    (await reporter.getByRole('status').first().textContent()) ?? '',
    /moderator will look/,
  );
  await assertAccessible(reporter);
  await other.close();
  await context.close();
});
