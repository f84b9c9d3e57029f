/**
 * API tokens at the edge: `Authorization: Bearer pb_…` on /api/… and /mcp makes the token's owner
 * the viewer, with the token's scope; such requests carry no cookie identity and need no CSRF
 * token (a browser never attaches this header on its own). Tokens and cookies never stand in for
 * each other: a token is refused on pages, and the session cookie is ignored when a token is sent.
 * Tokens of other services (huggingface_hub sends the user's `hf_…` token along) are ignored on
 * reads, so Hugging Face clients pointed at paperboy keep working.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { Container } from '../../container.ts';
import {
  assertScope,
  authenticateApiToken,
  isPaperboyToken,
} from '../../core/community/api-tokens.ts';
import type { TokenScope, User } from '../../core/community/model.ts';
import { createError } from '../../core/errors.ts';
import type { AppEnv } from './session.ts';

/** What this file takes from the container. */
type Uses = Pick<Container, 'community'>;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** How the request is authenticated. */
export type Auth =
  | { via: 'token'; scope: TokenScope; tokenId: string }
  | { via: 'session' }
  | { via: 'none' };

/** Paths that accept API tokens. */
export function acceptsTokens(path: string): boolean {
  return path.startsWith('/api/') || path === '/mcp';
}

/** The bearer credential of an Authorization header, or null. */
export function bearerOf(header: string | undefined): string | null {
  const match = header?.match(/^Bearer[ \t]+(\S+)[ \t]*$/i);
  return match?.[1] ?? null;
}

/** Resolves `Authorization: Bearer` tokens (see the module comment); runs before sessions. */
export function tokenAuth(container: Uses): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const secret = bearerOf(c.req.header('authorization'));
    if (secret === null) return next();
    if (!isPaperboyToken(secret)) {
      if (SAFE_METHODS.has(c.req.method)) return next();
      throw createError('token_invalid', 'this is not a paperboy token (they start with pb_)');
    }
    if (!acceptsTokens(c.req.path)) {
      throw createError(
        'token_invalid',
        `tokens work on /api/… and /mcp only, not on ${c.req.path}; pages use the sign-in cookie`,
      );
    }
    const { user, token } = await authenticateApiToken(container.community, secret);
    c.set('viewer', user);
    c.set('sessionToken', null);
    c.set('csrf', '');
    c.set('auth', { via: 'token', scope: token.scope, tokenId: token.id });
    await next();
  };
}

/**
 * The user a JSON route acts for, when allowed to do `need`: signed in by cookie (the session
 * middleware already checked CSRF on writes) or by a token with that scope.
 */
export function caller(c: Context<AppEnv>, need: TokenScope): User {
  const viewer = c.get('viewer');
  if (!viewer) {
    throw createError(
      'unauthorized',
      'send an API token ("Authorization: Bearer pb_…", created on /account) or sign in',
    );
  }
  const auth = c.get('auth');
  if (auth?.via === 'token') assertScope(auth.scope, need);
  return viewer;
}
