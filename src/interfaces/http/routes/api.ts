/**
 * The read API (JSON, no auth).
 *   GET /api/papers/:id            a paper in paperboy's JSON format (old-style ids: /api/papers/hep-th/9901001)
 *   GET /api/daily_papers          Hugging Face-compatible: ?date=YYYY-MM-DD | week=YYYY-Www | month=YYYY-MM, &p=&limit=
 */
import { type Context, Hono } from 'hono';
import type { Container } from '../../../container.ts';
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
    const p = Number(c.req.query('p') ?? '0');
    if (!Number.isInteger(p) || p < 0) {
      throw createError(
        'invalid_input',
        `p (page, from 0) must be a whole number, got "${c.req.query('p')}"`,
      );
    }
    const { items } = await papers.listFeatured(period, { limit, offset: p * limit });
    return c.json(items.map(presentHfDailyEntry));
  });
  return app;
}

async function requestedPeriod(c: Context, container: Container): Promise<Period> {
  const { date, week, month } = c.req.query();
  if (date) return dayPeriod(date);
  if (week) return weekPeriod(week);
  if (month) return monthPeriod(month);
  const latest = await container.papers.latestFeaturedDay();
  return dayPeriod(latest ?? container.clock.now().toISOString().slice(0, 10));
}
