/**
 * Sessions and CSRF for every request.
 * - Session: the `pb_session` cookie (HttpOnly, SameSite=Lax, Secure behind HTTPS) holds a random
 *   token; the store keeps only its hash. The signed-in user is `c.get('viewer')`.
 * - CSRF: every POST/PUT/PATCH/DELETE must carry a token (form field `_csrf` or header
 *   `x-csrf-token`) equal to HMAC(secret, binding), where the binding is the session (signed in)
 *   or the random `pb_anon` cookie (signed out) — OWASP's signed double-submit cookie. A request
 *   whose Origin header names another site is refused too.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Container } from '../../container.ts';
import { resolveSession } from '../../core/community/accounts.ts';
import type { User } from '../../core/community/model.ts';
import { hashToken } from '../../core/community/secrets.ts';
import { createError } from '../../core/errors.ts';
import { parseForm } from './read-form.ts';
import type { Auth } from './token-auth.ts';

/** What this file takes from the container. */
type Uses = Pick<Container, 'community' | 'config' | 'secret'>;

export const SESSION_COOKIE = 'pb_session';
const ANON_COOKIE = 'pb_anon';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/**
 * POST endpoints that change nothing (they take a long text, e.g. an abstract to find similar
 * papers for) and so need no CSRF token — API clients call them without cookies. Add read-only
 * POST routes here; anything that writes must not be listed.
 */
export const READ_ONLY_POSTS = new Set(['/search/similar', '/api/papers/similar']);
/**
 * POST routes authorised by a secret token in their own path rather than by a session: one-click
 * unsubscribe (RFC 8058), which mail providers POST without cookies. A forger cannot know the token.
 */
const TOKEN_AUTHORISED_POSTS = /^\/email\/unsubscribe\/[\w.-]+$/;

export type AppEnv = {
  Variables: {
    viewer: User | null;
    sessionToken: string | null;
    csrf: string;
    auth: Auth;
  };
};

function cookieOptions(container: Uses, maxAgeDays: number) {
  return {
    httpOnly: true,
    sameSite: 'Lax' as const,
    secure: container.config.baseUrl.startsWith('https:'),
    path: '/',
    maxAge: maxAgeDays * 86_400,
  };
}

/** Sets the session cookie after a sign-in. */
export function setSessionCookie(c: Context, container: Uses, token: string): void {
  setCookie(c, SESSION_COOKIE, token, cookieOptions(container, container.config.sessionDays));
}

/** Removes the session cookie after a sign-out. */
export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
}

function sign(secret: string, binding: string): string {
  return createHmac('sha256', secret).update(`csrf:${binding}`).digest('base64url');
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Resolves the viewer, computes the CSRF token, and refuses unsafe requests without a valid one.
 * Requests an API token authenticated (token-auth.ts) are left as they are: no cookie, no CSRF.
 */
export function sessionMiddleware(container: Uses): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.get('auth')?.via === 'token') return next();
    const token = getCookie(c, SESSION_COOKIE) ?? null;
    const viewer = token ? await resolveSession(container.community, token) : null;
    if (token && !viewer) clearSessionCookie(c);
    c.set('viewer', viewer);
    c.set('sessionToken', viewer ? token : null);
    c.set('auth', viewer ? { via: 'session' } : { via: 'none' });

    let binding: string | null = viewer && token ? `session:${hashToken(token)}` : null;
    if (!binding) {
      let anon = getCookie(c, ANON_COOKIE);
      if (!anon && SAFE_METHODS.has(c.req.method) && !c.req.path.startsWith('/api/')) {
        anon = randomBytes(24).toString('base64url');
        setCookie(c, ANON_COOKIE, anon, cookieOptions(container, 1));
      }
      binding = anon ? `anon:${anon}` : null;
    }
    const secret = await container.secret();
    const expected = binding ? sign(secret, binding) : '';
    c.set('csrf', expected);

    // An API request without a session carries no authority a forger could borrow: the route
    // itself answers 401 (send a token), which says more than a failed CSRF check.
    const exempt =
      READ_ONLY_POSTS.has(c.req.path) ||
      TOKEN_AUTHORISED_POSTS.test(c.req.path) ||
      (!viewer && c.req.path.startsWith('/api/'));
    if (!SAFE_METHODS.has(c.req.method) && !exempt) {
      checkOrigin(c, container.config.baseUrl);
      const sent = c.req.header('x-csrf-token') ?? (await formToken(c));
      if (!expected || !sent || !sameToken(sent, expected)) {
        throw createError(
          'forbidden',
          'this form expired or came from another site (CSRF check failed); reload the page and try again',
        );
      }
    }
    await next();
  };
}

async function formToken(c: Context): Promise<string | null> {
  const type = c.req.header('content-type') ?? '';
  if (!type.includes('application/x-www-form-urlencoded') && !type.includes('multipart/form-data'))
    return null;
  const body = await parseForm(c); // cached by Hono for the handler
  const value = body._csrf;
  return typeof value === 'string' ? value : null;
}

/** Browsers send Origin on POST: it must be this site (as configured, or as addressed). */
function checkOrigin(c: Context, baseUrl: string): void {
  const origin = c.req.header('origin');
  if (!origin || origin === 'null') return;
  const allowed = [new URL(baseUrl).origin, new URL(c.req.url).origin];
  if (!allowed.includes(origin)) {
    throw createError('forbidden', `requests from ${origin} are not accepted (CSRF protection)`);
  }
}

/**
 * Security headers for every response: a strict CSP keeps any injected markup inert; behind
 * https, HSTS (RFC 6797) keeps browsers from ever asking over plain http again.
 */
export function securityHeaders(https = false): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (https) c.header('strict-transport-security', 'max-age=31536000');
    c.header(
      'content-security-policy',
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' https: data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
    );
    c.header('x-content-type-options', 'nosniff');
    c.header('referrer-policy', 'strict-origin-when-cross-origin');
  };
}
