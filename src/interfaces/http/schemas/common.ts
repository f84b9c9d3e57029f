/**
 * Schemas shared by every route: the error body, paging parameters, days, weeks, months and
 * arXiv ids. Parsing rules come from core (period.ts, arxiv-id.ts), so pages and API agree.
 */
import { z } from 'zod';
import { isDay, monthPeriod, weekPeriod } from '../../../core/feed-periods/period.ts';
import { parseArxivId } from '../../../core/papers/arxiv-id.ts';

/** Every error answer: `{"error": {"code", "message", "details"?}}` (on-error.tsx). */
export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'stable, snake_case (core/errors.ts)' }),
      message: z.string().meta({ description: 'what went wrong and how to fix it' }),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: 'Error' });

/** Response entries for the error statuses a route can answer with. */
export function errors(
  ...statuses: (400 | 401 | 403 | 404 | 405 | 409 | 413 | 429 | 501 | 502 | 503)[]
) {
  const text: Record<number, string> = {
    400: 'invalid input (the message names each bad field)',
    401: 'missing, invalid or revoked token',
    403: 'not allowed (scope, role or ban)',
    404: 'not found',
    405: 'method not allowed',
    409: 'conflict with the current state',
    413: 'body too large',
    429: 'rate limited',
    501: 'not available on this instance (e.g. search on PostgreSQL before issue 12)',
    502: 'an upstream source failed',
    503: 'the store or model is unavailable',
  };
  return Object.fromEntries(
    statuses.map((s) => [
      s,
      { description: text[s] ?? 'error', content: { 'application/json': { schema: ErrorBody } } },
    ]),
  ) as Record<
    number,
    { description: string; content: { 'application/json': { schema: typeof ErrorBody } } }
  >;
}

/** A JSON response entry for a route definition. */
export function jsonOf<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

/** Who may call a route: a bearer token (scope in the summary) or the session cookie. */
export const SIGNED_IN: Record<string, string[]>[] = [{ bearerAuth: [] }, { cookieSession: [] }];

function valid(check: (text: string) => unknown) {
  return (text: string) => {
    try {
      check(text);
      return true;
    } catch {
      return false;
    }
  };
}

export const Day = z
  .string()
  .refine(isDay, 'must be a calendar day, YYYY-MM-DD')
  .meta({ format: 'date', example: '2026-08-21' });
export const IsoWeek = z
  .string()
  .refine(valid(weekPeriod), 'must be an ISO week, YYYY-Www (e.g. 2026-W34)')
  .meta({ example: '2026-W34' });
export const Month = z
  .string()
  .refine(valid(monthPeriod), 'must be a month, YYYY-MM')
  .meta({ example: '2026-08' });

/** `p`: page index from 0 (Hugging Face's convention). */
export const PageIndex = z.coerce
  .number()
  .int('must be a whole number')
  .min(0)
  .max(100_000)
  .default(0)
  .meta({ description: 'page, from 0' });

/** `limit` within [1, max], default `fallback`. */
export function limit(fallback: number, max: number) {
  return z.coerce
    .number()
    .int('must be a whole number')
    .min(1)
    .max(max)
    .default(fallback)
    .meta({ description: `results per page, 1–${max}` });
}

/** An arXiv id or URL (versions allowed); the handler canonicalises it. */
export const ArxivId = z
  .string()
  .max(300)
  .refine((v) => parseArxivId(v) !== null, {
    message: 'is not an arXiv id (2401.01234, 2401.01234v2, hep-th/9901001 or an arxiv.org URL)',
  })
  .meta({ example: '2608.19880' });

/** Path parameters of a paper: new-style ids, with or without version. */
export const PaperIdParams = z.object({
  id: ArxivId.meta({ param: { name: 'id', in: 'path' }, example: '2608.19880' }),
});

/** Path parameters of an old-style paper id (`hep-th/9901001`). */
export const OldPaperIdParams = z.object({
  archive: z.string().meta({ param: { name: 'archive', in: 'path' }, example: 'hep-th' }),
  number: z.string().meta({ param: { name: 'number', in: 'path' }, example: '9901001' }),
});
