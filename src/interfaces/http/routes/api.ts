/**
 * The read API (JSON, no auth).
 *   GET /api/papers/:id            a paper in paperboy's JSON format (old-style ids: /api/papers/hep-th/9901001)
 *   GET /api/daily_papers          Hugging Face-compatible: ?date=YYYY-MM-DD | week=YYYY-Www | month=YYYY-MM, &p=&limit=
 *                                  (upvotes and numComments: imported baseline + this instance's)
 *   GET /api/trending              ?period=day|week|window&limit=&p= trending papers, same entry shape
 */
import { type Context, Hono } from 'hono';
import type { Container } from '../../../container.ts';
import { withSocial } from '../../../core/community/social.ts';
import { getTrending, type TrendingPeriod } from '../../../core/community/trending.ts';
import { createError } from '../../../core/errors.ts';
import { dayPeriod, monthPeriod, type Period, weekPeriod } from '../../../core/feed/period.ts';
import { parseArxivId } from '../../../core/papers/arxiv-id.ts';
import { limitParam } from '../params.ts';
import { presentHfDailyEntry, presentPaper } from '../presenters/paper.ts';

export function apiRoutes(container: Container): Hono {
  const app = new Hono();
  const { papers } = container;

  const getPaper = async (c: Context, raw: string) => {
    const parsed = parseArxivId(raw);
    if (!parsed) throw createError('invalid_arxiv_id', raw);
    const paper = await papers.get(parsed.id);
    if (!paper) throw createError('paper_not_found', parsed.id);
    return c.json(presentPaper(paper));
  };
  app.get('/api/papers/:id', (c) => getPaper(c, c.req.param('id')));
  app.get('/api/papers/:archive/:number', (c) =>
    getPaper(c, `${c.req.param('archive')}/${c.req.param('number')}`),
  );

  app.get('/api/daily_papers', async (c) => {
    const period = await requestedPeriod(c, container);
    const limit = limitParam(c.req.query('limit'), 50, 100);
    const p = pageIndex(c.req.query('p'));
    const { items } = await papers.listFeatured(period, { limit, offset: p * limit });
    const social = await withSocial(
      container.community,
      items.map((i) => i.paper),
      null,
    );
    return c.json(
      items.map((item, i) =>
        presentHfDailyEntry({ ...item, paper: social.papers[i] ?? item.paper }),
      ),
    );
  });

  app.get('/api/trending', async (c) => {
    const limit = limitParam(c.req.query('limit'), 50, 100);
    const p = pageIndex(c.req.query('p'));
    const period = c.req.query('period') ?? 'window';
    if (!['day', 'week', 'window'].includes(period)) {
      throw createError('invalid_input', `period must be day, week or window, got "${period}"`);
    }
    const list = await getTrending(container.community, {
      limit,
      offset: p * limit,
      period: period as TrendingPeriod,
    });
    const social = await withSocial(container.community, list.papers, null);
    c.header('x-total-count', String(list.total));
    return c.json(
      social.papers.map((paper) =>
        presentHfDailyEntry({
          paper,
          day:
            paper.community.featuredDays[0]?.day ??
            (paper.submittedAt ?? container.clock.now().toISOString()).slice(0, 10),
          rank: null,
        }),
      ),
    );
  });
  return app;
}

function pageIndex(raw: string | undefined): number {
  const p = Number(raw ?? '0');
  if (!Number.isInteger(p) || p < 0) {
    throw createError('invalid_input', `p (page, from 0) must be a whole number, got "${raw}"`);
  }
  return p;
}

async function requestedPeriod(c: Context, container: Container): Promise<Period> {
  const { date, week, month } = c.req.query();
  if (date) return dayPeriod(date);
  if (week) return weekPeriod(week);
  if (month) return monthPeriod(month);
  const latest = await container.papers.latestFeaturedDay();
  return dayPeriod(latest ?? container.clock.now().toISOString().slice(0, 10));
}
