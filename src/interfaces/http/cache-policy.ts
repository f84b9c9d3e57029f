/**
 * Responses that carry one person's data are never stored by a browser or a shared cache: every
 * answer to a signed-in reader, and the pages reached by a private link (the subscription
 * manage, confirm and unsubscribe pages, sign-in links). Public pages keep their own policy.
 */
import type { MiddlewareHandler } from 'hono';

/** Paths whose token in the URL stands for an identity. */
const PRIVATE_PATHS = /^\/(email\/(manage|confirm|unsubscribe)\/|auth\/|account|admin)/;

/** Sets `Cache-Control: private, no-store` on personal answers (after the route ran). */
export function privatePages(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (c.get('viewer') || PRIVATE_PATHS.test(c.req.path)) {
      c.header('cache-control', 'private, no-store');
    }
  };
}
