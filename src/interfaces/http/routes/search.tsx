/**
 * Search, over HTML and JSON.
 *   GET  /search?q=&cat=&author=&year=&from=&to=&sort=&page=   the search page
 *   POST /search/similar  (form: text)                          papers similar to a pasted abstract
 *   GET  /papers/:id/similar?page=                               similar papers page
 *   GET  /api/papers/search?q=&limit=&p=&sort=&cat=&author=&year=&from=&to=&mode=
 *                                                               Hugging Face-shaped results (X-Total-Count)
 *   GET  /api/papers/:id/similar?limit=&p=                       similar papers (X-Total-Count)
 *   POST /api/papers/similar  {"text": "...", "limit": 20, "p": 0}
 *                                     similar to a text of up to 20,000 characters (X-Total-Count)
 */
import { type Context, Hono } from 'hono';
import type { Container } from '../../../container.ts';
import { withSocial } from '../../../core/community/social.ts';
import { createError, isAppError } from '../../../core/errors.ts';
import { parseArxivId } from '../../../core/papers/arxiv-id.ts';
import {
  type ParsedQuery,
  parseCategory,
  parseDay,
  parseQuery,
  SEARCH_SORTS,
  type SearchFilters,
  type SearchSort,
  wordsOf,
} from '../../../core/search/query.ts';
import { type SearchMode, searchPapers } from '../../../core/search/search-papers.ts';
import { similarPapers, similarToText } from '../../../core/search/similar-papers.ts';
import { SearchPage, type SearchParams } from '../../web/pages/search-page.tsx';
import { SimilarPage } from '../../web/pages/similar-page.tsx';
import { limitParam, pageParam } from '../params.ts';
import { presentSearchHit, presentSimilar } from '../presenters/search.ts';
import { render } from '../render.tsx';
import type { AppEnv } from '../session.ts';

const PAGE_SIZE = 20;

export function searchRoutes(container: Container): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const deps = container.search;

  app.get('/search', async (c) => {
    const params = readParams(c);
    const page = pageParam(c.req.query('page'));
    if (!params.q && !params.cat && !params.author && !params.year && !params.from && !params.to) {
      return render(
        c,
        <SearchPage params={params} result={null} error={null} page={1} pageSize={PAGE_SIZE} />,
      );
    }
    try {
      const query = parseQuery(params.q, urlFilters(params));
      if (query.jumpTo) {
        const paper = await container.papers.get(query.jumpTo);
        if (paper) return c.redirect(`/papers/${paper.id}`, 302);
      }
      const result = await searchPapers(deps, {
        query,
        sort: params.sort,
        limit: PAGE_SIZE,
        offset: (page - 1) * PAGE_SIZE,
      });
      if (query.jumpTo && result.hits.length === 0) {
        result.notices.push(`arXiv:${query.jumpTo} is not in this paperboy yet.`);
      }
      const social = await withSocial(
        container.community,
        result.hits.map((h) => h.paper),
        c.get('viewer'),
      );
      const hits = result.hits.map((h, i) => ({ ...h, paper: social.papers[i] ?? h.paper }));
      return render(
        c,
        <SearchPage
          params={params}
          result={{ ...result, hits }}
          voted={social.voted}
          error={null}
          page={page}
          pageSize={PAGE_SIZE}
        />,
      );
    } catch (error) {
      if (!isAppError(error, 'invalid_query')) throw error;
      return render(
        c,
        <SearchPage
          params={params}
          result={null}
          error={error.message}
          page={1}
          pageSize={PAGE_SIZE}
        />,
        400,
      );
    }
  });

  app.post('/search/similar', async (c) => {
    const form = await c.req.parseBody();
    const text = typeof form.text === 'string' ? form.text : '';
    const page = pageParam(typeof form.page === 'string' ? form.page : undefined);
    const similar = await similarToText(deps, text, {
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    });
    return render(
      c,
      <SimilarPage
        heading="Papers similar to your text"
        source={null}
        text={text.trim()}
        result={similar}
        page={page}
        pageSize={PAGE_SIZE}
      />,
    );
  });

  const similarPage = async (c: Context, raw: string) => {
    const id = parseArxivId(raw)?.id;
    if (!id) throw createError('invalid_arxiv_id', raw);
    const paper = await container.papers.get(id);
    if (!paper) throw createError('paper_not_found', id);
    const page = pageParam(c.req.query('page'));
    const similar = await similarPapers(deps, id, {
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    });
    return render(
      c,
      <SimilarPage
        heading={`Papers similar to “${paper.title}”`}
        source={paper}
        text={null}
        result={similar}
        page={page}
        pageSize={PAGE_SIZE}
      />,
    );
  };
  app.get('/papers/:id/similar', (c) => similarPage(c, c.req.param('id')));
  app.get('/papers/:archive/:number/similar', (c) =>
    similarPage(c, `${c.req.param('archive')}/${c.req.param('number')}`),
  );

  app.get('/api/papers/search', async (c) => {
    const params = readParams(c);
    const limit = limitParam(c.req.query('limit'), 20, 120);
    const p = pageIndex(c.req.query('p'));
    const mode = modeParam(c.req.query('mode'));
    const query: ParsedQuery = parseQuery(params.q, urlFilters(params));
    const result = await searchPapers(deps, {
      query,
      sort: params.sort,
      mode,
      limit,
      offset: p * limit,
    });
    c.header('x-total-count', String(result.total));
    return c.json(result.hits.map(presentSearchHit));
  });

  const similarJson = async (c: Context, raw: string) => {
    const id = parseArxivId(raw)?.id;
    if (!id) throw createError('invalid_arxiv_id', raw);
    const limit = limitParam(c.req.query('limit'), 20, 100);
    const p = pageIndex(c.req.query('p'));
    const result = await similarPapers(deps, id, { limit, offset: p * limit });
    c.header('x-total-count', String(result.total));
    return c.json(result.hits.map(presentSimilar));
  };
  app.get('/api/papers/:id/similar', (c) => similarJson(c, c.req.param('id')));
  app.get('/api/papers/:archive/:number/similar', (c) =>
    similarJson(c, `${c.req.param('archive')}/${c.req.param('number')}`),
  );
  // paperboy's own endpoint for long text (a whole abstract or a page of a draft, up to
  // MAX_PASTED_TEXT characters); the Hugging Face-shaped /api/papers/search keeps its 250.
  app.post('/api/papers/similar', async (c) => {
    const body = (await c.req.json().catch(() => null)) as {
      text?: unknown;
      limit?: unknown;
      p?: unknown;
    } | null;
    if (!body || typeof body.text !== 'string') {
      throw createError(
        'invalid_input',
        'send JSON like {"text": "an abstract", "limit": 20, "p": 0}',
      );
    }
    const limit = limitParam(body.limit === undefined ? undefined : String(body.limit), 20, 100);
    const p = pageIndex(body.p === undefined ? undefined : String(body.p));
    const result = await similarToText(deps, body.text, { limit, offset: p * limit });
    c.header('x-total-count', String(result.total));
    return c.json(result.hits.map(presentSimilar));
  });
  return app;
}

