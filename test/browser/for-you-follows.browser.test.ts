/**
 * Issue 17 (follows, privacy) in a real browser: an author page for a name two people share shows
 * one follow button per person, labelled with their co-authors; following one puts only their
 * new paper under "You follow" in For you; the account page revokes the private feed link (the
 * old URL answers 404, For you shows a new one that works). axe-core checks the pages visited.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { createContainer } from '../../src/container.ts';
import { startServe } from '../../src/interfaces/cli/commands/serve.ts';
import { createMemoryLogger } from '../../src/log.ts';
import { assertAccessible } from '../axe.ts';
import { browserSkipReason, launchBrowser, signInThroughMail } from '../browser.ts';
import { tempDir, testConfig } from '../db.ts';
import { WORLD } from '../fixtures/for-you-world.ts';
import { WEI_ZHANGS } from '../fixtures/wei-zhangs.ts';
import { startSmtpServer, type TestSmtpServer } from '../smtp.ts';

const skip = browserSkipReason();
const dir = tempDir();
let smtp: TestSmtpServer;
let browser: Browser;
let server: Awaited<ReturnType<typeof startServe>>;
let base: string;

before(async () => {
  if (skip) return;
  smtp = await startSmtpServer();
  const config = testConfig(dir.path, {
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(smtp.port),
    PAPERBOY_WORKER: 'false',
  });
  const seed = await createContainer(config, { log: createMemoryLogger() });
  await seed.papers.upsertMany([...WORLD, ...WEI_ZHANGS]);
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

test('follow one of two Wei Zhangs → only their paper is followed in For you; revoke the feed link', {
  skip: skip ?? false,
}, async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${base}/for-you`);
  await signInThroughMail(page, base, smtp, 'reader@example.org');
  await page.waitForURL(/\/for-you$/);
  await page.goto(`${base}/authors/Wei%20Zhang`);
  await page.getByText('3 people named Wei Zhang here').waitFor();
  await assertAccessible(page);
  await page.getByRole('button', { name: 'Follow Wei Zhang with Chen Li' }).click();
  await page.getByRole('status').filter({ hasText: 'Followed' }).waitFor();

  await page.goto(`${base}/for-you`);
  const card = (id: string) => page.locator(`#for-you-list > li.card[data-paper-id="${id}"]`);
  await card('2608.40012').getByText('You follow Wei Zhang.').waitFor();
  assert.equal(await card('2608.40011').getByText('You follow').count(), 0);
  assert.equal(await card('2608.40013').getByText('You follow').count(), 0);
  const feedLink = () =>
    page.locator('a[href^="/feeds/for-you/"][href$=".rss"]').first().getAttribute('href');
  const old = await feedLink();
  assert.ok(old);
  assert.equal((await page.request.get(`${base}${old}`)).status(), 200);

  await page.goto(`${base}/account`);
  await page.getByText('author: Wei Zhang (with Chen Li)').waitFor();
  await assertAccessible(page);
  await page.getByRole('button', { name: 'Revoke my feed link' }).click();
  await page.getByRole('status').filter({ hasText: 'no longer works' }).waitFor();
  assert.equal((await page.request.get(`${base}${old}`)).status(), 404);
  await page.goto(`${base}/for-you`);
  const fresh = await feedLink();
  assert.ok(fresh && fresh !== old);
  assert.equal((await page.request.get(`${base}${fresh}`)).status(), 200);
  await context.close();
});
