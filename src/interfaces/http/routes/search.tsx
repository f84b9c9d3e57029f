/**
 * Search pages.
 *   GET  /search?q=&cat=&author=&year=&from=&to=&sort=&page=   the search page
 *   POST /search/similar  (form: text)                          papers similar to a pasted abstract
 *   GET  /papers/:id/similar?page=                               similar papers page
 * The JSON search routes are in hf-api.ts (/api/papers/search) and paperboy-api.ts (similar).
 */
import { type Context, Hono } from 'hono';
import type { Container } from '../../../container.ts';
import { withSocial } from '../../../core/community/social.ts';
import { createError, isAppError } from '../../../core/errors.ts';
import { parseArxivId } from '../../../core/papers/arxiv-id.ts';
import { looksLikePastedText } from '../../../core/search/pasted-text.ts';
import {
  parseCategory,
  parseDay,
  parseQuery,
  SEARCH_SORTS,
  type SearchFilters,
  type SearchSort,
  wordsOf,
} from '../../../core/search/query.ts';
import { searchPapers } from '../../../core/search/search-papers.ts';
import { similarPapers, similarToText } from '../../../core/search/similar-papers.ts';
import { SearchPage, type SearchParams } from '../../web/pages/search-page.tsx';
import { SimilarPage } from '../../web/pages/similar-page.tsx';
import { showOn } from '../on-error.tsx';
import { pageParam } from '../params.ts';
import { render } from '../render.tsx';
import { SimilarTextForm } from '../schemas/forms.ts';
import { validate } from '../schemas/validate.ts';
import type { AppEnv } from '../session.ts';

/** What this file takes from the container. */
type Uses = Pick<Container, 'community' | 'papers' | 'search'>;

const PAGE_SIZE = 20;

export function searchRoutes(container: Uses): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const deps = container.search;

  /** Papers similar to a pasted text, on a page that shows the text and says why. */
  const pastedTextPage = async (c: Context, text: string, fromSearch: boolean, page = 1) => {
    const pasted = { text, fromSearch };
    const heading = 'Papers similar to your text';
    try {
      const similar = await similarToText(deps, text, {
        limit: PAGE_SIZE,
        offset: (page - 1) * PAGE_SIZE,
      });
      return render(
        c,
        <SimilarPage
          heading={heading}
          source={null}
          result={similar}
          page={page}
          pageSize={PAGE_SIZE}
          pasted={pasted}
        />,
      );
    } catch (error) {
      if (!isAppError(error, 'invalid_query')) throw error;
      // Too long or empty: said on the page, with the text kept in its box to shorten.
      showOn(error, (message) => (
        <SimilarPage
          heading={heading}
          source={null}
          result={null}
          page={1}
          pageSize={PAGE_SIZE}
          pasted={pasted}
          error={message}
        />
      ));
    }
  };

  app.get('/search', async (c) => {
    const params = readParams(c);
    // A pasted abstract is not a query: find papers similar to all of it (not its first words).
    if (looksLikePastedText(params.q)) return pastedTextPage(c, params.q, true);
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
      const missingId = query.jumpTo && result.hits.length === 0 ? query.jumpTo : undefined;
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
          missingId={missingId}
        />,
      );
    } catch (error) {
      if (!isAppError(error, 'invalid_query')) throw error;
      showOn(error, (message) => (
        <SearchPage params={params} result={null} error={message} page={1} pageSize={PAGE_SIZE} />
      ));
    }
  });

  app.post('/search/similar', validate('form', SimilarTextForm), async (c) => {
    const values = c.req.valid('form');
    const page = pageParam(values.page);
    return pastedTextPage(c, values.text ?? '', values.from === 'search', page);
  });

  const similarPage = async (c: Context, raw: string) => {
    const id = parseArxivId(raw)?.id;
    // A page path that is not an id is a page that does not exist, not bad input.
    if (!id) throw createError('not_found', `/papers/${raw} (not an arXiv id)`);
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