/** The search parameters of a request (shared with the search feed in routes/feeds.ts). */
export function readParams(c: Context): SearchParams {
  const q = (name: string) => (c.req.query(name) ?? '').trim();
  const sort = q('sort') || 'relevance';
  if (!(SEARCH_SORTS as readonly string[]).includes(sort)) {
    throw createError(
      'invalid_query',
      `sort=${sort} is not a sort order. Use relevance, newest or upvotes.`,
    );
  }
  return {
    q: c.req.query('q') ?? '',
    cat: q('cat'),
    author: q('author'),
    year: q('year'),
    from: q('from'),
    to: q('to'),
    sort: sort as SearchSort,
  };
}

/** URL filter parameters as filters (validated like the query language). */
export function urlFilters(p: SearchParams): Partial<SearchFilters> {
  const filters: Partial<SearchFilters> = {};
  if (p.cat) filters.categories = p.cat.split(',').filter(Boolean).map(parseCategory);
  if (p.author) {
    const words = wordsOf(p.author);
    if (words.length > 0) filters.authors = [words.join(' ')];
  }
  let from = p.from ? parseDay(p.from, 'from', 'start') : null;
  let to = p.to ? parseDay(p.to, 'to', 'end') : null;
  if (p.year) {
    const y = parseQuery(`year:${p.year}`).filters;
    from = from && y.from && from > y.from ? from : y.from;
    to = to && y.to && to < y.to ? to : y.to;
  }
  if (from) filters.from = from;
  if (to) filters.to = to;
  return filters;
}

function pageIndex(raw: string | undefined): number {
  const p = Number(raw ?? '0');
  if (!Number.isInteger(p) || p < 0 || p > 10_000) {
    throw createError('invalid_input', `p (page, from 0) must be a whole number, got "${raw}"`);
  }
  return p;
}

function modeParam(raw: string | undefined): SearchMode {
  if (raw === undefined || raw === '') return 'hybrid';
  if (raw === 'hybrid' || raw === 'lexical' || raw === 'vector') return raw;
  throw createError('invalid_input', `mode must be hybrid, lexical or vector, got "${raw}"`);
}
