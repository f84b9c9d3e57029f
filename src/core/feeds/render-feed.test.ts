import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { buildPaper } from '../../../test/factories.ts';
import { type FeedDocument, papersToFeed } from './feed-model.ts';
import { renderFeed } from './render-feed.ts';
import { rfc822 } from './render-rss.ts';
import { xmlEscape } from './xml.ts';

const ABSTRACT = { abstract: 'We study things.' };

function doc(): FeedDocument {
  return papersToFeed({
    baseUrl: 'https://papers.example.org/',
    title: 'Trending & <new>',
    description: 'Papers "trending" now',
    homePath: '/trending',
    feedPath: '/feeds/trending',
    entries: [
      {
        paper: buildPaper({
          ...ABSTRACT,
          id: '2608.50001',
          title: 'A <b>bold</b> & "quoted" title\u0007',
          authors: ['Ada Lovelace', 'Alan Turing'],
        }),
        date: '2026-08-21T00:00:00Z',
      },
      {
        paper: buildPaper({ ...ABSTRACT, id: 'hep-th/9901001', title: 'Old style' }),
        date: '2026-08-20T00:00:00Z',
        note: 'Read §3',
      },
    ],
    fallbackUpdated: '2026-08-22T00:00:00Z',
  });
}

test('RSS 2.0 has the required channel and item elements, RFC 822 dates and permalink GUIDs', () => {
  const { body, contentType } = renderFeed(doc(), 'rss');
  assert.equal(contentType, 'application/rss+xml; charset=utf-8');
  assert.match(body, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<rss version="2\.0"/);
  assert.match(
    body,
    /<channel><title>Trending &amp; &lt;new&gt;<\/title><link>https:\/\/papers\.example\.org\/trending<\/link><description>Papers &quot;trending&quot; now<\/description>/,
  );
  assert.match(
    body,
    /<atom:link href="https:\/\/papers\.example\.org\/feeds\/trending\.rss" rel="self" type="application\/rss\+xml"\/>/,
  );
  assert.match(
    body,
    /<guid isPermaLink="true">https:\/\/papers\.example\.org\/papers\/2608\.50001<\/guid><pubDate>Fri, 21 Aug 2026 00:00:00 GMT<\/pubDate>/,
  );
  assert.match(body, /<dc:creator>Ada Lovelace<\/dc:creator>/);
  assert.match(
    body,
    /<guid isPermaLink="true">https:\/\/papers\.example\.org\/papers\/hep-th\/9901001<\/guid>/,
  );
  assert.match(body, /<description>Read §3\n\nWe study things/);
  assert.equal(body.match(/<item>/g)?.length, 2);
  assert.ok(!body.includes('\u0007'), 'characters XML forbids are dropped');
  assert.match(
    rfc822('2026-08-21T13:05:09Z'),
    /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/,
  );
});

test('Atom 1.0 has id, title, updated, author and self link; entries have RFC 3339 dates', () => {
  const { body, contentType } = renderFeed(doc(), 'atom');
  assert.equal(contentType, 'application/atom+xml; charset=utf-8');
  assert.match(
    body,
    /<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom" xml:lang="en"><id>https:\/\/papers\.example\.org\/feeds\/trending\.atom<\/id><title>Trending &amp; &lt;new&gt;<\/title>/,
  );
  assert.match(
    body,
    /<updated>2026-08-21T00:00:00\.000Z<\/updated>/,
    'feed updated = newest entry',
  );
  assert.match(body, /<author><name>paperboy<\/name><\/author>/);
  assert.match(
    body,
    /<link rel="self" type="application\/atom\+xml" href="https:\/\/papers\.example\.org\/feeds\/trending\.atom"\/>/,
  );
  assert.match(
    body,
    /<entry><id>https:\/\/papers\.example\.org\/papers\/2608\.50001<\/id><title>A &lt;b&gt;bold&lt;\/b&gt; &amp; &quot;quoted&quot; title<\/title><updated>2026-08-21T00:00:00\.000Z<\/updated>/,
  );
  assert.match(body, /<author><name>Alan Turing<\/name><\/author>/);
  assert.match(body, /<category term="cs\.CL"\/>/);
});

test('JSON Feed 1.1 has version, title, items with string ids, content and RFC 3339 dates', () => {
  const { body, contentType } = renderFeed(doc(), 'json');
  assert.equal(contentType, 'application/feed+json; charset=utf-8');
  const feed = JSON.parse(body);
  assert.equal(feed.version, 'https://jsonfeed.org/version/1.1');
  assert.equal(feed.title, 'Trending & <new>');
  assert.equal(feed.feed_url, 'https://papers.example.org/feeds/trending.json');
  assert.equal(feed.home_page_url, 'https://papers.example.org/trending');
  assert.equal(feed.items[0].id, 'https://papers.example.org/papers/2608.50001');
  assert.equal(feed.items[0].date_published, '2026-08-21T00:00:00.000Z');
  assert.deepEqual(feed.items[0].authors, [{ name: 'Ada Lovelace' }, { name: 'Alan Turing' }]);
  assert.equal(typeof feed.items[1].content_text, 'string');
});

test('the same list renders byte-identical feeds (stable GUIDs and dates)', () => {
  for (const f of ['rss', 'atom', 'json'] as const)
    assert.equal(renderFeed(doc(), f).body, renderFeed(doc(), f).body);
});

test('an empty list is still a valid feed dated by its fallback', () => {
  const empty = papersToFeed({
    baseUrl: 'http://x',
    title: 't',
    description: 'd',
    homePath: '/',
    feedPath: '/feeds/x',
    entries: [],
    fallbackUpdated: '2026-08-22T00:00:00Z',
  });
  assert.match(renderFeed(empty, 'atom').body, /<updated>2026-08-22T00:00:00\.000Z<\/updated>/);
  assert.match(
    renderFeed(empty, 'rss').body,
    /<lastBuildDate>Sat, 22 Aug 2026 00:00:00 GMT<\/lastBuildDate>/,
  );
});

test('escaped text never contains markup or forbidden characters (property)', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary' }), (s) => {
      const out = xmlEscape(s);
      assert.doesNotMatch(out, /[<>"']|&(?!(amp|lt|gt|quot|apos);)/);
      const forbidden = [...out].filter((ch) => {
        const code = ch.codePointAt(0) ?? 0;
        return (code < 0x20 && ![9, 10, 13].includes(code)) || code === 0xfffe || code === 0xffff;
      });
      assert.deepEqual(forbidden, []);
    }),
  );
});
