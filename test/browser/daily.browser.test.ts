/**
 * The daily page in a real browser: open /, click into a paper, see its abstract; and the page
 * fits a 360 px wide phone without horizontal scrolling.
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

test('open the daily page, click into a paper, read its abstract', {
  skip: skip ?? false,
}, async () => {
  const page = await browser.newPage();
  await page.goto(`${base}/`);
  await assertAccessible(page);
  const heading = await page.locator('h1').first().textContent();
  assert.match(heading ?? '', /\d{4}/);
  const first = page.locator('ol.papers li.card h2 a').first();
  const title = (await first.textContent())?.trim() ?? '';
  assert.ok(title.length > 0);
  await first.click();
  await page.waitForURL(/\/papers\/\d{4}\.\d{4,5}$/);
  await assertAccessible(page);
  assert.equal((await page.locator('h1').textContent())?.trim(), title);
  const abstract = (await page.locator('p.abstract').textContent()) ?? '';
  assert.ok(abstract.length > 100, 'the abstract is shown');
  await page.close();
});

test('the daily page fits a 360 px wide screen', { skip: skip ?? false }, async () => {
  const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
  await page.goto(`${base}/`);
  await assertAccessible(page);
  const overflow = await page.evaluate<number>(OVERFLOW);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
  await page.goto(`${base}${await page.locator('ol.papers a').first().getAttribute('href')}`);
  await assertAccessible(page);
  const paperOverflow = await page.evaluate<number>(OVERFLOW);
  assert.ok(paperOverflow <= 0, `paper page is ${paperOverflow}px wider than the screen`);
  await page.close();
});
