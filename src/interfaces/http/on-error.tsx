/**
 * The one place that turns errors into HTTP responses: the only table from error code to status.
 * Known AppError codes keep their message; Hono's own HTTPExceptions (malformed JSON, wrong
 * content type, body limits) are turned into codes first; anything else is logged with its stack
 * and answered as a generic 500 so internals never leak. API paths get JSON, pages an HTML page —
 * the form the request came from when the route attached one (see `showOn`).
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { type AppError, createError, type ErrorCode, isAppError } from '../../core/errors.ts';
import type { Logger } from '../../core/logger.ts';
import { ErrorPage } from '../web/pages/error-page.tsx';
import { render } from './render.tsx';

const STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  paper_not_found: 404,
  invalid_arxiv_id: 400,
  invalid_period: 404,
  not_found: 404,
  invalid_input: 400,
  invalid_query: 400,
  unsupported_media_type: 415,
  too_large: 413,
  import_failed: 400,
  config_invalid: 500,
  source_unavailable: 502,
  source_malformed: 502,
  rate_limited: 429,
  payload_too_large: 413,
  unauthorized: 401,
  forbidden: 403,
  token_invalid: 401,
  token_scope: 403,
  conflict: 409,
  method_not_allowed: 405,
  store_unavailable: 503,
  not_available: 501,
  model_unavailable: 503,
  mail_failed: 502,
  link_invalid: 400,
  link_expired: 410,
};

/** The status on-error answers `code` with (for tests and documentation). */
export function statusOf(code: ErrorCode): ContentfulStatusCode {
  return STATUS[code];
}

/**
 * An AppError to be shown on the page the request came from (a form with its message), instead
 * of the generic error page. The status still comes from the table above.
 */
export class ShownOnPage extends Error {
  constructor(
    readonly error: AppError,
    readonly page: (message: string) => Child,
  ) {
    super(error.message, { cause: error });
  }
}

/** Rethrows `error` so that, when it is an AppError, it is answered with `page(message)`. */
export function showOn(error: unknown, page: (message: string) => Child): never {
  if (isAppError(error)) throw new ShownOnPage(error, page);
  throw error;
}

/**
 * True when the client wants a JSON error: API paths and Markdown (machine) requests, or an
 * Accept header preferring JSON.
 */
export function wantsJson(c: Context): boolean {
  if (c.req.path.startsWith('/api/') || c.req.path.endsWith('.md') || c.req.path === '/mcp') {
    return true;
  }
  const accept = c.req.header('accept') ?? '';
  if (accept.includes('text/html')) return false;
  return accept.includes('application/json') || accept.includes('text/markdown');
}

/** Hono's own exceptions (validators, body limits) as AppErrors; null for other statuses. */
function fromHttpException(error: HTTPException): AppError | null {
  const why = error.message || 'the request could not be read';
  if (error.status === 400) return createError('invalid_input', why, { cause: error });
  if (error.status === 413) return createError('too_large', why, { cause: error });
  if (error.status === 415) {
    return createError('unsupported_media_type', 'JSON (application/json)', { cause: error });
  }
  return null;
}

/** RFC 6750's WWW-Authenticate challenge for refusals of API callers, or null. */
function bearerChallenge(error: AppError): string | null {
  // A header value is ASCII: quotes and backslashes become ', anything else non-printable a dot.
  const quoted = (text: string) => text.replace(/["\\]/g, "'").replace(/[^\x20-\x7e]/g, '.');
  if (error.code === 'token_invalid') {
    return `Bearer realm="paperboy", error="invalid_token", error_description="${quoted(error.message)}"`;
  }
  if (error.code === 'token_scope') {
    return 'Bearer realm="paperboy", error="insufficient_scope", scope="write"';
  }
  if (error.code === 'unauthorized') return 'Bearer realm="paperboy"';
  return null;
}

/** Builds the app's error handler. */
export function onError(log: Logger) {
  return (error: Error, c: Context) => {
    const shown = error instanceof ShownOnPage ? error : null;
    const known =
      shown?.error ??
      (isAppError(error)
        ? error
        : error instanceof HTTPException
          ? fromHttpException(error)
          : null);
    const status = known ? STATUS[known.code] : 500;
    const code = known?.code ?? 'internal_error';
    const message = known?.message ?? 'Something went wrong on our side. It has been logged.';
    if (!known) log.error('request failed', { method: c.req.method, path: c.req.path, error });
    const challenge = known ? bearerChallenge(known) : null;
    if (challenge) c.header('WWW-Authenticate', challenge);
    if (wantsJson(c)) {
      const details = known?.details === undefined ? {} : { details: known.details };
      return c.json({ error: { code, message, ...details } }, status);
    }
    if (shown) return render(c, shown.page(message), status);
    return c.html(<ErrorPage status={status} message={message} />, status);
  };
}

/** 404 for routes that do not exist. */
export function notFound(c: Context) {
  const message = `There is no page at ${c.req.path}.`;
  if (wantsJson(c)) return c.json({ error: { code: 'not_found', message } }, 404);
  return c.html(<ErrorPage status={404} message={message} />, 404);
}
