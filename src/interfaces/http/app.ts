/**
 * The HTTP application: route table, static assets, error mapping. No port is bound here, so tests
 * call `app.request()` in-process; interfaces/http/server.ts serves it.
 */
import { Hono } from 'hono';
import type { Container } from '../../container.ts';
import { STYLE_CSS, STYLE_PATH } from '../web/static-assets.ts';
import { notFound, onError } from './on-error.tsx';
import { apiRoutes } from './routes/api.ts';
import { healthRoutes } from './routes/health.ts';
import { pageRoutes } from './routes/pages.tsx';
import { searchRoutes } from './routes/search.tsx';

/** Builds the app for a container. */
export function createApp(container: Container): Hono {
  const app = new Hono();
  const log = container.log.child({ component: 'http' });

  app.get(STYLE_PATH, (c) => {
    c.header('cache-control', 'public, max-age=31536000, immutable');
    return c.body(STYLE_CSS, 200, { 'content-type': 'text/css; charset=utf-8' });
  });
  app.route('/', healthRoutes(container));
  app.route('/', searchRoutes(container));
  app.route('/', apiRoutes(container));
  app.route('/', pageRoutes(container));

  app.notFound(notFound);
  app.onError(onError(log));
  return app;
}
