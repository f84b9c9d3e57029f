/**
 * Conditional requests and CORS for the machine-readable surface (the JSON API, feeds, Markdown,
 * /openapi.json): one middleware, separate from rate limits and any server-side page cache.
 * - ETag (SHA-1 of the body, Hono's etag) and `If-None-Match` → 304 Not Modified.
 * - Last-Modified: when this process first served the current representation of the URL (its
 *   ETag changed then), so it never claims an age the data does not have; `If-Modified-Since`
 *   alone gets a 304 when the representation has not changed since. After a restart it starts
 *   again from the restart, which only costs a few full answers.
 * - CORS for GET/HEAD from any origin without credentials (RFC 9110/Fetch): browsers may read
 *   public answers; cookies never ride along (no Access-Control-Allow-Credentials) and the
 *   Authorization header is not allowed cross-origin, so private data stays private.
 * - `Cache-Control: private, no-cache` on answers made for a signed-in caller (a token or a
 *   session), `no-cache` on other API answers that set none (revalidate with the ETag).
 */
import type { Context, MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { etag, RETAINED_304_HEADERS } from 'hono/etag';
import type { Clock } from '../../core/clock.ts';

/** Headers API clients read, exposed to browsers (rate-limit headers come with rate limits). */
export const EXPOSED_HEADERS = [
  'ETag',
  'Last-Modified',
  'X-Total-Count',
  'Link',
  'RateLimit',
  'RateLimit-Policy',
  'RateLimit-Limit',
  'RateLimit-Remaining',
  'RateLimit-Reset',
  'Retry-After',
];

/** URLs remembered for Last-Modified; the oldest are forgotten first. */
const MAX_REMEMBERED = 10_000;

/** True for the paths this middleware serves: API, feeds, Markdown and the OpenAPI document. */
export function isMachinePath(path: string): boolean {
  return (
    path.startsWith('/api/') ||
    path.startsWith('/feeds/') ||
    path === '/openapi.json' ||
    (path.startsWith('/papers/') && path.endsWith('.md'))
  );
}

export function httpCaching(clock: Clock): MiddlewareHandler {
  const tagged = etag({
    retainedHeaders: [
      ...RETAINED_304_HEADERS,
      'last-modified',
      'access-control-allow-origin',
      'access-control-expose-headers',
      ...EXPOSED_HEADERS.filter((h) => h.startsWith('RateLimit') || h === 'Retry-After').map((h) =>
        h.toLowerCase(),
      ),
    ],
  });
  const corsHeaders = cors({
    origin: '*',
    allowMethods: ['GET', 'HEAD'],
    allowHeaders: ['If-None-Match', 'If-Modified-Since'],
    exposeHeaders: EXPOSED_HEADERS,
    maxAge: 86_400,
  });
  const seen = new Map<string, { etag: string; since: number }>();

  /** When the current representation of `url` was first served (whole seconds, as HTTP dates). */
  const firstSeen = (url: string, tag: string): number => {
    const known = seen.get(url);
    if (known?.etag === tag) return known.since;
    const since = Math.floor(clock.now().getTime() / 1000) * 1000;
    seen.delete(url);
    seen.set(url, { etag: tag, since });
    if (seen.size > MAX_REMEMBERED) {
      const oldest = seen.keys().next().value;
      if (oldest !== undefined) seen.delete(oldest);
    }
    return since;
  };

  return async (c, next) => {
    if (!isMachinePath(c.req.path)) return next();
    const method = c.req.method;
    if (method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS') return next();
    return corsHeaders(c, async () => {
      await tagged(c, next);
      const tag = c.res.headers.get('etag');
      if (!tag || (c.res.status !== 200 && c.res.status !== 304)) return;
      const since = firstSeen(c.req.url, tag);
      c.res.headers.set('last-modified', new Date(since).toUTCString());
      setCacheControl(c);
      const ims = Date.parse(c.req.header('if-modified-since') ?? '');
      if (c.res.status === 200 && !c.req.header('if-none-match') && ims >= since) {
        await c.res.body?.cancel();
        c.res = new Response(null, { status: 304, headers: c.res.headers });
        for (const h of ['content-type', 'content-length', 'x-total-count', 'link']) {
          c.res.headers.delete(h);
        }
      }
    });
  };
}

function setCacheControl(c: Context): void {
  const personal = Boolean(c.get('viewer')) || c.req.header('authorization') !== undefined;
  if (personal) c.res.headers.set('cache-control', 'private, no-cache');
  else if (!c.res.headers.has('cache-control')) c.res.headers.set('cache-control', 'no-cache');
}
