/**
 * One entry point for the three formats, so routes (daily, trending, collections, authors,
 * search) render any feed the same way: `renderFeed(doc, 'atom')`.
 */
import { FEED_CONTENT_TYPES, type FeedDocument, type FeedFormat } from './feed-model.ts';
import { renderAtom } from './render-atom.ts';
import { renderJsonFeed } from './render-json-feed.ts';
import { renderRss } from './render-rss.ts';

/** The feed as a body and its content type. */
export function renderFeed(
  doc: FeedDocument,
  format: FeedFormat,
): { body: string; contentType: string } {
  const body =
    format === 'rss' ? renderRss(doc) : format === 'atom' ? renderAtom(doc) : renderJsonFeed(doc);
  return { body, contentType: FEED_CONTENT_TYPES[format] };
}
