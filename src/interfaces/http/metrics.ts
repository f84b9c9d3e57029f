/**
 * Request metrics and the `/metrics` endpoint (Prometheus text format). Requests are labelled
 * with the matched route pattern, never the raw URL, so hostile URLs cannot grow the label set.
 * With PAPERBOY_METRICS_TOKEN set, `/metrics` wants `Authorization: Bearer <token>`.
 */
import { timingSafeEqual } from 'node:crypto';
import { Hono, type MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { Container } from '../../container.ts';
import { createError } from '../../core/errors.ts';

/** What this file takes from the container. */
type Uses = Pick<Container, 'config' | 'metrics'>;

/** Times every request and counts it under its route pattern (`unmatched` for 404s). */
export function requestMetrics(container: Uses): MiddlewareHandler {
  const { metrics } = container;
  return async (c, next) => {
    const started = process.hrtime.bigint();
    try {
      await next();
    } finally {
      const route = routeOf(c);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.request(c.req.method, route, c.res.status, seconds);
    }
  };
}

function routeOf(c: Parameters<MiddlewareHandler>[0]): string {
  const routes = matchedRoutes(c).filter((r) => r.method !== 'ALL' && r.path !== '*');
  return routes.at(-1)?.path ?? 'unmatched';
}

/** GET /metrics. */
export function metricsRoutes(container: Uses): Hono {
  const app = new Hono();
  const token = container.config.metricsToken;
  app.get('/metrics', async (c) => {
    if (token) {
      const sent = Buffer.from((c.req.header('authorization') ?? '').replace(/^Bearer /, ''));
      const want = Buffer.from(token);
      if (sent.length !== want.length || !timingSafeEqual(sent, want)) {
        throw createError('unauthorized', 'metrics need the bearer token (PAPERBOY_METRICS_TOKEN)');
      }
    }
    const { contentType, body } = await container.metrics.render();
    c.header('cache-control', 'no-store');
    return c.body(body, 200, { 'content-type': contentType });
  });
  return app;
}
