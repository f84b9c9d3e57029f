/**
 * RSS 2.0 (https://www.rssboard.org/rss-specification): channel title/link/description, items
 * with guid (the paper URL, isPermaLink) and pubDate in RFC 822 form. Authors go in dc:creator
 * because RSS's own <author> must be an email address; atom:link rel="self" as the RSS Advisory
 * Board recommends.
 */
import { type FeedDocument, feedUrl } from './feed-model.ts';
import { el, xmlEscape } from './xml.ts';

/** RFC 822 date-time (with a four-digit year, per RFC 1123): "Sat, 22 Aug 2026 12:00:00 GMT". */
export function rfc822(iso: string): string {
  return new Date(iso).toUTCString();
}

export function renderRss(doc: FeedDocument): string {
  const items = doc.items.map((item) =>
    [
      '<item>',
      el('title', item.title),
      el('link', item.url),
      `<guid isPermaLink="true">${xmlEscape(item.id)}</guid>`,
      el('pubDate', rfc822(item.published)),
      ...item.authors.map((a) => el('dc:creator', a)),
      ...item.categories.map((c) => el('category', c)),
      el('description', item.text),
      '</item>',
    ].join(''),
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '<channel>',
    el('title', doc.title),
    el('link', doc.homeUrl),
    el('description', doc.description),
    `<atom:link href="${xmlEscape(feedUrl(doc, 'rss'))}" rel="self" type="application/rss+xml"/>`,
    el('language', 'en'),
    el('lastBuildDate', rfc822(doc.updated)),
    el('generator', 'paperboy'),
    el('docs', 'https://www.rssboard.org/rss-specification'),
    ...items,
    '</channel></rss>\n',
  ].join('');
}
