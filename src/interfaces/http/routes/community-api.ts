/**
 * Taking part through the API (a write token, or the session cookie with its CSRF token):
 *   GET    /api/v1/me                       who the request is made as
 *   POST   /api/v1/papers/{id}/upvote       upvote (idempotent)
 *   DELETE /api/v1/papers/{id}/upvote       take the upvote back
 *   GET    /api/v1/papers/{id}/comments     the discussion, oldest first (public)
 *   POST   /api/v1/papers/{id}/comments     comment, or reply with parentId
 *   POST   /api/papers/index                {"arxivId"}: fetch and store a paper (Hugging Face's path)
 * Old-style ids go in one path segment with the slash encoded: hep-th%2F9901001.
 */
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { Container } from '../../../container.ts';
import { addComment } from '../../../core/community/comments.ts';
import { findOrFetchPaper } from '../../../core/community/submissions.ts';
import { setVote } from '../../../core/community/votes.ts';
import { createError } from '../../../core/errors.ts';
import { parseArxivId } from '../../../core/papers/arxiv-id.ts';
import { PAGING_HEADERS } from '../paging.ts';
import { presentComment, presentMe } from '../presenters/community-api.ts';
import { errors, jsonOf, PaperIdParams, SIGNED_IN } from '../schemas/common.ts';
import { CommentBody, CommentWire, IndexBody, Me, VoteState } from '../schemas/community-api.ts';
import { throwOnInvalid } from '../schemas/validate.ts';
import type { AppEnv } from '../session.ts';
import { caller } from '../token-auth.ts';

/** What this file takes from the container. */
type Uses = Pick<Container, 'community'>;

const TAG = 'paperboy: taking part';
const body = <T extends z.ZodType>(schema: T) => ({
  body: { required: true, content: { 'application/json': { schema } } },
});

const me = createRoute({
  method: 'get',
  path: '/api/v1/me',
  tags: [TAG],
  summary: 'Who you are (token: any scope)',
  security: SIGNED_IN,
  responses: { 200: jsonOf(Me, 'the caller'), ...errors(401) },
});

const upvote = createRoute({
  method: 'post',
  path: '/api/v1/papers/{id{[^/]+}}/upvote',
  tags: [TAG],
  summary: 'Upvote a paper (write token; idempotent)',
  security: SIGNED_IN,
  request: { params: PaperIdParams },
  responses: { 200: jsonOf(VoteState, 'your vote now'), ...errors(400, 401, 403, 404) },
});
const unvote = createRoute({
  ...upvote,
  method: 'delete',
  summary: 'Take your upvote back (write token; idempotent)',
});

const comments = createRoute({
  method: 'get',
  path: '/api/v1/papers/{id{[^/]+}}/comments',
  tags: [TAG],
  summary: "A paper's discussion, oldest first",
  request: { params: PaperIdParams },
  responses: {
    200: {
      ...jsonOf(z.array(CommentWire), 'comments and replies'),
      headers: PAGING_HEADERS,
    },
    ...errors(400, 404),
  },
});
const comment = createRoute({
  method: 'post',
  path: '/api/v1/papers/{id{[^/]+}}/comments',
  tags: [TAG],
  summary: 'Comment on a paper, or reply (write token)',
  security: SIGNED_IN,
  request: { params: PaperIdParams, ...body(CommentBody) },
  responses: { 201: jsonOf(CommentWire, 'the new comment'), ...errors(400, 401, 403, 404) },
});

const index = createRoute({
  method: 'post',
  path: '/api/papers/index',
  tags: ['Hugging Face-compatible'],
  summary: 'Fetch a paper from arXiv and store it (write token); answers {}',
  security: SIGNED_IN,
  request: body(IndexBody),
  responses: {
    200: jsonOf(z.object({}).strict(), 'stored (or already stored)'),
    ...errors(400, 401, 403, 404, 502),
  },
});

export function communityApiRoutes(container: Uses): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: throwOnInvalid });
  const ctx = container.community;
  const canonical = (raw: string) => {
    const parsed = parseArxivId(raw);
    if (!parsed) throw createError('invalid_arxiv_id', raw);
    return parsed.id;
  };

  app.openapi(me, (c) => c.json(presentMe(caller(c, 'read'), c.get('auth')), 200));

  app.openapi(upvote, async (c) => {
    const id = canonical(c.req.valid('param').id);
    const outcome = await setVote(ctx, caller(c, 'write'), id, true);
    return c.json({ paperId: id, ...outcome }, 200);
  });
  app.openapi(unvote, async (c) => {
    const id = canonical(c.req.valid('param').id);
    const outcome = await setVote(ctx, caller(c, 'write'), id, false);
    return c.json({ paperId: id, ...outcome }, 200);
  });

  app.openapi(comments, async (c) => {
    const id = canonical(c.req.valid('param').id);
    if (!(await ctx.papers.get(id))) throw createError('paper_not_found', id);
    const list = await ctx.comments.listForPaper(id);
    c.header('X-Total-Count', String(list.length));
    return c.json(list.map(presentComment), 200);
  });
  app.openapi(comment, async (c) => {
    const id = canonical(c.req.valid('param').id);
    const input = c.req.valid('json');
    const commentId = await addComment(ctx, caller(c, 'write'), {
      paperId: id,
      body: input.body,
      parentId: input.parentId ?? null,
    });
    const created = await ctx.comments.get(commentId);
    if (!created) throw createError('not_found', `comment ${commentId}`);
    return c.json(presentComment(created), 201);
  });

  app.openapi(index, async (c) => {
    const user = caller(c, 'write');
    if (user.bannedAt) throw createError('forbidden', 'your account is banned');
    await findOrFetchPaper(ctx, c.req.valid('json').arxivId);
    return c.json({}, 200);
  });
  return app;
}
