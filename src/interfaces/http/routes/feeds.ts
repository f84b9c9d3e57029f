/**
 * Feeds for every list, in RSS 2.0, Atom 1.0 and JSON Feed 1.1 (pick by extension). Public, no
 * cookies, cacheable for five minutes.
 *   GET /feeds/daily.:format                      the last 7 featured days
 *   GET /feeds/trending.:format                   the trending list
 *   GET /feeds/collections/:id.:format            a public collection
 *   GET /feeds/author.:format?name=Ada%20Lovelace an author's papers
 *   GET /feeds/search.:format?q=…&cat=&author=…     a saved search (same parameters as /search)
 */
import { type Context, Hono } from 'hono';
import type { Container } from '../../../container.ts';
import { getCollection } from '../../../core/community/collections.ts';
import { getAuthorPapers } from '../../../core/community/profiles.ts';
import { getTrending } from '../../../core/community/trending.ts';
import { createError } from '../../../core/errors.ts';
import { addDays } from '../../../core/feed-periods/period.ts';
import {
  FEED_FORMATS,
  type FeedDocument,
  type FeedFormat,
  papersToFeed,
} from '../../../core/feeds/feed-model.ts';
import { renderFeed } from '../../../core/feeds/render-feed.ts';
import type { Paper } from '../../../core/papers/model.ts';
import { parseQuery } from '../../../core/search/query.ts';
import { searchPapers } from '../../../core/search/search-papers.ts';
import { searchUrl } from '../../web/pages/search-page.tsx';
import { readParams, urlFilters } from './search.tsx';

/** What this file takes from the container. */
type Uses = Pick<Container, 'clock' | 'community' | 'config' | 'papers' | 'search'>;

const FEED_SIZE = 100;

/** Splits `name.format`; 404 for unknown formats. */
export function feedFile(file: string): { name: string; format: FeedFormat } {
  const dot = file.lastIndexOf('.');
  const format = file.slice(dot + 1) as FeedFormat;
  if (dot < 1 || !FEED_FORMATS.includes(format)) {
    throw createError('not_found', `feed ${file} (feeds end in .rss, .atom or .json)`);
  }
  return { name: file.slice(0, dot), format };
}

/** Sends a rendered feed. */
export function sendFeed(c: Context, doc: FeedDocument, format: FeedFormat) {
  const { body, contentType } = renderFeed(doc, format);
  c.header('cache-control', 'public, max-age=300');
  return c.body(body, 200, { 'content-type': contentType });
}

/** When a paper entered general view: its first featured day, else its arXiv date. */
function listedAt(paper: Paper, fallback: string): string {
  const day = paper.community.featuredDays[0]?.day;
  return day ? `${day}T00:00:00Z` : (paper.submittedAt ?? fallback);
}

export function feedRoutes(container: Uses): Hono {
  const app = new Hono();
  const ctx = container.community;
  const baseUrl = container.config.baseUrl;
  const now = () => container.clock.now().toISOString();

  app.get('/feeds/collections/:file', async (c) => {
    const { name: id, format } = feedFile(c.req.param('file'));
    const { collection, items } = await getCollection(ctx, null, id);
    const doc = papersToFeed({
      baseUrl,
      title: `${collection.name} — a paperboy collection by @${collection.owner.handle}`,
      description: collection.description || `Papers collected by @${collection.owner.handle}`,
      homePath: `/collections/${id}`,
      feedPath: `/feeds/collections/${id}`,
      entries: items
        .slice(0, FEED_SIZE)
        .map((i) => ({ paper: i.paper, date: i.addedAt, note: i.note })),
      fallbackUpdated: collection.updatedAt,
    });
    return sendFeed(c, doc, format);
  });

  app.get('/feeds/:file', async (c) => {
    const { name, format } = feedFile(c.req.param('file'));
    if (name === 'daily') {
      const latest = (await container.papers.latestFeaturedDay()) ?? now().slice(0, 10);
      const { items } = await container.papers.listFeatured(
        { from: addDays(latest, -6), to: latest },
        { limit: FEED_SIZE, offset: 0 },
      );
      const doc = papersToFeed({
        baseUrl,
        title: 'paperboy — Daily Papers',
        description:
          'Papers featured in the daily feed over the last week, most upvoted first per day.',
        homePath: '/',
        feedPath: '/feeds/daily',
        entries: items.map((i) => ({ paper: i.paper, date: `${i.day}T00:00:00Z` })),
        fallbackUpdated: `${latest}T00:00:00Z`,
      });
      return sendFeed(c, doc, format);
    }
    if (name === 'trending') {
      const { papers, asOf } = await getTrending(ctx, { limit: 50 });
      const doc = papersToFeed({
        baseUrl,
        title: 'paperboy — Trending papers',
        description:
          'Papers trending now: upvotes and discussion with Hacker News-style time decay.',
        homePath: '/trending',
        feedPath: '/feeds/trending',
        entries: papers.map((p) => ({ paper: p, date: listedAt(p, asOf ?? now()) })),
        fallbackUpdated: asOf ?? now(),
      });
      return sendFeed(c, doc, format);
    }
    if (name === 'author') {
      const author = await getAuthorPapers(ctx, c.req.query('name') ?? '', {
        limit: FEED_SIZE,
        offset: 0,
      });
      const doc = papersToFeed({
        baseUrl,
        title: `Papers by ${author.name} — paperboy`,
        description: `Papers with ${author.name} among the authors, newest first.`,
        homePath: `/authors/${encodeURIComponent(author.name)}`,
        feedPath: '/feeds/author',
        feedQuery: `?name=${encodeURIComponent(author.name)}`,
        entries: author.papers.map((p) => ({
          paper: p,
          date: p.submittedAt ?? p.provenance.fetchedAt,
        })),
        fallbackUpdated: now(),
      });
      return sendFeed(c, doc, format);
    }
    if (name === 'search') {
      const params = readParams(c);
      const result = await searchPapers(container.search, {
        query: parseQuery(params.q, urlFilters(params)),
        sort: params.sort,
        limit: 50,
      });
      const what = [params.q, params.author, params.cat].filter(Boolean).join(' · ');
      const doc = papersToFeed({
        baseUrl,
        title: `paperboy search: ${what || 'everything'}`,
        description: 'Papers matching a saved search (keywords and meaning), best matches first.',
        homePath: searchUrl(params),
        feedPath: '/feeds/search',
        feedQuery: searchUrl(params).slice('/search'.length),
        entries: result.hits.map((h) => ({
          paper: h.paper,
          date: h.paper.submittedAt ?? h.paper.provenance.fetchedAt,
        })),
        fallbackUpdated: now(),
      });
      return sendFeed(c, doc, format);
    }
    throw createError(
      'not_found',
      `feed ${name} (try daily, trending, search?q=…, author?name=…, collections/<id>)`,
    );
  });
  return app;
}
