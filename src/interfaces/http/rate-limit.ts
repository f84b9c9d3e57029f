/**
 * Rate limits at the HTTP edge: mail-sending forms per client IP, per canonical mailbox and in
 * all (counted in the store, so several web processes share them), and the API per client IP.
 * Every limited answer carries RateLimit-Limit/-Remaining/-Reset and RateLimit-Policy
 * (draft-ietf-httpapi-ratelimit-headers); a refusal is `rate_limited` (429) with Retry-After.
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import type { Container } from '../../container.ts';
import { createError } from '../../core/errors.ts';
import type { LimitDecision, RateLimit } from '../../core/limits/ports.ts';
import { canonicalMailbox } from '../../core/mail/mailbox.ts';
import { formFields } from './read-form.ts';

/** What this file takes from the container. */
type Uses = Pick<Container, 'config' | 'limits'>;

/**
 * The client's IP: the socket's peer, or (PAPERBOY_TRUST_PROXY) the last X-Forwarded-For entry,
 * the one our own proxy added. In-process requests (tests' app.request) have no socket: 'local'.
 */
export function clientIp(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const hops = (c.req.header('x-forwarded-for') ?? '').split(',').map((s) => s.trim());
    const last = hops[hops.length - 1];
    if (last) return last;
  }
  try {
    return getConnInfo(c).remote.address ?? 'local';
  } catch {
    return 'local';
  }
}

type Check = [RateLimit | null, string | null];

/**
 * Takes one unit from each limit in turn; stops at the first refusal (throwing `rate_limited`).
 * Null limits are off. Returns what was taken, so a request that cost nothing can give it back.
 */
export async function enforceLimits(c: Context, checks: Check[]): Promise<[RateLimit, string][]> {
  let tightest: { limit: RateLimit; decision: LimitDecision } | null = null;
  const taken: [RateLimit, string][] = [];
  for (const [limit, key] of checks) {
    if (!limit || key === null) continue;
    const decision = await limit.consume(key);
    if (decision.allowed) taken.push([limit, key]);
    if (!tightest || decision.remaining < tightest.decision.remaining || !decision.allowed) {
      tightest = { limit, decision };
    }
    if (!decision.allowed) break;
  }
  if (!tightest) return taken;
  const { limit, decision } = tightest;
  const resetSeconds = Math.max(1, Math.ceil(decision.resetMs / 1000));
  c.header('RateLimit-Limit', String(decision.limit));
  c.header('RateLimit-Remaining', String(decision.remaining));
  c.header('RateLimit-Reset', String(resetSeconds));
  c.header('RateLimit-Policy', `${decision.limit};w=${limit.windowSeconds}`);
  if (!decision.allowed) {
    c.header('Retry-After', String(resetSeconds));
    throw createError('rate_limited', resetSeconds, {
      details: { limit: limit.name, retryAfterSeconds: resetSeconds },
    });
  }
  return taken;
}

/** Routes whose POST mails someone: sign-in links, subscription confirmations, manage links. */
export const MAIL_POSTS = ['/signin', '/email/subscribe', '/email/manage-link'];

/**
 * Limits mail-sending posts per client IP, per canonical mailbox (the form's `email`, else the
 * signed-in reader's) and for the whole instance. Runs after the CSRF check, so forged posts
 * spend nothing; a post the route refuses (4xx: a bad address, say) mails nothing and is given
 * back, so only requests that may have sent mail count.
 */
export function mailRateLimit(container: Uses): MiddlewareHandler {
  const { limits, config } = container;
  return async (c, next) => {
    const values = await formFields(c);
    const viewer = c.get('viewer') as { email: string } | null | undefined;
    const typed = (values.email ?? '').trim() || viewer?.email || '';
    const taken = await enforceLimits(c, [
      [limits.mailPerIp, clientIp(c, config.trustProxy)],
      [limits.mailPerMailbox, canonicalMailbox(typed)],
      [limits.mailGlobal, 'all'],
    ]);
    await next();
    if (c.res.status >= 400 && c.res.status < 500) {
      await Promise.all(taken.map(([limit, key]) => limit.refund(key)));
    }
  };
}

/** Limits API and feed requests per client IP (this process's count). */
export function apiRateLimit(container: Uses): MiddlewareHandler {
  const { limits, config } = container;
  return async (c, next) => {
    await enforceLimits(c, [[limits.apiPerIp, clientIp(c, config.trustProxy)]]);
    await next();
  };
}
