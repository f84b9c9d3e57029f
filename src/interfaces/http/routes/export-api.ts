/**
 * Citation exports, as downloads (linked from the pages) and as an API format:
 *   GET /api/v1/export?format=bibtex|ris|csl-json & one of
 *       paper=<id> | collection=<id> | q=<search>[&cat&author&year&from&to&sort] | date= | week= | month=
 * The answer is the file (Content-Disposition: attachment) in the order the page shows the papers.
 */
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { Container } from '../../../container.ts';
import { getCollection } from '../../../core/community/collections.ts';
import { createError } from '../../../core/errors.ts';
import { dayPeriod, monthPeriod, weekPeriod } from '../../../core/feed-periods/period.ts';
import { parseArxivId } from '../../../core/papers/arxiv-id.ts';
import { CITATION_MEDIA, citationFileName, paperCitation } from '../../../core/papers/citation.ts';
import type { Paper } from '../../../core/papers/model.ts';
import { parseQuery, type SearchSort } from '../../../core/search/query.ts';
import { searchPapers } from '../../../core/search/search-papers.ts';
import { errors } from '../schemas/common.ts';
import { ExportQuery } from '../schemas/export-requests.ts';
import { throwOnInvalid } from '../schemas/validate.ts';
import type { AppEnv } from '../session.ts';
import { urlFilters } from './search.tsx';

/** What this file takes from the container. */
type Uses = Pick<Container, 'citations' | 'community' | 'papers' | 'search'>;

const file = (description: string) => ({ schema: z.string().meta({ description }) });

const exportRoute = createRoute({
  method: 'get',
  path: '/api/v1/export',
  tags: ['paperboy'],
  summary: 'Cite a paper, a collection, a search or a feed period: BibTeX, RIS or CSL-JSON',
  request: { query: ExportQuery },
  responses: {
    200: {
      description: 'the citation file, in the order the page lists the papers',
      headers: z.object({
        'X-Total-Count': z.string().meta({ description: 'papers in the file' }),
        'Content-Disposition': z.string().meta({ description: 'attachment; filename="…"' }),
      }),
      content: {
        'application/x-bibtex': file('BibTeX; arXiv papers carry eprint and archivePrefix'),
        'application/x-research-info-systems': file('RIS'),
        'application/vnd.citationstyles.csl+json': {
          schema: z
            .array(z.record(z.string(), z.unknown()))
            .meta({ description: 'CSL-JSON items' }),
        },
      },
    },
    ...errors(400, 404),
  },
});

export function exportApiRoutes(container: Uses): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: throwOnInvalid });
  const { papers, community } = container;

  /** The papers a request names, and a file name for them. */
  const select = async (
    q: z.infer<typeof ExportQuery>,
    viewer: AppEnv['Variables']['viewer'],
  ): Promise<{ list: Paper[]; name: string }> => {
    if (q.paper) {
      const id = parseArxivId(q.paper)?.id ?? q.paper;
      const paper = await papers.get(id);
      if (!paper) throw createError('paper_not_found', id);
      return { list: [paper], name: id.replace('/', '-') };
    }
    if (q.collection) {
      const view = await getCollection(community, viewer, q.collection);
      return { list: view.items.map((i) => i.paper), name: view.collection.name };
    }
    if (q.q !== undefined) {
      const params = {
        cat: q.cat?.trim() ?? '',
        author: q.author?.trim() ?? '',
        year: q.year?.trim() ?? '',
        from: q.from?.trim() ?? '',
        to: q.to?.trim() ?? '',
      };
      const result = await searchPapers(container.search, {
        query: parseQuery(q.q, urlFilters({ q: q.q, sort: 'relevance', ...params })),
        sort: q.sort as SearchSort,
        limit: q.limit,
      });
      return { list: result.hits.map((h) => h.paper), name: `search ${q.q}` };
    }
    const period = q.date
      ? dayPeriod(q.date)
      : q.week
        ? weekPeriod(q.week)
        : monthPeriod(q.month ?? '');
    const page = await papers.listFeatured(period, { limit: q.limit, offset: 0 });
    return { list: page.items.map((i) => i.paper), name: `papers ${q.date ?? q.week ?? q.month}` };
  };

  app.openapi(exportRoute, async (c) => {
    const q = c.req.valid('query');
    const { list, name } = await select(q, c.get('viewer'));
    const body = container.citations.format(list.map(paperCitation), q.format);
    c.header('X-Total-Count', String(list.length));
    c.header('Content-Disposition', `attachment; filename="${citationFileName(name, q.format)}"`);
    return c.body(body, 200, { 'content-type': CITATION_MEDIA[q.format].contentType });
  });
  return app;
}
