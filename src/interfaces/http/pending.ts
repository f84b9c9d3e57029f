/**
 * The web side of "sign-in does not drop what you were doing": a signed-out upvote, save or
 * comment is kept by core (pending-actions.ts) under a random token in the `pb_pending` cookie
 * (HttpOnly, SameSite=Lax, a day), and resumed when this browser completes a sign-in.
 */
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Container } from '../../container.ts';
import type { User } from '../../core/community/model.ts';
import {
  forgetAction,
  PENDING_ACTION_HOURS,
  pendingDraft,
  rememberAction,
  resumeAction,
} from '../../core/community/pending-actions.ts';
import type { PendingAction } from '../../core/community/ports.ts';
import type { AppContext } from './render.tsx';
import { safeNext, withParam } from './safe-next.ts';

/** What this file takes from the container. */
type Uses = Pick<Container, 'community' | 'config'>;

const PENDING_COOKIE = 'pb_pending';

/** Keeps `action` for this browser; `replace: false` leaves an action already kept alone. */
export async function keepPending(
  c: AppContext,
  container: Uses,
  action: PendingAction,
  replace = true,
): Promise<void> {
  const token = getCookie(c, PENDING_COOKIE) ?? null;
  if (token && !replace) return;
  const kept = await rememberAction(container.community, action, token);
  setCookie(c, PENDING_COOKIE, kept, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: container.config.baseUrl.startsWith('https:'),
    path: '/',
    maxAge: PENDING_ACTION_HOURS * 3600,
  });
}

/** `/signin?next=…` for a signed-out reader whose action was kept. */
export function signInPath(next: string): string {
  return `/signin?next=${encodeURIComponent(next)}`;
}

/**
 * After `user` signed in in this browser: finishes the kept action and returns where to go
 * (the kept page, marked with what was done), or null when nothing was kept.
 */
export async function resumePending(
  c: AppContext,
  container: Uses,
  user: User,
): Promise<string | null> {
  const token = getCookie(c, PENDING_COOKIE);
  if (!token) return null;
  const resumed = await resumeAction(container.community, user, token);
  if (!resumed?.keep) deleteCookie(c, PENDING_COOKIE, { path: '/' });
  if (!resumed) return null;
  const next = safeNext(resumed.next, '/');
  if (resumed.problem) return withParam(next, 'done', 'unfinished');
  return resumed.done ? withParam(next, 'done', resumed.done) : next;
}

/** The comment draft this browser kept for `paperId`, if any. */
export async function draftFor(
  c: AppContext,
  container: Uses,
  paperId: string,
): Promise<{ body: string; parentId: string | null } | null> {
  const token = getCookie(c, PENDING_COOKIE);
  return token ? pendingDraft(container.community, token, paperId) : null;
}

/** Forgets this browser's kept action (its draft was posted). */
export async function dropPending(c: AppContext, container: Uses): Promise<void> {
  const token = getCookie(c, PENDING_COOKIE);
  if (!token) return;
  await forgetAction(container.community, token);
  deleteCookie(c, PENDING_COOKIE, { path: '/' });
}
