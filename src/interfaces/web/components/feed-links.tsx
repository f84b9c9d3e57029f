/**
 * Feed discovery: <link rel="alternate"> for the head, and visible RSS/Atom/JSON links.
 */
import { FEED_FORMATS, type FeedFormat } from '../../../core/feeds/feed-model.ts';

const TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml',
  atom: 'application/atom+xml',
  json: 'application/feed+json',
};
const LABELS: Record<FeedFormat, string> = { rss: 'RSS', atom: 'Atom', json: 'JSON Feed' };

export interface FeedRef {
  /** Feed path without extension, e.g. /feeds/trending. */
  base: string;
  /** Shared query string, e.g. ?name=Ada; '' for none. */
  query?: string;
  title: string;
}

function href(feed: FeedRef, format: FeedFormat): string {
  return `${feed.base}.${format}${feed.query ?? ''}`;
}

/** For Layout's `head`. */
export function FeedAlternates({ feed }: { feed: FeedRef }) {
  return (
    <>
      {FEED_FORMATS.map((f) => (
        <link
          rel="alternate"
          type={TYPES[f]}
          title={`${feed.title} (${LABELS[f]})`}
          href={href(feed, f)}
        />
      ))}
    </>
  );
}

/** Visible "Subscribe: RSS · Atom · JSON Feed" links. */
export function FeedBadges({ feed }: { feed: FeedRef }) {
  return (
    <p class="feeds">
      <span>Subscribe:</span>
      {FEED_FORMATS.map((f) => (
        <a href={href(feed, f)} type={TYPES[f]}>
          {LABELS[f]}
        </a>
      ))}
    </p>
  );
}
