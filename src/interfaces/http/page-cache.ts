/**
 * Rendered public answers (pages, API JSON, feeds) kept in memory, so a busy page is rendered
 * once per change instead of once per request — rendering and its synchronous SQLite reads are
 * what the event loop spent its time on under load. An entry serves only while the store's
 * version is the one it was rendered at (any committed write, by any process, invalidates every
 * entry) and for at most CACHE_TTL_MS (pages that depend on the clock: today, trending decay).
 * Only anonymous GET/HEAD answers with status 200 are kept. Pages carry the visitor's CSRF token
 * (bound to their own cookie): it is swapped for the current visitor's when served.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { LRUCache } from 'lru-cache';
import type { Container } from '../../container.ts';

/** Longest an entry is served, even with no write: the clock moves pages (today, trending). */
export const CACHE_TTL_MS = 30_000;

interface Entry {
  version: string;
  body: string;
  status: number;
  headers: [string, string][];
  /** The CSRF token rendered into the body ('' when none). */
  csrf: string;
}

/** Response headers worth replaying; per-request ones (cookies, rate limits) are not kept. */
const KEPT = ['content-type', 'cache-control', 'x-total-count', 'link', 'etag', 'last-modified'];

export interface PageCache {
  middleware: MiddlewareHandler;
  /** Entries held now (tests, metrics). */
  size(): number;
}

/** Paths whose anonymous answers are the same for every visitor. */
export const PUBLIC_PATHS =
  /^\/($|papers\/|search$|trending$|api\/|feeds\/|users\/|authors\/|collections)/;

/** One cache per app; `isPublic` says which paths may be cached at all. */
export function createPageCache(
  container: Pick<Container, 'storeVersion'>,
  isPublic: (path: string) => boolean,
  options: { maxBytes?: number } = {},
): PageCache {
  const cache = new LRUCache<string, Entry>({
    maxSize: options.maxBytes ?? 64 * 1024 * 1024,
    sizeCalculation: (e) => e.body.length * 2 + 256,
    ttl: CACHE_TTL_MS,
  });
  const storeVersion = container.storeVersion;
  const middleware: MiddlewareHandler = async (c, next) => {
    if (!storeVersion || !cacheable(c, isPublic)) return next();
    const key = `${c.req.method === 'HEAD' ? 'GET' : c.req.method} ${c.req.url} ${c.req.header('accept') ?? ''}`;
    const version = storeVersion();
    const hit = cache.get(key);
    const csrf = (c.get('csrf') as string | undefined) ?? '';
    if (hit && hit.version === version) {
      c.header('x-cache', 'hit');
      const body = hit.csrf && csrf ? hit.body.replaceAll(hit.csrf, csrf) : hit.body;
      return c.body(body, hit.status as 200, Object.fromEntries(hit.headers));
    }
    await next();
    const res = c.res;
    if (res.status !== 200 || !storable(res)) return;
    const body = await res.clone().text();
    const headers = KEPT.flatMap((h): [string, string][] => {
      const v = res.headers.get(h);
      return v === null ? [] : [[h, v]];
    });
    cache.set(key, { version, body, status: res.status, headers, csrf });
    c.header('x-cache', 'miss');
  };
  return { middleware, size: () => cache.size };
}

function cacheable(c: Context, isPublic: (path: string) => boolean): boolean {
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return false;
  if (c.get('viewer')) return false;
  if ((c.req.header('cookie') ?? '').includes('pb_session=')) return false;
  return isPublic(c.req.path);
}

function storable(res: Response): boolean {
  const type = res.headers.get('content-type') ?? '';
  const control = res.headers.get('cache-control') ?? '';
  return !/no-store|private/.test(control) && /html|json|xml|rss|atom/.test(type);
}
