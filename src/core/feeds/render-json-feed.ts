/**
 * JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/): version, title, home_page_url,
 * feed_url; items with a stable string id, url, title, content_text, RFC 3339 dates, authors,
 * tags and the arXiv page as external_url.
 */
import { type FeedDocument, feedUrl } from './feed-model.ts';

export function renderJsonFeed(doc: FeedDocument): string {
  return `${JSON.stringify(
    {
      version: 'https://jsonfeed.org/version/1.1',
      title: doc.title,
      home_page_url: doc.homeUrl,
      feed_url: feedUrl(doc, 'json'),
      description: doc.description,
      language: 'en',
      items: doc.items.map((item) => ({
        id: item.id,
        url: item.url,
        external_url: item.externalUrl ?? undefined,
        title: item.title,
        content_text: item.text,
        date_published: item.published,
        authors: item.authors.map((name) => ({ name })),
        tags: item.categories.length > 0 ? item.categories : undefined,
      })),
    },
    null,
    2,
  )}\n`;
}
