/**
 * Atom 1.0 (RFC 4287): feed id/title/updated/author and a self link; entries with id (the paper
 * URL, stable), title, updated/published in RFC 3339, alternate link, authors and a text summary.
 */
import { type FeedDocument, feedUrl } from './feed-model.ts';
import { el, xmlEscape } from './xml.ts';

export function renderAtom(doc: FeedDocument): string {
  const entries = doc.items.map((item) =>
    [
      '<entry>',
      el('id', item.id),
      el('title', item.title),
      el('updated', item.published),
      el('published', item.published),
      `<link rel="alternate" type="text/html" href="${xmlEscape(item.url)}"/>`,
      item.externalUrl
        ? `<link rel="related" type="text/html" href="${xmlEscape(item.externalUrl)}"/>`
        : '',
      ...item.authors.map((a) => `<author>${el('name', a)}</author>`),
      ...item.categories.map((c) => `<category term="${xmlEscape(c)}"/>`),
      `<summary type="text">${xmlEscape(item.text)}</summary>`,
      '</entry>',
    ].join(''),
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">',
    el('id', feedUrl(doc, 'atom')),
    el('title', doc.title),
    el('subtitle', doc.description),
    el('updated', doc.updated),
    `<link rel="self" type="application/atom+xml" href="${xmlEscape(feedUrl(doc, 'atom'))}"/>`,
    `<link rel="alternate" type="text/html" href="${xmlEscape(doc.homeUrl)}"/>`,
    `<author>${el('name', 'paperboy')}</author>`,
    el('generator', 'paperboy'),
    ...entries,
    '</feed>\n',
  ].join('');
}
