/**
 * The HTTP application: route table, static assets, sessions and CSRF, error mapping. No port is
 * bound here, so tests call `app.request()` in-process; interfaces/http/server.ts serves it.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { Hono } from 'hono';
import type { Container } from '../../container.ts';
import {
  APP_JS,
  APP_JS_PATH,
  FAVICON_PATH,
  FAVICON_SVG,
  STYLE_CSS,
  STYLE_PATH,
} from '../web/static-assets.ts';
import { bodyLimits } from './body-limits.ts';
import { privatePages } from './cache-policy.ts';
import { httpCaching } from './http-caching.ts';
import { metricsRoutes, requestMetrics } from './metrics.ts';
import { notFound, onError } from './on-error.tsx';
import { createPageCache, PUBLIC_PATHS } from './page-cache.ts';
import { apiRateLimit, MAIL_POSTS, mailRateLimit } from './rate-limit.ts';
import { adminRoutes } from './routes/admin.tsx';
import { apiDocsRoutes } from './routes/api-docs.tsx';
import { authRoutes } from './routes/auth.tsx';
import { collectionRoutes } from './routes/collections.tsx';
import { collectionsApiRoutes } from './routes/collections-api.ts';
import { communityRoutes } from './routes/community.tsx';
import { communityApiRoutes } from './routes/community-api.ts';
import { emailRoutes } from './routes/email.tsx';
import { exportApiRoutes } from './routes/export-api.ts';
import { feedRoutes } from './routes/feeds.ts';
import { forYouRoutes } from './routes/for-you.tsx';
import { forYouApiRoutes } from './routes/for-you-api.ts';
import { forYouFeedRoutes } from './routes/for-you-feed.ts';
import { healthRoutes } from './routes/health.ts';
import { hfApiRoutes, markdownNegotiation } from './routes/hf-api.ts';
import { mcpRoutes } from './routes/mcp.ts';
import { pageRoutes } from './routes/pages.tsx';
import { paperboyApiRoutes } from './routes/paperboy-api.ts';
import { peopleRoutes } from './routes/people.tsx';
import { searchRoutes } from './routes/search.tsx';
import { subscriptionsApiRoutes } from './routes/subscriptions-api.ts';
import { throwOnInvalid } from './schemas/validate.ts';
import { type AppEnv, securityHeaders, sessionMiddleware } from './session.ts';
import { tokenAuth } from './token-auth.ts';

/** Builds the app for a container. */
export function createApp(container: Container): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const log = container.log.child({ component: 'http' });

  app.use(requestMetrics(container));
  app.use(securityHeaders(container.config.baseUrl.startsWith('https:')));
  app.use(bodyLimits(container.config));
  app.use('/api/*', apiRateLimit(container));
  app.use('/feeds/*', apiRateLimit(container));
  app.get(STYLE_PATH, (c) => {
    c.header('cache-control', 'public, max-age=31536000, immutable');
    return c.body(STYLE_CSS, 200, { 'content-type': 'text/css; charset=utf-8' });
  });
  app.get(APP_JS_PATH, (c) => {
    c.header('cache-control', 'public, max-age=31536000, immutable');
    return c.body(APP_JS, 200, { 'content-type': 'text/javascript; charset=utf-8' });
  });
  app.get(FAVICON_PATH, (c) => {
    c.header('cache-control', 'public, max-age=31536000, immutable');
    return c.body(FAVICON_SVG, 200, { 'content-type': 'image/svg+xml' });
  });
  app.get('/favicon.ico', (c) => c.redirect(FAVICON_PATH, 301));
  const pages = createPageCache(container, (path) => PUBLIC_PATHS.test(path));
  app.route('/', healthRoutes(container));
  // Conditional requests wrap the page cache, so a cached feed still answers 304 to its ETag.
  app.use(httpCaching(container.clock));
  app.use('/feeds/*', pages.middleware);
  app.route('/', metricsRoutes(container));
  app.route('/', forYouFeedRoutes(container));
  app.route('/', feedRoutes(container));
  app.use(tokenAuth(container));
  // MCP before sessions: only tokens count there, never the cookie (routes/mcp.ts).
  const mcp = mcpRoutes(container);
  app.route('/', mcp);
  app.use(sessionMiddleware(container));
  app.on('POST', MAIL_POSTS, mailRateLimit(container));
  app.use(privatePages());
  app.use(pages.middleware);
  app.route('/', searchRoutes(container));
  // Documented JSON routes: validated by their zod schemas, which also generate /openapi.json.
  const api = new OpenAPIHono<AppEnv>({ defaultHook: throwOnInvalid });
  api.route('/', hfApiRoutes(container));
  api.route('/', paperboyApiRoutes(container));
  api.route('/', communityApiRoutes(container));
  api.route('/', collectionsApiRoutes(container));
  api.route('/', subscriptionsApiRoutes(container));
  api.route('/', exportApiRoutes(container));
  api.route('/', forYouApiRoutes(container));
  app.route('/', api);
  app.use('/papers/*', markdownNegotiation(container));
  app.route('/', apiDocsRoutes([api, mcp], container.config.baseUrl));
  app.route('/', authRoutes(container));
  app.route('/', communityRoutes(container));
  app.route('/', collectionRoutes(container));
  app.route('/', forYouRoutes(container));
  app.route('/', peopleRoutes(container));
  app.route('/', adminRoutes(container));
  app.route('/', emailRoutes(container));
  app.route('/', pageRoutes(container));

  app.notFound(notFound);
  app.onError(onError(log));
  return app;
}
