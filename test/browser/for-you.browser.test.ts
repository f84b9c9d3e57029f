/**
 * Issue 17 in a real browser: an empty library gets onboarding (not an empty page); a BibTeX
 * upload on the account page shows its report; For you then ranks the newest papers with why;
 * "Not interested" removes the paper and changes the ranking at once; the account page undoes it;
 * the relevance threshold previews how many papers a digest would hold, and is saved.
 * axe-core checks the pages visited.
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
import { LIBRARY_BIBTEX, WORLD } from '../fixtures/for-you-world.ts';
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
  await seed.papers.upsertMany(WORLD);
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

/** Paper ids in the For-you list, in order. */
const ranking = (page: Page) =>
  page
    .locator('#for-you-list > li.card')
    .evaluateAll((cards) => cards.map((c) => c.getAttribute('data-paper-id') ?? ''));

test('import → For you with why → not interested → changed ranking → undo', {
  skip: skip ?? false,
}, async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${base}/for-you`);
  await signInThroughMail(page, base, smtp, 'reader@example.org');
  await page.waitForURL(/\/for-you$/);
  await page.getByRole('heading', { name: 'Tell For you what you read' }).waitFor();
  assert.ok((await ranking(page)).length > 0, 'no empty page at cold start');
  await assertAccessible(page);

  await page.goto(`${base}/account`);
  await page.getByRole('heading', { name: 'Import your library' }).waitFor();
  await page.setInputFiles('#library-file', {
    name: 'My Library.bib',
    mimeType: 'application/x-bibtex',
    buffer: Buffer.from(LIBRARY_BIBTEX),
  });
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByRole('heading', { name: 'Library import' }).waitFor();
  const summary = await page.locator('#import-report [role="status"]').textContent();
  assert.match(
    summary ?? '',
    /4 entries read as bibtex: 3 matched, 0 fetched from arXiv, 1 skipped/,
  );
  assert.match(
    (await page.locator('ul.skipped').textContent()) ?? '',
    /A paper this instance does not have/,
  );
  await assertAccessible(page);

  await page.getByRole('link', { name: 'See For you' }).click();
  await page.waitForURL(/\/for-you$/);
  const before = await ranking(page);
  assert.equal(await page.getByRole('heading', { name: 'Tell For you what you read' }).count(), 0);
  assert.deepEqual(before.slice(0, 4).sort(), [
    '2608.30001',
    '2608.30002',
    '2608.30003',
    '2608.30006',
  ]);
  const card = page.locator('li.card[data-paper-id="2608.30003"]');
  assert.match(
    (await card.locator('.recs-why').first().textContent()) ?? '',
    /Because you saved .*molecul/i,
  );
  await assertAccessible(page);

  await card.getByRole('button', { name: 'Not interested' }).click();
  await page.getByText('Not interested: papers like it now rank lower').waitFor();
  const afterMark = await ranking(page);
  assert.ok(!afterMark.includes('2608.30003'), 'the paper is gone');
  assert.ok(
    afterMark.indexOf('2608.30001') > afterMark.indexOf('2608.30006'),
    `the paper most like it ranks lower now: ${before.join(' ')} → ${afterMark.join(' ')}`,
  );

  await page.goto(`${base}/account#for-you`);
  const undo = page.locator('ul.marks-list.hidden li[data-paper-id="2608.30003"]');
  await undo.getByRole('button', { name: 'Undo' }).click();
  await page.waitForURL(/\/account/);
  assert.equal(await page.locator('ul.marks-list.hidden li').count(), 0);
  await assertAccessible(page);
  await page.goto(`${base}/for-you`);
  assert.deepEqual(await ranking(page), before, 'undone: the ranking is back');

  // The relevance threshold: move it, preview what a digest would hold, save it.
  await page.getByText('Email and relevance').click();
  const count = page.locator('#threshold-count');
  await page.locator('#threshold').fill('0');
  await page.getByRole('button', { name: 'Preview' }).click();
  await page.waitForURL(/threshold=0\b/);
  assert.match((await count.textContent()) ?? '', /At 0%, 6 papers/);
  await page.getByText('Email and relevance').click();
  await page.locator('#threshold').fill('1');
  await page.getByRole('button', { name: 'Preview' }).click();
  await page.waitForURL(/threshold=1\b/);
  assert.match((await count.textContent()) ?? '', /At 100%, 4 papers/);
  await page.getByText('Email and relevance').click();
  await page.getByRole('button', { name: 'Save threshold and words' }).click();
  await page.getByText('Saved: your threshold').waitFor();
  assert.match((await count.textContent()) ?? '', /At 100%/);
  await context.close();
});
