/**
 * The Hugging Face-compatible read API (../shared/HF-API.md), field for field, so tools written
 * for huggingface.co's paper API work against paperboy (huggingface_hub with HF_ENDPOINT set):
 *   GET /api/daily_papers        ?p=&limit=&date=|week=|month=&submitter=&sort=publishedAt|trending
 *   GET /api/papers/search       ?q=&limit=&p=  (+ paperboy's sort, mode and filters)
 *   GET /api/papers/{id}         the flat paper (ids with or without version; old-style ids too)
 *   GET /api/papers              ?cursor=&limit= every paper, newest first
 *   GET /papers/{id}.md          the paper as Markdown (also GET /papers/{id} with Accept: text/markdown)
 * Lists carry X-Total-Count and Link rel="next". Requests are validated by the schemas in
 * schemas/hf-requests.ts, which also generate /openapi.json.
 */
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { z } from 'zod';
import type { Container } from '../../../container.ts';
import { withSocial } from '../../../core/community/social.ts';
import { createError } from '../../../core/errors.ts';
import {
  dayPeriod,
  monthPeriod,
  type Period,
  weekPeriod,
} from '../../../core/feed-periods/period.ts';
import { decodeUriOrNull, parseArxivId } from '../../../core/papers/arxiv-id.ts';
import type { Paper } from '../../../core/papers/model.ts';
import { paperMarkdown } from '../../../core/papers/paper-markdown.ts';
import type { PublishedCursor } from '../../../core/papers/ports.ts';
import { parseQuery } from '../../../core/search/query.ts';
import { searchPapers } from '../../../core/search/search-papers.ts';
import { PAGING_HEADERS, setNextCursor, setPaging } from '../paging.ts';
import { presentHfDailyEntry, presentHfPaperInfo } from '../presenters/hf.ts';
import { presentSearchHit } from '../presenters/search.ts';
import { errors, OldPaperIdParams, PaperIdParams } from '../schemas/common.ts';
import { HfDailyEntry, HfPaperInfo, HfSearchEntry } from '../schemas/hf.ts';
import { DailyPapersQuery, PaperListQuery, PaperSearchQuery } from '../schemas/hf-requests.ts';
import { throwOnInvalid } from '../schemas/validate.ts';
import type { AppEnv } from '../session.ts';
import { urlFilters } from './search.tsx';

/** What this file takes from the container. */
type Uses = Pick<Container, 'clock' | 'community' | 'config' | 'papers' | 'search'>;

const TAG = 'Hugging Face-compatible';
const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  headers: PAGING_HEADERS,
  content: { 'application/json': { schema } },
});

const dailyPapers = createRoute({
  method: 'get',
  path: '/api/daily_papers',
  tags: [TAG],
  summary: 'Papers featured on a day, week or month',
  request: { query: DailyPapersQuery },
  responses: { 200: json(z.array(HfDailyEntry), 'entries, one page'), ...errors(400) },
});

const searchRoute = createRoute({
  method: 'get',
  path: '/api/papers/search',
  tags: [TAG],
  summary: 'Search papers by keywords and meaning',
  request: { query: PaperSearchQuery },
  responses: { 200: json(z.array(HfSearchEntry), 'results, one page'), ...errors(400) },
});

const paperResponses = {
  200: {
    description: 'the paper, flat',
    content: { 'application/json': { schema: HfPaperInfo } },
  },
  ...errors(400, 404),
};

const paperRoute = createRoute({
  method: 'get',
  path: '/api/papers/{id{[^/]+}}',
  tags: [TAG],
  summary: 'A paper (2608.19880 or 2608.19880v2)',
  request: { params: PaperIdParams },
  responses: paperResponses,
});

const oldPaperRoute = createRoute({
  method: 'get',
  path: '/api/papers/{archive{[a-z-]+(?:\\.[A-Za-z-]+)?}}/{number{[0-9]+(?:v[0-9]+)?}}',
  tags: [TAG],
  summary: 'A paper with an old-style id (hep-th/9901001)',
  request: { params: OldPaperIdParams },
  responses: paperResponses,
});

const listRoute = createRoute({
  method: 'get',
  path: '/api/papers',
  tags: [TAG],
  summary: 'Every paper, newest first (cursor paging)',
  request: { query: PaperListQuery },
  responses: { 200: json(z.array(HfPaperInfo), 'papers, one page'), ...errors(400) },
});

const markdownRoute = createRoute({
  method: 'get',
  path: '/papers/{id{.+\\.md}}',
  tags: [TAG],
  summary: 'A paper as Markdown (or GET /papers/{id} with Accept: text/markdown)',
  request: {
    params: z.object({
      id: z.string().meta({ param: { name: 'id', in: 'path' }, example: '2608.19880' }),
    }),
  },
  responses: {
    200: {
      description: 'title, authors, links, abstract',
      content: { 'text/markdown': { schema: z.string() } },
    },
    ...errors(400, 404),
  },
});

