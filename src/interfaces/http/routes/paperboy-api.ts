/**
 * paperboy's own JSON routes, beside the Hugging Face-compatible ones:
 *   GET  /api/v1/papers/{id}          a paper in paperboy's format (export/import), plus arXiv links
 *   GET  /api/trending                ?period=day|week|window&limit=&p= (daily_papers entry shape)
 *   GET  /api/papers/{id}/similar     ?limit=&p= similar papers (key terms and meaning), paged
 *   POST /api/papers/similar          {"text": "…", "limit": 20, "p": 0} papers similar to a text
 */
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { z } from 'zod';
import type { Container } from '../../../container.ts';
import { withSocial } from '../../../core/community/social.ts';
import { getTrending } from '../../../core/community/trending.ts';
import { createError } from '../../../core/errors.ts';
import { parseArxivId } from '../../../core/papers/arxiv-id.ts';
import {
  type SimilarResult,
  similarPapers,
  similarToText,
} from '../../../core/search/similar-papers.ts';
import { PAGING_HEADERS, setPaging } from '../paging.ts';
import { presentHfDailyEntry } from '../presenters/hf.ts';
import { presentPaper } from '../presenters/paper.ts';
import { presentSimilar } from '../presenters/search.ts';
import { errors, OldPaperIdParams, PaperIdParams } from '../schemas/common.ts';
import { HfDailyEntry, SimilarEntry } from '../schemas/hf.ts';
import { PaperV1 } from '../schemas/paper.ts';
import { SimilarQuery, SimilarTextBody, TrendingQuery } from '../schemas/paperboy-requests.ts';
import { throwOnInvalid } from '../schemas/validate.ts';
import type { AppEnv } from '../session.ts';

/** What this file takes from the container. */
type Uses = Pick<Container, 'clock' | 'community' | 'config' | 'papers' | 'search'>;

const TAG = 'paperboy';
const OLD_ID = '{archive{[a-z-]+(?:\\.[A-Za-z-]+)?}}/{number{[0-9]+(?:v[0-9]+)?}}';
const jsonOf = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const paperV1 = createRoute({
  method: 'get',
  path: '/api/v1/papers/{id{[^/]+}}',
  tags: [TAG],
  summary: "A paper in paperboy's own format",
  request: { params: PaperIdParams },
  responses: { 200: jsonOf(PaperV1, 'the paper'), ...errors(400, 404) },
});
const oldPaperV1 = createRoute({
  ...paperV1,
  path: `/api/v1/papers/${OLD_ID}`,
  summary: "A paper with an old-style id, in paperboy's own format",
  request: { params: OldPaperIdParams },
});

const trending = createRoute({
  method: 'get',
  path: '/api/trending',
  tags: [TAG],
  summary: 'Trending papers (score in docs/DESIGN.md)',
  request: { query: TrendingQuery },
  responses: {
    200: { ...jsonOf(z.array(HfDailyEntry), 'entries, one page'), headers: PAGING_HEADERS },
    ...errors(400),
  },
});

const similar = createRoute({
  method: 'get',
  path: '/api/papers/{id{[^/]+}}/similar',
  tags: [TAG],
  summary: 'Papers nearest in meaning to a paper',
  request: { params: PaperIdParams, query: SimilarQuery },
  responses: {
    200: { ...jsonOf(z.array(SimilarEntry), 'similar papers'), headers: PAGING_HEADERS },
    ...errors(400, 404),
  },
});
const oldSimilar = createRoute({
  ...similar,
  path: `/api/papers/${OLD_ID}/similar`,
  request: { params: OldPaperIdParams, query: SimilarQuery },
});

const similarText = createRoute({
  method: 'post',
  path: '/api/papers/similar',
  tags: [TAG],
  summary: 'Papers similar to a pasted text (changes nothing; no CSRF token needed)',
  request: {
    body: { required: true, content: { 'application/json': { schema: SimilarTextBody } } },
  },
  responses: {
    200: { ...jsonOf(z.array(SimilarEntry), 'similar papers'), headers: PAGING_HEADERS },
    ...errors(400),
  },
});

export function paperboyApiRoutes(container: Uses): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: throwOnInvalid });
  const { papers, community } = container;
  const deps = container.search;

  const canonical = (raw: string) => {
    const parsed = parseArxivId(raw);
    if (!parsed) throw createError('invalid_arxiv_id', raw);
    return parsed.id;
  };
  const paperJson = async (raw: string) => {
    const id = canonical(raw);
    const paper = await papers.get(id);
    if (!paper) throw createError('paper_not_found', id);
    const social = await withSocial(community, [paper], null);
    return presentPaper(social.papers[0] ?? paper);
  };
  app.openapi(paperV1, async (c) => c.json(await paperJson(c.req.valid('param').id), 200));
  app.openapi(oldPaperV1, async (c) => {
    const { archive, number } = c.req.valid('param');
    return c.json(await paperJson(`${archive}/${number}`), 200);
  });

  app.openapi(trending, async (c) => {
    const q = c.req.valid('query');
    const list = await getTrending(community, {
      limit: q.limit,
      offset: q.p * q.limit,
      period: q.period,
    });
    const social = await withSocial(community, list.papers, null);
    setPaging(c, container.config.baseUrl, { total: list.total, p: q.p, limit: q.limit });
    const entries = social.papers.map((paper) => {
      const day =
        paper.community.featuredDays[0]?.day ??
        (paper.submittedAt ?? container.clock.now().toISOString()).slice(0, 10);
      return presentHfDailyEntry({ paper, day, rank: null }, social.submitters);
    });
    return c.json(entries, 200);
  });

  const similarJson = async (
    c: Context<AppEnv>,
    result: SimilarResult,
    page: { p: number; limit: number },
  ) => {
    const social = await withSocial(
      community,
      result.hits.map((s) => s.paper),
      null,
    );
    setPaging(c, container.config.baseUrl, { total: result.total, ...page });
    return result.hits.map((s, i) =>
      presentSimilar({ ...s, paper: social.papers[i] ?? s.paper }, social.submitters),
    );
  };
  const byId = (raw: string, q: { limit: number; p: number }) =>
    similarPapers(deps, canonical(raw), { limit: q.limit, offset: q.p * q.limit });
  app.openapi(similar, async (c) => {
    const q = c.req.valid('query');
    return c.json(await similarJson(c, await byId(c.req.valid('param').id, q), q), 200);
  });
  app.openapi(oldSimilar, async (c) => {
    const { archive, number } = c.req.valid('param');
    const q = c.req.valid('query');
    return c.json(await similarJson(c, await byId(`${archive}/${number}`, q), q), 200);
  });
  app.openapi(similarText, async (c) => {
    const body = c.req.valid('json');
    const result = await similarToText(deps, body.text, {
      limit: body.limit,
      offset: body.p * body.limit,
    });
    return c.json(await similarJson(c, result, body), 200);
  });
  return app;
}
