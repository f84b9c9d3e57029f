/**
 * Subscribing in a real browser: the box on the daily page (its time zone filled in by app.js),
 * the confirmation link from the real SMTP server, the confirm button, the manage page — and the
 * email page fits a 360 px phone.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { startServe } from '../../src/interfaces/cli/commands/serve.ts';
import { createMemoryLogger } from '../../src/log.ts';
import { assertAccessible } from '../axe.ts';
import { browserSkipReason, launchBrowser, OVERFLOW } from '../browser.ts';
import { tempDir, testConfig } from '../db.ts';
import { emailLink } from '../mail-text.ts';
import { startSmtpServer, type TestSmtpServer } from '../smtp.ts';

const skip = browserSkipReason();
const dir = tempDir();
let browser: Browser;
let smtp: TestSmtpServer;
let server: Awaited<ReturnType<typeof startServe>>;
let base: string;

before(async () => {
  if (skip) return;
  smtp = await startSmtpServer();
  server = await startServe(
    testConfig(dir.path, {
      PAPERBOY_DEMO: 'true',
      PAPERBOY_WORKER: 'false',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
    }),
    createMemoryLogger(),
  );
  base = `http://127.0.0.1:${server.port}`;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  await smtp?.close();
  dir.remove();
});

test('subscribe from the daily page, confirm from the mail, manage', {
  skip: skip ?? false,
}, async () => {
  const context = await browser.newContext({ timezoneId: 'Europe/Berlin' });
  const page = await context.newPage();
  await page.goto(`${base}/`);
  await assertAccessible(page);
  const box = page.locator('section.subscribe-box');
  assert.equal(
    await box.locator('input[name="timeZone"]').inputValue(),
    'Europe/Berlin',
    'app.js fills in the browser’s time zone',
  );
  await box.locator('input[name="email"]').fill('browser@example.org');
  await box.locator('select[name="cadence"]').selectOption('weekly');
  await box.locator('button[type="submit"]').click();
  await page.waitForURL(/\/email\/subscribe$/);
  await assertAccessible(page);
  assert.match((await page.locator('h1').textContent()) ?? '', /Check your inbox/);

  const [mail] = await smtp.waitFor(1);
  await page.goto(`${base}${emailLink(mail?.raw ?? '', 'confirm')}`);
  await assertAccessible(page);
  assert.match((await page.locator('main').textContent()) ?? '', /weekly trending digest/);
  await page.getByRole('button', { name: 'Yes, confirm' }).click();
  assert.match((await page.locator('h1').textContent()) ?? '', /You are subscribed/);
  await page.getByRole('link', { name: 'Manage your subscriptions' }).click();
  assert.match((await page.locator('main').textContent()) ?? '', /The weekly trending digest/);
  assert.match((await page.locator('main').textContent()) ?? '', /active/);
  assert.equal(await page.locator('select[name="timeZone"]').inputValue(), 'Europe/Berlin');
  await context.close();
});

test('the email page fits a 360 px wide screen', { skip: skip ?? false }, async () => {
  const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
  await page.goto(`${base}/email`);
  await assertAccessible(page);
  const overflow = await page.evaluate<number>(OVERFLOW);
  assert.ok(overflow <= 0, `email page is ${overflow}px wider than the screen`);
  await page.close();
});
