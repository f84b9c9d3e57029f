/**
 * The one place that turns errors into HTTP responses. Known AppError codes keep their message and
 * get a status from the table below; anything else is logged with its stack and answered as a
 * generic 500 so internals never leak. API paths get JSON, pages get an HTML error page.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { type ErrorCode, isAppError } from '../../core/errors.ts';
import type { Logger } from '../../core/logger.ts';
import { ErrorPage } from '../web/pages/error-page.tsx';

const STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  paper_not_found: 404,
  invalid_arxiv_id: 404,
  invalid_period: 404,
  not_found: 404,
  invalid_input: 400,
  invalid_query: 400,
  import_failed: 400,
  config_invalid: 500,
  source_unavailable: 502,
  source_malformed: 502,
  rate_limited: 429,
  unauthorized: 401,
  forbidden: 403,
  conflict: 409,
  store_unavailable: 503,
  not_available: 501,
  model_unavailable: 503,
  mail_failed: 502,
  link_invalid: 400,
  link_expired: 410,
};

/** True when the client wants JSON: API paths, or an Accept header preferring it. */
export function wantsJson(c: Context): boolean {
  if (c.req.path.startsWith('/api/')) return true;
  const accept = c.req.header('accept') ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}

/** Builds the app's error handler. */
export function onError(log: Logger) {
  return (error: Error, c: Context) => {
    const known = isAppError(error) ? error : null;
    const status = known ? STATUS[known.code] : 500;
    const code = known?.code ?? 'internal_error';
    const message = known?.message ?? 'Something went wrong on our side. It has been logged.';
    if (!known) log.error('request failed', { method: c.req.method, path: c.req.path, error });
    if (wantsJson(c)) {
      const details = known?.details === undefined ? {} : { details: known.details };
      return c.json({ error: { code, message, ...details } }, status);
    }
    return c.html(<ErrorPage status={status} message={message} />, status);
  };
}

/** 404 for routes that do not exist. */
export function notFound(c: Context) {
  const message = `There is no page at ${c.req.path}.`;
  if (wantsJson(c)) return c.json({ error: { code: 'not_found', message } }, 404);
  return c.html(<ErrorPage status={404} message={message} />, 404);
}
