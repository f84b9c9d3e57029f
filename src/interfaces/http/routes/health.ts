/**
 * GET /healthz — 200 when the store answers, 503 otherwise. For load balancers and `docker`-style probes.
 */
import { Hono } from 'hono';
import type { Container } from '../../../container.ts';

/** What this file takes from the container. */
type Uses = Pick<Container, 'health'>;

export function healthRoutes(container: Uses): Hono {
  const app = new Hono();
  app.get('/healthz', async (c) => {
    const ok = await container.health.ping();
    return c.json({ status: ok ? 'ok' : 'unavailable', store: ok }, ok ? 200 : 503);
  });
  return app;
}
