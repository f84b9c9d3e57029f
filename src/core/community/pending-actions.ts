/**
 * Sign-in must not drop what a reader was doing. A signed-out upvote, save or comment is kept
 * here (keyed by a token the web edge puts in a cookie) with the page to come back to; after
 * sign-in the upvote and the save are done, and the comment draft waits on its page, unposted.
 */
import { isAppError } from '../errors.ts';
import { saveToReadingList } from './collections.ts';
import type { CommunityContext } from './context.ts';
import type { User } from './model.ts';
import type { PendingAction } from './ports.ts';
import { hashToken, newToken } from './secrets.ts';
import { toggleVote } from './votes.ts';

/** How long a pending action waits for its sign-in. */
export const PENDING_ACTION_HOURS = 24;
const HOUR = 3_600_000;

type Ctx = CommunityContext;

function since(ctx: Ctx): string {
  return new Date(ctx.clock.now().getTime() - PENDING_ACTION_HOURS * HOUR).toISOString();
}

/**
 * Keeps `action` for the reader holding `token` (a fresh token when null) and returns the token.
 * Old actions of anyone are purged on the way.
 */
export async function rememberAction(
  ctx: Ctx,
  action: PendingAction,
  token: string | null,
): Promise<string> {
  const kept = token ?? newToken();
  await ctx.pendingActions.purgeBefore(since(ctx));
  await ctx.pendingActions.put(hashToken(kept), action, ctx.clock.now().toISOString());
  return kept;
}

/** What happened when a pending action was resumed, for the page the reader lands on. */
export interface ResumedAction {
  /** The page to return to (as stored: the web edge made it a safe path). */
  next: string;
  /** What was done: `voted`, `saved`, `draft` (a comment waits on the page), or null. */
  done: 'voted' | 'saved' | 'draft' | null;
  /** Why the action could not be done, when it could not (the reader is still signed in). */
  problem: string | null;
  /** Whether the token still holds something (a comment draft) and should be kept. */
  keep: boolean;
}

/** Does what the reader started before signing in, now as `user`. Null when nothing is pending. */
export async function resumeAction(
  ctx: Ctx,
  user: User,
  token: string,
): Promise<ResumedAction | null> {
  const hash = hashToken(token);
  const action = await ctx.pendingActions.get(hash, since(ctx));
  if (!action) return null;
  const resumed: ResumedAction = { next: action.next, done: null, problem: null, keep: false };
  try {
    if (action.kind === 'vote') {
      const already = await ctx.votes.votedAmong(user.id, [action.paperId]);
      if (!already.has(action.paperId)) await toggleVote(ctx, user, action.paperId);
      resumed.done = 'voted';
    } else if (action.kind === 'save') {
      await saveToReadingList(ctx, user, action.paperId, action.note);
      resumed.done = 'saved';
    } else if (action.kind === 'comment') {
      resumed.done = 'draft';
      resumed.keep = true;
    }
  } catch (error) {
    if (!isAppError(error)) throw error;
    resumed.problem = error.message;
  }
  if (!resumed.keep) await ctx.pendingActions.delete(hash);
  return resumed;
}

/** The comment draft waiting for `paperId` under `token`, if any. */
export async function pendingDraft(
  ctx: Ctx,
  token: string,
  paperId: string,
): Promise<{ body: string; parentId: string | null } | null> {
  const action = await ctx.pendingActions.get(hashToken(token), since(ctx));
  if (action?.kind !== 'comment' || action.paperId !== paperId) return null;
  return { body: action.body, parentId: action.parentId };
}

/** Drops whatever is pending under `token` (the draft was posted, or the reader gave up). */
export async function forgetAction(ctx: Ctx, token: string): Promise<void> {
  await ctx.pendingActions.delete(hashToken(token));
}
