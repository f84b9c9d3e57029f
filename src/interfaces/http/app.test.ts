import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestContainer, type TestContainer } from '../../../test/db.ts';
import { buildFeaturedPaper, buildPaper } from '../../../test/factories.ts';
import { createApp } from './app.ts';

let c: TestContainer;
let app: ReturnType<typeof createApp>;

before(async () => {
  c = await createTestContainer();
  await c.papers.upsertMany([
    buildFeaturedPaper('2026-08-20', 7, { id: '2608.00001', title: 'Older day paper' }),
    buildFeaturedPaper('2026-08-21', 3, { id: '2608.00002', title: 'Quiet paper' }),
    buildFeaturedPaper('2026-08-21', 90, {
      id: '2608.00003',
      title: 'Loud paper <with> & markup',
      abstract: 'An abstract about loud papers.',
      links: { code: 'https://github.com/x/y', project: 'https://x.github.io' },
    }),
    buildPaper({ id: 'hep-th/9901001', title: 'Old style paper', abstract: 'Strings.' }),
  ]);
  app = createApp(c);
});
after(() => c.dispose());

async function page(path: string, init?: RequestInit) {
  const res = await app.request(path, init);
  return { status: res.status, text: await res.text(), res };
}

test('/ shows the latest featured day, most upvoted first', async () => {
  const { status, text } = await page('/');
  assert.equal(status, 200);
  assert.match(text, /^<!DOCTYPE html>/);
  assert.match(text, /Friday, 21 Aug 2026/);
  const loud = text.indexOf('Loud paper');
  const quiet = text.indexOf('Quiet paper');
  assert.ok(loud > 0 && quiet > loud, 'most upvoted first');
  assert.ok(!text.includes('Older day paper'));
  assert.match(text, /href="\/papers\/date\/2026-08-20" rel="prev"/);
  assert.ok(text.includes('Loud paper &lt;with&gt; &amp; markup'), 'titles are escaped');
});

test('day, week and month views list their papers', async () => {
  const day = await page('/papers/date/2026-08-20');
  assert.equal(day.status, 200);
  assert.ok(day.text.includes('Older day paper'));
  assert.match(day.text, /href="\/papers\/date\/2026-08-21" rel="next"/);
  const week = await page('/papers/week/2026-W34');
  assert.equal(week.status, 200);
  assert.ok(week.text.includes('Older day paper') && week.text.includes('Quiet paper'));
  const month = await page('/papers/month/2026-08');
  assert.equal(month.status, 200);
  assert.match(month.text, /3 papers featured/);
  const empty = await page('/papers/month/2025-01');
  assert.equal(empty.status, 200);
  assert.match(empty.text, /No papers were featured/);
});

test('a paper page shows abstract, links and upvotes', async () => {
  const { status, text } = await page('/papers/2608.00003');
  assert.equal(status, 200);
  assert.ok(text.includes('An abstract about loud papers.'));
  assert.ok(text.includes('https://arxiv.org/abs/2608.00003v1'));
  assert.ok(text.includes('https://arxiv.org/pdf/2608.00003v1'));
  assert.ok(text.includes('https://github.com/x/y'));
  assert.match(text, /<span class="count">90<\/span><span class="label">upvotes<\/span>/);
});

test('old-style ids and versioned ids resolve', async () => {
  const old = await page('/papers/hep-th/9901001');
  assert.equal(old.status, 200);
  assert.ok(old.text.includes('Old style paper'));
  const versioned = await page('/papers/2608.00003v2');
  assert.equal(versioned.status, 301);
  assert.equal(versioned.res.headers.get('location'), '/papers/2608.00003');
});

test('unknown ids, bad periods and unknown paths are helpful 404s, never 500s', async () => {
  for (const path of [
    '/papers/2608.99999',
    '/papers/not-an-id',
    '/papers/date/2026-02-30',
    '/papers/date/yesterday',
    '/papers/week/2026-W99',
    '/papers/month/2026-13',
    '/papers/a/b/c',
    '/nowhere',
  ]) {
    const { status, text } = await page(path);
    assert.equal(status, 404, path);
    assert.match(text, /Go to today/, path);
  }
  const bad = await page('/?page=zero');
  assert.equal(bad.status, 400);
});

test('the JSON API serves papers and Hugging Face-shaped daily lists', async () => {
  const paper = await page('/api/v1/papers/2608.00003');
  assert.equal(paper.status, 200);
  const body = JSON.parse(paper.text);
  assert.equal(body.id, '2608.00003');
  assert.equal(body.links.pdf, 'https://arxiv.org/pdf/2608.00003v1');
  const flat = JSON.parse((await page('/api/papers/2608.00003v2')).text);
  assert.equal(flat.id, '2608.00003');
  assert.equal(flat.githubRepo, 'https://github.com/x/y');
  assert.equal(flat.numComments, 0);
  const daily = JSON.parse((await page('/api/daily_papers?date=2026-08-21')).text);
  assert.deepEqual(
    daily.map((e: { paper: { id: string } }) => e.paper.id),
    ['2608.00003', '2608.00002'],
  );
  const missing = await page('/api/papers/2608.99999');
  assert.equal(missing.status, 404);
  assert.equal(JSON.parse(missing.text).error.code, 'paper_not_found');
  const badLimit = await page('/api/daily_papers?limit=1000');
  assert.equal(badLimit.status, 400);
  assert.equal(JSON.parse(badLimit.text).error.code, 'invalid_input');
});

test('/healthz answers 200 and the stylesheet is cacheable', async () => {
  const health = await page('/healthz');
  assert.equal(health.status, 200);
  assert.deepEqual(JSON.parse(health.text), { status: 'ok', store: true });
  const css = (await page('/')).text.match(/href="(\/static\/style\.[0-9a-f]+\.css)"/)?.[1];
  assert.ok(css);
  const res = await app.request(css);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('cache-control') ?? '', /immutable/);
});
