/**
 * Request bodies are bounded before anything reads them (CSRF checks and form parsing
 * included): a small limit for forms, a larger one where a text is pasted. Hono's bodyLimit
 * refuses by Content-Length at once and counts bytes of chunked bodies (RFC 9112 §6.3) as they
 * arrive, so an oversized body is never held in memory. The answer is 413 with a clear message.
 */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Config } from '../../config.ts';
import { createError } from '../../core/errors.ts';

/** Routes that take a pasted text (an abstract to find similar papers for). */
const TEXT_PATHS = new Set(['/search/similar', '/api/papers/similar']);
/** Routes that take a library file (For you's import). */
const LIBRARY_PATHS = new Set(['/account/library', '/api/v1/library/import']);

/**
 * Limits every request body by route: `textBodyKb` for TEXT_PATHS, `libraryBodyKb` for
 * LIBRARY_PATHS, `formBodyKb` elsewhere.
 */
export function bodyLimits(
  config: Pick<Config, 'formBodyKb' | 'textBodyKb' | 'libraryBodyKb'>,
): MiddlewareHandler {
  const limiter = (kb: number) =>
    bodyLimit({
      maxSize: kb * 1024,
      onError: () => {
        throw createError('payload_too_large', kb);
      },
    });
  const form = limiter(config.formBodyKb);
  const text = limiter(config.textBodyKb);
  const library = limiter(config.libraryBodyKb);
  return (c, next) =>
    TEXT_PATHS.has(c.req.path)
      ? text(c, next)
      : LIBRARY_PATHS.has(c.req.path)
        ? library(c, next)
        : form(c, next);
}
