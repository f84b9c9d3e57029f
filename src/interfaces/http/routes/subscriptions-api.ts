/**
 * Email subscriptions of the caller's own address through the API (no confirmation mail: the
 * account's address is verified):
 *   GET    /api/v1/subscriptions        yours, newest first (any token)
 *   POST   /api/v1/subscriptions        subscribe: trending, a saved search, an author (write token)
 *   DELETE /api/v1/subscriptions/{id}   unsubscribe (write token; idempotent)
 */
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { Container } from '../../../container.ts';
import {
  cancelAccountSubscription,
  listAccountSubscriptions,
  subscribeAccount,
} from '../../../core/digests/account-subscriptions.ts';
import { PAGING_HEADERS } from '../paging.ts';
import { presentSubscription } from '../presenters/community-api.ts';
import { errors, jsonOf, SIGNED_IN } from '../schemas/common.ts';
import {
  SubscriptionBody,
  SubscriptionParams,
  SubscriptionWire,
} from '../schemas/community-api.ts';
import { throwOnInvalid } from '../schemas/validate.ts';
import type { AppEnv } from '../session.ts';
import { caller } from '../token-auth.ts';

/** What this file takes from the container. */
type Uses = Pick<Container, 'subscriptionDeps'>;

const TAG = 'paperboy: email subscriptions';

const list = createRoute({
  method: 'get',
  path: '/api/v1/subscriptions',
  tags: [TAG],
  summary: 'Your email subscriptions (any token)',
  security: SIGNED_IN,
  responses: {
    200: { ...jsonOf(z.array(SubscriptionWire), 'subscriptions'), headers: PAGING_HEADERS },
    ...errors(401),
  },
});
const create = createRoute({
  method: 'post',
  path: '/api/v1/subscriptions',
  tags: [TAG],
  summary: 'Subscribe your address: trending, a saved search or an author (write token)',
  security: SIGNED_IN,
  request: {
    body: { required: true, content: { 'application/json': { schema: SubscriptionBody } } },
  },
  responses: { 201: jsonOf(SubscriptionWire, 'active at once'), ...errors(400, 401, 403) },
});
const cancel = createRoute({
  method: 'delete',
  path: '/api/v1/subscriptions/{id}',
  tags: [TAG],
  summary: 'Unsubscribe (write token; idempotent)',
  security: SIGNED_IN,
  request: { params: SubscriptionParams },
  responses: { 200: jsonOf(SubscriptionWire, 'unsubscribed'), ...errors(401, 403, 404) },
});

export function subscriptionsApiRoutes(container: Uses): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: throwOnInvalid });
  const deps = container.subscriptionDeps;

  app.openapi(list, async (c) => {
    const found = await listAccountSubscriptions(deps, caller(c, 'read'));
    c.header('X-Total-Count', String(found.length));
    return c.json(found.map(presentSubscription), 200);
  });
  app.openapi(create, async (c) => {
    const input = c.req.valid('json');
    const s = await subscribeAccount(deps, caller(c, 'write'), {
      kind: input.kind,
      cadence: input.cadence,
      ...(input.query !== undefined ? { query: input.query } : {}),
      ...(input.timeZone ? { timeZone: input.timeZone } : {}),
    });
    return c.json(presentSubscription(s), 201);
  });
  app.openapi(cancel, async (c) => {
    const s = await cancelAccountSubscription(deps, caller(c, 'write'), c.req.valid('param').id);
    return c.json(presentSubscription(s), 200);
  });
  return app;
}
