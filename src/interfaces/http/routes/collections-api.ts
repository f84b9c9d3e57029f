/**
 * Collections through the API:
 *   GET    /api/v1/collections                    yours, all (any token); ?user=handle: their public ones
 *   POST   /api/v1/collections                    create (write token)
 *   GET    /api/v1/collections/{id}               a collection with its papers (private: owner only)
 *   POST   /api/v1/collections/{id}/papers        add a paper or change its note (write token)
 *   DELETE /api/v1/collections/{id}/papers/{paperId}  remove a paper (write token)
 */
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { Container } from '../../../container.ts';
import {
  createCollection,
  getCollection,
  listCollections,
  putInCollection,
  removeFromCollection,
} from '../../../core/community/collections.ts';
import { createError } from '../../../core/errors.ts';
import { parseArxivId } from '../../../core/papers/arxiv-id.ts';
import { PAGING_HEADERS } from '../paging.ts';
import { presentCollection, presentCollectionDetail } from '../presenters/community-api.ts';
import { errors, jsonOf, SIGNED_IN } from '../schemas/common.ts';
import {
  CollectionAddBody,
  CollectionBody,
  CollectionDetail,
  CollectionItemWire,
  CollectionListQuery,
  CollectionPaperParams,
  CollectionParams,
  CollectionWire,
} from '../schemas/community-api.ts';
import { throwOnInvalid } from '../schemas/validate.ts';
import type { AppEnv } from '../session.ts';
import { caller } from '../token-auth.ts';

/** What this file takes from the container. */
type Uses = Pick<Container, 'community' | 'config'>;

const TAG = 'paperboy: collections';
const body = <T extends z.ZodType>(schema: T) => ({
  body: { required: true, content: { 'application/json': { schema } } },
});

const list = createRoute({
  method: 'get',
  path: '/api/v1/collections',
  tags: [TAG],
  summary: "Your collections (any token), or a user's public ones (?user=)",
  request: { query: CollectionListQuery },
  responses: {
    200: { ...jsonOf(z.array(CollectionWire), 'collections'), headers: PAGING_HEADERS },
    ...errors(400, 401, 404),
  },
});
const create = createRoute({
  method: 'post',
  path: '/api/v1/collections',
  tags: [TAG],
  summary: 'Create a collection (write token)',
  security: SIGNED_IN,
  request: body(CollectionBody),
  responses: { 201: jsonOf(CollectionWire, 'the new collection'), ...errors(400, 401, 403) },
});
const one = createRoute({
  method: 'get',
  path: '/api/v1/collections/{id}',
  tags: [TAG],
  summary: 'A collection with its papers (private ones: owner only)',
  request: { params: CollectionParams },
  responses: { 200: jsonOf(CollectionDetail, 'the collection'), ...errors(404) },
});
const add = createRoute({
  method: 'post',
  path: '/api/v1/collections/{id}/papers',
  tags: [TAG],
  summary: 'Add a paper (fetched from arXiv when new) or change its note (write token)',
  security: SIGNED_IN,
  request: { params: CollectionParams, ...body(CollectionAddBody) },
  responses: {
    200: jsonOf(CollectionItemWire, 'the paper as it is in the collection'),
    ...errors(400, 401, 403, 404, 502),
  },
});
const remove = createRoute({
  method: 'delete',
  path: '/api/v1/collections/{id}/papers/{paperId{[^/]+}}',
  tags: [TAG],
  summary: 'Remove a paper (write token; idempotent)',
  security: SIGNED_IN,
  request: { params: CollectionPaperParams },
  responses: { 204: { description: 'removed' }, ...errors(400, 401, 403, 404) },
});

export function collectionsApiRoutes(container: Uses): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: throwOnInvalid });
  const ctx = container.community;
  const baseUrl = container.config.baseUrl;

  app.openapi(list, async (c) => {
    const handle = c.req.valid('query').user;
    let ownerId: string;
    if (handle) {
      const owner = await ctx.users.getByHandle(handle.replace(/^@/, '').toLowerCase());
      if (!owner) throw createError('not_found', `user @${handle}`);
      ownerId = owner.id;
    } else {
      ownerId = caller(c, 'read').id;
    }
    const found = await listCollections(ctx, c.get('viewer'), ownerId);
    c.header('X-Total-Count', String(found.length));
    return c.json(
      found.map((x) => presentCollection(x, baseUrl)),
      200,
    );
  });

  app.openapi(create, async (c) => {
    const input = c.req.valid('json');
    const id = await createCollection(ctx, caller(c, 'write'), {
      name: input.name,
      description: input.description,
      isPublic: input.public,
    });
    const created = await ctx.collections.get(id);
    if (!created) throw createError('not_found', `collection ${id}`);
    return c.json(presentCollection(created, baseUrl), 201);
  });

  app.openapi(one, async (c) => {
    const view = await getCollection(ctx, c.get('viewer'), c.req.valid('param').id);
    return c.json(presentCollectionDetail(view, baseUrl), 200);
  });

  app.openapi(add, async (c) => {
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    const paper = await putInCollection(ctx, caller(c, 'write'), id, input.paper, input.note);
    const item = (await ctx.collections.items(id)).find((i) => i.paperId === paper.id);
    if (!item) throw createError('not_found', `arXiv:${paper.id} in collection ${id}`);
    return c.json(
      {
        paperId: paper.id,
        title: paper.title,
        authors: paper.authors,
        note: item.note,
        addedAt: item.addedAt,
      },
      200,
    );
  });

  app.openapi(remove, async (c) => {
    const { id, paperId } = c.req.valid('param');
    const canonical = parseArxivId(paperId)?.id ?? paperId;
    await removeFromCollection(ctx, caller(c, 'write'), id, canonical);
    return c.body(null, 204);
  });
  return app;
}
