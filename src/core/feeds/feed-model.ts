/**
 * The one shape every paperboy feed is rendered from (RSS 2.0, Atom 1.0, JSON Feed 1.1), and the
 * mapping from a list of papers to it. Pure: callers pass the base URL, the list and its dates,
 * so the daily feed, trending, collections, authors and search results all share it.
 */
import type { Paper } from '../papers/model.ts';

export interface FeedItem {
  /** Stable, unique, never reused: the paper page's URL. */
  id: string;
  url: string;
  title: string;
  /** Plain text (the abstract, or a collection note followed by the abstract). */
  text: string;
  authors: string[];
  /** ISO 8601 instant the item entered this list. */
  published: string;
  categories: string[];
  /** The arXiv abstract page. */
  externalUrl: string | null;
}

export interface FeedDocument {
  title: string;
  description: string;
  /** The HTML page this feed mirrors. */
  homeUrl: string;
  /** The feed's URL without its extension; `.rss`, `.atom` or `.json` is appended per format. */
  feedUrlBase: string;
  /** Query string (with `?`) shared by every format's URL, e.g. `?name=Ada%20Lovelace`; '' for none. */
  feedQuery: string;
  /** ISO instant of the latest change: the newest item, else `fallbackUpdated`. */
  updated: string;
  items: FeedItem[];
}

export type FeedFormat = 'rss' | 'atom' | 'json';

export const FEED_FORMATS: readonly FeedFormat[] = ['rss', 'atom', 'json'];

export const FEED_CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

/** The URL of one format of a feed. */
export function feedUrl(
  doc: Pick<FeedDocument, 'feedUrlBase' | 'feedQuery'>,
  format: FeedFormat,
): string {
  return `${doc.feedUrlBase}.${format}${doc.feedQuery}`;
}

export interface PapersFeedInput {
  baseUrl: string;
  title: string;
  description: string;
  /** Path of the HTML page, e.g. `/trending`. */
  homePath: string;
  /** Path of the feed without extension, e.g. `/feeds/trending`. */
  feedPath: string;
  /** Query string shared by the formats (`?q=…`), '' for none. */
  feedQuery?: string;
  entries: { paper: Paper; date: string; note?: string }[];
  /** `updated` when the list is empty. */
  fallbackUpdated: string;
}

/** Builds a feed document from papers with the date each entered the list. */
export function papersToFeed(input: PapersFeedInput): FeedDocument {
  const base = input.baseUrl.replace(/\/+$/, '');
  const items = input.entries.map(({ paper, date, note }): FeedItem => {
    const url = `${base}/papers/${paper.id}`;
    const summary = paper.community.aiSummary ? `TL;DR: ${paper.community.aiSummary}\n\n` : '';
    return {
      id: url,
      url,
      title: paper.title,
      text: `${note ? `${note}\n\n` : ''}${summary}${paper.abstract}`.trim(),
      authors: paper.authors,
      published: new Date(date).toISOString(),
      categories: paper.categories,
      externalUrl: `https://arxiv.org/abs/${paper.id}`,
    };
  });
  const newest = items.reduce<string | null>(
    (m, i) => (m === null || i.published > m ? i.published : m),
    null,
  );
  return {
    title: input.title,
    description: input.description,
    homeUrl: `${base}${input.homePath}`,
    feedUrlBase: `${base}${input.feedPath}`,
    feedQuery: input.feedQuery ?? '',
    updated: newest ?? new Date(input.fallbackUpdated).toISOString(),
    items,
  };
}