export function hfApiRoutes(container: Uses): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: throwOnInvalid });
  const { papers, community } = container;
  const baseUrl = container.config.baseUrl;

  app.openapi(dailyPapers, async (c) => {
    const q = c.req.valid('query');
    const period = q.date
      ? dayPeriod(q.date)
      : q.week
        ? weekPeriod(q.week)
        : q.month
          ? monthPeriod(q.month)
          : await latestDay(container);
    const page = await papers.listFeatured(
      period,
      { limit: q.limit, offset: q.p * q.limit },
      {
        ...(q.submitter ? { submitter: q.submitter } : {}),
        order: q.sort === 'trending' ? 'trending' : 'upvotes',
      },
    );
    const social = await withSocial(
      community,
      page.items.map((i) => i.paper),
      null,
    );
    setPaging(c, baseUrl, { total: page.total, p: q.p, limit: q.limit });
    const entries = page.items.map((item, i) =>
      presentHfDailyEntry({ ...item, paper: social.papers[i] ?? item.paper }, social.submitters),
    );
    return c.json(entries, 200);
  });

  app.openapi(searchRoute, async (c) => {
    const q = c.req.valid('query');
    const params = {
      q: q.q,
      cat: q.cat?.trim() ?? '',
      author: q.author?.trim() ?? '',
      year: q.year?.trim() ?? '',
      from: q.from?.trim() ?? '',
      to: q.to?.trim() ?? '',
      sort: q.sort as 'relevance',
    };
    const result = await searchPapers(container.search, {
      query: parseQuery(params.q, urlFilters(params)),
      sort: params.sort,
      mode: q.mode,
      limit: q.limit,
      offset: q.p * q.limit,
    });
    const social = await withSocial(
      community,
      result.hits.map((h) => h.paper),
      null,
    );
    setPaging(c, baseUrl, { total: result.total, p: q.p, limit: q.limit });
    const hits = result.hits.map((h, i) =>
      presentSearchHit({ ...h, paper: social.papers[i] ?? h.paper }, social.submitters),
    );
    return c.json(hits, 200);
  });

  const onePaper = async (raw: string) => {
    const parsed = parseArxivId(raw);
    if (!parsed) throw createError('invalid_arxiv_id', raw);
    const paper = await papers.get(parsed.id);
    if (!paper) throw createError('paper_not_found', parsed.id);
    const social = await withSocial(community, [paper], null);
    return presentHfPaperInfo(social.papers[0] ?? paper, social.submitters);
  };
  app.openapi(paperRoute, async (c) => c.json(await onePaper(c.req.valid('param').id), 200));
  app.openapi(oldPaperRoute, async (c) => {
    const { archive, number } = c.req.valid('param');
    return c.json(await onePaper(`${archive}/${number}`), 200);
  });

  app.openapi(listRoute, async (c) => {
    const q = c.req.valid('query');
    const after = q.cursor ? decodeCursor(q.cursor) : null;
    const [page, total] = await Promise.all([
      papers.listByPublished(after, q.limit),
      papers.count(),
    ]);
    const social = await withSocial(community, page, null);
    c.header('X-Total-Count', String(total));
    const last = page.at(-1);
    setNextCursor(c, baseUrl, page.length === q.limit && last ? encodeCursor(last) : null);
    return c.json(
      social.papers.map((p) => presentHfPaperInfo(p, social.submitters)),
      200,
    );
  });
  app.openapi(markdownRoute, async (c) => {
    const raw = c.req.valid('param').id.replace(/\.md$/, '');
    const id = parseArxivId(raw)?.id;
    if (!id) throw createError('invalid_arxiv_id', raw);
    return markdownResponse(container, id);
  });
  return app;
}

/** The Markdown answer for a stored paper (404 when it is not stored). */
export async function markdownResponse(container: Uses, id: string): Promise<Response> {
  const paper = await container.papers.get(id);
  if (!paper) throw createError('paper_not_found', id);
  const page = new URL(`/papers/${paper.id}`, container.config.baseUrl).toString();
  return new Response(paperMarkdown(paper, page), {
    headers: { 'content-type': 'text/markdown; charset=utf-8', vary: 'Accept' },
  });
}

/**
 * `GET /papers/{id}` with `Accept: text/markdown` answers Markdown instead of the page (as
 * Hugging Face does); the page routes run otherwise. Either way the answer varies by Accept.
 */
export function markdownNegotiation(container: Uses): MiddlewareHandler {
  return async (c, next) => {
    const rest = c.req.path.slice('/papers/'.length);
    const decoded = rest.endsWith('.md') ? null : decodeUriOrNull(rest);
    const id = decoded === null ? null : parseArxivId(decoded)?.id;
    if (id && (c.req.header('accept') ?? '').includes('text/markdown')) {
      return markdownResponse(container, id);
    }
    await next();
    if (id) c.res.headers.append('vary', 'Accept');
  };
}

async function latestDay(container: Uses): Promise<Period> {
  const latest = await container.papers.latestFeaturedDay();
  return dayPeriod(latest ?? container.clock.now().toISOString().slice(0, 10));
}

function encodeCursor(paper: Paper): string {
  return Buffer.from(JSON.stringify([paper.submittedAt, paper.id])).toString('base64url');
}

function decodeCursor(cursor: string): PublishedCursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      (typeof value[0] === 'string' || value[0] === null) &&
      typeof value[1] === 'string'
    ) {
      return { submittedAt: value[0], id: value[1] };
    }
  } catch {
    // falls through to the error below
  }
  throw createError(
    'invalid_input',
    'cursor: not a cursor from this API; use the Link rel="next" of the previous page',
  );
}
