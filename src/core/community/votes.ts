/**
 * Upvoting: one vote per user per paper, toggled. The adapter keeps the counter consistent under
 * concurrency; this use case checks who may vote and rescores the paper for trending.
 */
import { createError } from '../errors.ts';
import type { CommunityContext } from './context.ts';
import type { User } from './model.ts';
import { assertCanAct } from './permissions.ts';
import { rescore } from './trending.ts';

export interface VoteOutcome {
  /** Whether the user now upvotes the paper. */
  voted: boolean;
  /** Total upvotes: imported baseline plus local votes. */
  upvotes: number;
}

/** Adds the user's upvote, or takes it back when they had already voted. */
export function toggleVote(
  ctx: CommunityContext,
  user: User | null,
  paperId: string,
): Promise<VoteOutcome> {
  return vote(ctx, user, paperId, null);
}

/** Upvotes the paper (`voted` true) or takes the vote back (false), whatever it was. */
export function setVote(
  ctx: CommunityContext,
  user: User | null,
  paperId: string,
  voted: boolean,
): Promise<VoteOutcome> {
  return vote(ctx, user, paperId, voted);
}

async function vote(
  ctx: CommunityContext,
  user: User | null,
  paperId: string,
  want: boolean | null,
): Promise<VoteOutcome> {
  assertCanAct(user);
  const paper = await ctx.papers.brief(paperId);
  if (!paper) throw createError('paper_not_found', paperId);
  const now = ctx.clock.now().toISOString();
  const { voted, upvotes } =
    want === null
      ? await ctx.votes.toggle(user.id, paper.id, now)
      : await ctx.votes.set(user.id, paper.id, want, now);
  await ctx.trending.startClock(paper.id, paper.submittedAt ?? now);
  await rescore(ctx, [paper.id]);
  return { voted, upvotes: paper.upvotes + upvotes };
}
