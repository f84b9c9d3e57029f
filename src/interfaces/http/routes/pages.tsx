/**
 * Web pages of the daily feed and of single papers.
 *   GET /                          latest featured day
 *   GET /papers/date/:day          one day      (YYYY-MM-DD)
 *   GET /papers/week/:week         one ISO week (YYYY-Www)
 *   GET /papers/month/:month       one month    (YYYY-MM)
 *   GET /papers/:id                a paper (new-style id; versions redirect to the canonical page)
 *   GET /papers/:archive/:number   a paper with an old-style id (hep-th/9901001)
 */
import { type Context, Hono } from 'hono';
import type { Container } from '../../../container.ts';
import { createError } from '../../../core/errors.ts';
import { getFeed } from '../../../core/feed/get-feed.ts';
import { dayPeriod, monthPeriod, type Period, weekPeriod } from '../../../core/feed/period.ts';
import { parseArxivId } from '../../../core/papers/arxiv-id.ts';
import { similarPapers } from '../../../core/search/similar-papers.ts';
import { FeedPage } from '../../web/pages/feed-page.tsx';
import { PaperPage } from '../../web/pages/paper-page.tsx';
import { pageParam } from '../params.ts';

const PAGE_SIZE = 50;

export function pageRoutes(container: Container): Hono {
  const app = new Hono();
  const { papers } = container;

  const renderFeed = async (c: Context, period: Period) => {
    const page = pageParam(c.req.query('page'));
    const feed = await getFeed(papers, period, {
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    });
    return c.html(<FeedPage feed={feed} page={page} pageSize={PAGE_SIZE} />);
  };

  app.get('/', async (c) => {
    const latest = await papers.latestFeaturedDay();
    const today = container.clock.now().toISOString().slice(0, 10);
    return renderFeed(c, dayPeriod(latest ?? today));
  });
  app.get('/papers/date/:day', (c) => renderFeed(c, dayPeriod(c.req.param('day'))));
  app.get('/papers/week/:week', (c) => renderFeed(c, weekPeriod(c.req.param('week'))));
  app.get('/papers/month/:month', (c) => renderFeed(c, monthPeriod(c.req.param('month'))));

  const renderPaper = async (c: Context, raw: string) => {
    const parsed = parseArxivId(raw);
    if (!parsed) throw createError('invalid_arxiv_id', raw);
    if (parsed.id !== raw) return c.redirect(`/papers/${parsed.id}`, 301);
    const paper = await papers.get(parsed.id);
    if (!paper) throw createError('paper_not_found', parsed.id);
    const similar = await similarPapers(container.search, paper.id, 5).catch((error: unknown) => {
      container.log.warn('similar papers failed', { paper_id: paper.id, error });
      return [];
    });
    return c.html(<PaperPage paper={paper} similar={similar} />);
  };
  app.get('/papers/:id', (c) => renderPaper(c, c.req.param('id')));
  app.get('/papers/:archive/:number', (c) =>
    renderPaper(c, `${c.req.param('archive')}/${c.req.param('number')}`),
  );
  return app;
}
