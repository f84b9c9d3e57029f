/**
 * Issue 16, item 10 in a real browser, with the bundled model (use-lite, offline): `serve` loads
 * the search model in the background from the start — in every worker thread — and says when it
 * is ready; the first and second searches after that are answered by meaning and keywords without
 * loading anything on the request path. Times are measured in /tmp/web-measure (see the closing
 * note), never asserted here.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { type RunningServe, startServe } from '../../src/interfaces/cli/commands/serve.ts';
import { createMemoryLogger } from '../../src/log.ts';
import { assertAccessible } from '../axe.ts';
import { browserSkipReason, launchBrowser } from '../browser.ts';
import { tempDir, testConfig } from '../db.ts';

const skip = browserSkipReason();
const dir = tempDir();
const log = createMemoryLogger();
let browser: Browser;
let server: RunningServe;
let base: string;

before(async () => {
  if (skip) return;
  const config = testConfig(dir.path, {
    PAPERBOY_DEMO: 'true',
    PAPERBOY_WORKER: 'false',
    PAPERBOY_EMBEDDER: 'use-lite',
  });
  server = await startServe(config, log);
  base = `http://127.0.0.1:${server.port}`;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  dir.remove();
});

test('the model loads in the background from the start; first searches find by meaning', {
  skip: skip ?? false,
}, async () => {
  assert.ok(server.modelReady instanceof Promise, 'serve says when the model is ready');
  await server.modelReady;
  const ready = log.entries.find((e) => e.msg === 'search model ready');
  assert.ok(ready, 'and logs it');
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  for (const q of ['video generation with diffusion', 'reasoning in language models']) {
    await page.goto(`${base}/`);
    await page.fill('header input[name=q]', q);
    await page.press('header input[name=q]', 'Enter');
    await page.waitForURL(/\/search\?q=/);
    const by = await page
      .locator('ol.papers li.card')
      .evaluateAll((cards) => cards.map((c) => c.getAttribute('data-matched-by')));
    assert.ok(
      by.some((m) => m === 'semantic' || m === 'both'),
      `found by meaning: ${by}`,
    );
  }
  await assertAccessible(page);
  await page.close();
});
