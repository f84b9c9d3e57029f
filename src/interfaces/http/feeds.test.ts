/**
 * Feeds over HTTP: every list in three formats, well-formed XML (checked with a real XML
 * validator), advertised by its page, stable across requests.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { XMLValidator } from 'fast-xml-parser';
import { createTestContainer, type TestContainer } from '../../../test/db.ts';
import { buildFeaturedPaper, buildPaper } from '../../../test/factories.ts';
import { createApp } from './app.ts';

let c: TestContainer;
let app: ReturnType<typeof createApp>;

before(async () => {
  c = await createTestContainer({ embedder: null });
  await c.papers.upsertMany([
    buildFeaturedPaper('2026-08-21', 30, {
      id: '2608.60001',
      title: 'Sparse attention & <friends>',
      abstract: 'Attention that is sparse.\u0001',
      authors: ['Ada Lovelace', 'Grace Hopper'],
    }),
    buildFeaturedPaper('2026-08-20', 10, {
      id: '2608.60002',
      title: 'Dense retrieval',
      authors: ['Grace Hopper'],
    }),
    buildPaper({ id: '2608.60003', title: 'Unfeatured work', authors: ['ada  LOVELACE'] }),
  ]);
  app = createApp(c);
});
after(() => c.dispose());

async function get(path: string) {
  const res = await app.request(path);
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    text: await res.text(),
    res,
  };
}

test('the daily feed in RSS, Atom and JSON Feed is well-formed and stable', async () => {
  for (const format of ['rss', 'atom'] as const) {
    const { status, text } = await get(`/feeds/daily.${format}`);
    assert.equal(status, 200);
    assert.equal(XMLValidator.validate(text), true, `${format} is well-formed XML`);
    assert.match(text, /Sparse attention &amp; &lt;friends&gt;/);
    assert.ok(text.includes('Dense retrieval'));
    assert.equal((await get(`/feeds/daily.${format}`)).text, text, 'same bytes on every request');
  }
  const json = JSON.parse((await get('/feeds/daily.json')).text);
  assert.equal(json.items.length, 2);
  assert.equal(json.items[0].date_published, '2026-08-21T00:00:00.000Z');
  const home = await get('/');
  for (const type of ['application/rss+xml', 'application/atom+xml', 'application/feed+json']) {
    assert.match(home.text, new RegExp(`<link rel="alternate" type="${type.replace('+', '\\+')}"`));
  }
});

test('author pages match names loosely and have feeds', async () => {
  const page = await get(`/authors/${encodeURIComponent('Ada Lovelace')}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /2 papers here/);
  assert.ok(page.text.includes('Unfeatured work'), 'spacing and case do not matter');
  assert.match(page.text, /href="\/feeds\/author\.atom\?name=Ada%20Lovelace"/);
  const paper = await get('/papers/2608.60001');
  assert.match(paper.text, /<a href="\/authors\/Grace%20Hopper">Grace Hopper<\/a>/);
  const atom = await get('/feeds/author.atom?name=grace%20hopper');
  assert.equal(XMLValidator.validate(atom.text), true);
  assert.equal(atom.text.match(/<entry>/g)?.length, 2);
});

test('a saved search is a feed URL with the same parameters', async () => {
  const page = await get('/search?q=sparse%20attention');
  assert.equal(page.status, 200);
  const href = page.text.match(
    /<link rel="alternate" type="application\/rss\+xml"[^>]*href="([^"]+)"/,
  )?.[1];
  assert.equal(href, '/feeds/search.rss?q=sparse%20attention');
  const rss = await get(href ?? '');
  assert.equal(rss.type, 'application/rss+xml; charset=utf-8');
  assert.equal(XMLValidator.validate(rss.text), true);
  assert.match(
    rss.text,
    /<guid isPermaLink="true">http:\/\/localhost:0\/papers\/2608\.60001<\/guid>/,
  );
  assert.doesNotMatch(rss.text, /Dense retrieval/);
});

test('unknown feeds and formats are helpful 404s', async () => {
  for (const path of [
    '/feeds/daily.xml',
    '/feeds/nothing.rss',
    '/feeds/collections/nope.rss',
    '/feeds/daily',
  ]) {
    assert.equal((await get(path)).status, 404, path);
  }
});
