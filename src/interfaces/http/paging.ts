/**
 * Paging headers for every JSON list: `X-Total-Count` (results over all pages) and, when another
 * page exists, `Link: <…>; rel="next"` (RFC 8288) — the way Hugging Face's API announces pages.
 */
import type { Context } from 'hono';
import { z } from 'zod';

/** OpenAPI descriptions of the paging headers (for a route's 200 response). */
export const PAGING_HEADERS = z.object({
  'X-Total-Count': z.string().meta({ description: 'results over all pages' }),
  Link: z
    .string()
    .optional()
    .meta({ description: '`<url>; rel="next"` when there is a next page' }),
});

/** The URL of this request with `changes` applied to its query (null removes a parameter). */
export function pageUrl(
  c: Context,
  baseUrl: string,
  changes: Record<string, string | null>,
): string {
  const here = new URL(c.req.url);
  const url = new URL(here.pathname, baseUrl);
  url.search = here.search;
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) url.searchParams.delete(key);
    else url.searchParams.set(key, value);
  }
  return url.toString();
}

/** Sets X-Total-Count and, when `(p + 1) × limit < total`, a Link to page `p + 1` (from 0). */
export function setPaging(
  c: Context,
  baseUrl: string,
  page: { total: number; p: number; limit: number; param?: string },
): void {
  c.header('X-Total-Count', String(page.total));
  if ((page.p + 1) * page.limit < page.total) {
    const next = pageUrl(c, baseUrl, { [page.param ?? 'p']: String(page.p + 1) });
    c.header('Link', `<${next}>; rel="next"`);
  }
}

/** For cursor lists: Link to the next page when there is one. */
export function setNextCursor(c: Context, baseUrl: string, cursor: string | null): void {
  if (cursor) c.header('Link', `<${pageUrl(c, baseUrl, { cursor })}>; rel="next"`);
}
