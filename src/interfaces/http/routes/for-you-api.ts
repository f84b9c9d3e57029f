/**
 * For you through the API (token or session, like the other personal routes):
 *   GET    /api/v1/for-you                  new papers ranked for you, with why (any token)
 *   GET    /api/v1/for-you/marks            your "more like this" / "not interested" marks
 *   PUT    /api/v1/for-you/marks/{paperId}  mark a paper (write token)
 *   DELETE /api/v1/for-you/marks/{paperId}  undo (write token; idempotent)
 *   POST   /api/v1/library/import           import BibTeX / RIS / CSL-JSON / ids (write token)
 */
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { Container } from '../../../container.ts';
import { parseArxivId } from '../../../core/papers/arxiv-id.ts';
import { importLibrary } from '../../../core/recs/import-library.ts';
import { listMarks, markPaper, unmarkPaper } from '../../../core/recs/reader-choices.ts';
import { recommendForReader } from '../../../core/recs/recommend-for-reader.ts';
import { presentPaper } from '../presenters/paper.ts';
import { errors, jsonOf, SIGNED_IN } from '../schemas/common.ts';
import {
  ForYouQuery,
  ForYouWire,
  ImportBody,
  ImportReportWire,
  MarkBody,
  MarkParams,
  MarkWire,
} from '../schemas/for-you.ts';
import { throwOnInvalid } from '../schemas/validate.ts';
import type { AppEnv } from '../session.ts';
import { caller } from '../token-auth.ts';

/** What this file takes from the container. */
type Uses = Pick<Container, 'recs'>;

const TAG = 'paperboy: for you';

const get = createRoute({
  method: 'get',
  path: '/api/v1/for-you',
  tags: [TAG],
  summary: 'New papers ranked for you from your library, each with why (any token)',
  security: SIGNED_IN,
  request: { query: ForYouQuery },
  responses: { 200: jsonOf(ForYouWire, 'your ranking'), ...errors(400, 401) },
});
const marks = createRoute({
  method: 'get',
  path: '/api/v1/for-you/marks',
  tags: [TAG],
  summary: 'Your "more like this" and "not interested" marks, newest first (any token)',
  security: SIGNED_IN,
  responses: { 200: jsonOf(z.array(MarkWire), 'marks'), ...errors(401) },
});
const put = createRoute({
  method: 'put',
  path: '/api/v1/for-you/marks/{paperId}',
  tags: [TAG],
  summary: 'Mark a paper "more" or "not-interested": the next ranking changes (write token)',
  security: SIGNED_IN,
  request: {
    params: MarkParams,
    body: { required: true, content: { 'application/json': { schema: MarkBody } } },
  },
  responses: { 200: jsonOf(MarkWire, 'marked'), ...errors(400, 401, 403, 404) },
});
const del = createRoute({
  method: 'delete',
  path: '/api/v1/for-you/marks/{paperId}',
  tags: [TAG],
  summary: 'Undo a mark (write token; idempotent)',
  security: SIGNED_IN,
  request: { params: MarkParams },
  responses: { 204: { description: 'undone' }, ...errors(400, 401, 403) },
});
const imp = createRoute({
  method: 'post',
  path: '/api/v1/library/import',
  tags: [TAG],
  summary: 'Import papers into your library: BibTeX, RIS, CSL-JSON or arXiv ids (write token)',
  security: SIGNED_IN,
  request: {
    body: { required: true, content: { 'application/json': { schema: ImportBody } } },
  },
  responses: {
    200: jsonOf(ImportReportWire, 'what matched, was fetched or skipped'),
    ...errors(400, 401, 403, 413),
  },
});

export function forYouApiRoutes(container: Uses): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: throwOnInvalid });
  const { recs } = container;
  const idOf = (raw: string) => parseArxivId(raw)?.id ?? raw;

  app.openapi(get, async (c) => {
    const user = caller(c, 'read');
    const { days, limit } = c.req.valid('query');
    const result = await recommendForReader(recs.forYou, user.id, { days, limit });
    return c.json(
      {
        coldStart: result.coldStart,
        window: result.window,
        items: result.items.map((i) => ({ ...i, paper: presentPaper(i.paper) })),
      },
      200,
    );
  });
  const wire = (m: Awaited<ReturnType<typeof listMarks>>[number]) => ({
    paperId: m.paperId,
    mark: m.signal === 1 ? ('more' as const) : ('not-interested' as const),
    title: m.title,
    at: m.at,
  });
  app.openapi(marks, async (c) => {
    const found = await listMarks(recs.choices, caller(c, 'read'));
    return c.json(found.map(wire), 200);
  });
  app.openapi(put, async (c) => {
    const user = caller(c, 'write');
    const paperId = idOf(c.req.valid('param').paperId);
    await markPaper(recs.choices, user, paperId, c.req.valid('json').mark);
    const mark = (await listMarks(recs.choices, user)).find((m) => m.paperId === paperId);
    return c.json(wire(mark as NonNullable<typeof mark>), 200);
  });
  app.openapi(del, async (c) => {
    await unmarkPaper(recs.choices, caller(c, 'write'), idOf(c.req.valid('param').paperId));
    return c.body(null, 204);
  });
  app.openapi(imp, async (c) => {
    const user = caller(c, 'write');
    return c.json(await importLibrary(recs.importDeps, user.id, c.req.valid('json').text), 200);
  });
  return app;
}
