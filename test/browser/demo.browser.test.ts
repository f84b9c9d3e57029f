/**
 * Issue 16, items 3, 5 and 6 on the demo corpus in a real browser: the home page says no source
 * is connected and how to connect one; featuring one paper today does not shrink /trending to one
 * paper; a long paste in the header search finds papers similar to the whole text and says so;
 * results start on the first screen (the alert box beside them on wide screens, after the first
 * ones on a phone), and `cat:cs.CL` finds demo papers. axe-core checks every page visited.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { createContainer } from '../../src/container.ts';
import { createAdmin } from '../../src/core/community/accounts.ts';
import { featurePaper } from '../../src/core/community/submissions.ts';
import { refreshTrending } from '../../src/core/community/trending.ts';
import { startServe } from '../../src/interfaces/cli/commands/serve.ts';
import { createMemoryLogger } from '../../src/log.ts';
import { assertAccessible } from '../axe.ts';
import { browserSkipReason, launchBrowser } from '../browser.ts';
import { tempDir, testConfig } from '../db.ts';

const skip = browserSkipReason();
const dir = tempDir();
let browser: Browser;
let server: Awaited<ReturnType<typeof startServe>>;
let base: string;
const config = testConfig(dir.path, { PAPERBOY_DEMO: 'true', PAPERBOY_WORKER: 'false' });

before(async () => {
  if (skip) return;
  server = await startServe(config, createMemoryLogger());
  base = `http://127.0.0.1:${server.port}`;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  dir.remove();
});

const topOf = (page: Page, selector: string) =>
  page.evaluate<number>(
    `document.querySelector(${JSON.stringify(selector)}).getBoundingClientRect().top`,
  );

test('the demo says nothing new arrives and how to connect a source; trending survives a thin day', {
  skip: skip ?? false,
}, async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${base}/`);
  await assertAccessible(page);
  const note = (await page.locator('.freshness').textContent()) ?? '';
  assert.match(note, /No source is connected, so nothing new arrives here/);
  assert.match(note, /newest featured day 21 Aug 2026/);
  assert.match(note, /PAPERBOY_SOURCES=hf npm start/);

  // A moderator features one paper today; the trending job runs (here, by hand).
  const admin = await createContainer(config, { log: createMemoryLogger(), migrate: false });
  const { user } = await createAdmin(admin.community, 'boss@example.org');
  await featurePaper(admin.community, user, '2608.13120');
  await refreshTrending(admin.community);
  await admin.close();
  await page.goto(`${base}/trending`);
  await assertAccessible(page);
  assert.equal(await page.locator('ol.papers li.card').count(), 50, 'a full page, not one paper');
  assert.match(
    (await page.locator('main').textContent()) ?? '',
    /featured too few papers, so this list reaches back to/,
  );
  await page.close();
});

test('a long paste in the header search finds papers similar to all of it, and says so', {
  skip: skip ?? false,
}, async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${base}/`);
  const abstract =
    'Large language models can be steered to generate long videos with consistent characters. ' +
    'We propose a diffusion transformer that conditions on a script and keeps identity across shots. ' +
    'Experiments on three benchmarks show better temporal coherence than prior video generation methods, ' +
    'and a user study confirms that people prefer our videos in most cases, especially for long scenes.';
  assert.ok(abstract.length > 250);
  await page.fill('header input[name=q]', abstract);
  await page.press('header input[name=q]', 'Enter');
  await page.waitForURL(/\/search\/similar$/);
  await assertAccessible(page);
  assert.equal(await page.locator('h1').textContent(), 'Papers similar to your text');
  assert.match(
    (await page.getByRole('status').first().textContent()) ?? '',
    new RegExp(`reads as a pasted text \\(${abstract.length} characters\\)`),
  );
  assert.equal(await page.locator('#pasted-text').inputValue(), abstract, 'the whole text');
  assert.ok((await page.locator('.similar-list li').count()) > 0);
  await page.close();
});

test('results start on the first screen; categories work on the demo', {
  skip: skip ?? false,
}, async () => {
  const wide = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await wide.goto(`${base}/search?q=language+models`);
  await assertAccessible(wide);
  const tops = await wide
    .locator('ol.papers li.card')
    .evaluateAll((cards) => cards.map((c) => c.getBoundingClientRect().top));
  assert.ok(tops.filter((t) => t < 900).length >= 3, `3 results on the first screen: ${tops}`);
  const box = await wide.locator('.subscribe-box').boundingBox();
  const first = await wide.locator('ol.papers li.card').first().boundingBox();
  assert.ok(box && first && box.x > first.x + first.width, 'the alert box is beside the results');
  await wide.goto(`${base}/search?q=${encodeURIComponent('cat:cs.CL')}`);
  assert.ok((await wide.locator('ol.papers li.card').count()) > 0, 'cat:cs.CL finds demo papers');
  assert.ok((await wide.locator('.facets a', { hasText: 'cs.CL' }).count()) > 0);
  await wide.close();

  const phone = await browser.newPage({ viewport: { width: 360, height: 780 } });
  await phone.goto(`${base}/search?q=language+models`);
  await assertAccessible(phone);
  const firstTop = await topOf(phone, 'ol.papers li.card');
  assert.ok(firstTop < 500, `the first result starts at y=${firstTop}`);
  assert.ok(firstTop < (await topOf(phone, '.subscribe-box')), 'results before the alert box');
  await phone.close();
});
