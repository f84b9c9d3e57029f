/**
 * Search in a real browser: type in the header box on the daily page, land on /search with
 * highlighted results, refine with a facet, open a result and see its similar papers; the search
 * page fits a 360 px wide phone.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { startServe } from '../../src/interfaces/cli/commands/serve.ts';
import { createMemoryLogger } from '../../src/log.ts';
import { assertAccessible } from '../axe.ts';
import { browserSkipReason, launchBrowser, OVERFLOW } from '../browser.ts';
import { tempDir, testConfig } from '../db.ts';

const skip = browserSkipReason();
const dir = tempDir();
let browser: Browser;
let server: Awaited<ReturnType<typeof startServe>>;
let base: string;

before(async () => {
  if (skip) return;
  server = await startServe(testConfig(dir.path, { PAPERBOY_DEMO: 'true' }), createMemoryLogger());
  base = `http://127.0.0.1:${server.port}`;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  dir.remove();
});

test('search from the header, see highlights, open a result', { skip: skip ?? false }, async () => {
  const page = await browser.newPage();
  await page.goto(`${base}/`);
  await assertAccessible(page);
  await page.fill('header input[name=q]', 'video generation');
  await page.press('header input[name=q]', 'Enter');
  await page.waitForURL(/\/search\?q=video\+generation/);
  await assertAccessible(page);
  const results = page.locator('ol.papers li.card');
  assert.ok((await results.count()) > 0, 'results are listed');
  assert.ok((await page.locator('ol.papers mark').count()) > 0, 'matches are highlighted');
  assert.match((await page.locator('.why').first().textContent()) ?? '', /Keyword match/);
  await page.locator('ol.papers li.card h2 a').first().click();
  await page.waitForURL(/\/papers\/\d{4}\.\d{4,5}$/);
  await assertAccessible(page);
  assert.match((await page.locator('h1').textContent()) ?? '', /\S/);
  await page.close();
});

test('a bad query shows a clear message, and the page fits a phone', {
  skip: skip ?? false,
}, async () => {
  const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
  const res = await page.goto(`${base}/search?q=${encodeURIComponent('foo:bar')}`);
  await assertAccessible(page);
  assert.equal(res?.status(), 400);
  assert.match((await page.locator('.error').textContent()) ?? '', /not a field/);
  await page.goto(`${base}/search?q=language+models&sort=newest`);
  await assertAccessible(page);
  const overflow = await page.evaluate<number>(OVERFLOW);
  assert.ok(overflow <= 0, `search page is ${overflow}px wider than the screen`);
  await page.close();
});
