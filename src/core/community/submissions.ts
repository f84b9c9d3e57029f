/**
 * Submitting papers to the daily feed, with Hugging Face's rules by default: the paper is at most
 * 14 days old, each user has a daily quota, a paper is featured once. Moderators feature and
 * unfeature anything. Papers not stored yet are fetched from arXiv through the PaperFetcher port.
 */
import { createError } from '../errors.ts';
import { dayInZone } from '../feed-periods/period.ts';
import { parseArxivId } from '../papers/arxiv-id.ts';
import type { Paper } from '../papers/model.ts';
import type { CommunityContext } from './context.ts';
import { isModerator, type User } from './model.ts';
import { assertCanAct, assertModerator } from './permissions.ts';
import { rescore } from './trending.ts';

const DAY = 86_400_000;
type Ctx = CommunityContext;

/** The stored paper for an id or URL, fetched from the source when it is not stored yet. */
export async function findOrFetchPaper(ctx: Ctx, input: string): Promise<Paper> {
  const parsed = parseArxivId(input.trim());
  if (!parsed) throw createError('invalid_arxiv_id', input.trim().slice(0, 200));
  const stored = await ctx.papers.get(parsed.id);
  if (stored) return stored;
  if (!ctx.fetcher) {
    throw createError('paper_not_found', parsed.id, {
      details: {
        hint: 'this instance has no arXiv fetcher configured; only stored papers can be submitted',
      },
    });
  }
  const [fetched] = await ctx.fetcher.fetchByIds([parsed.id]);
  if (!fetched) throw createError('paper_not_found', parsed.id);
  await ctx.storeFetched([fetched]);
  return (await ctx.papers.get(parsed.id)) ?? fetched;
}

/** When the paper first appeared (its v1), if known. */
function firstSubmitted(paper: Paper): string | null {
  return paper.versions.find((v) => v.submittedAt)?.submittedAt ?? paper.submittedAt;
}

/** Submits a paper to today's feed. Returns the paper and the feed day it landed on. */
export async function submitPaper(
  ctx: Ctx,
  user: User | null,
  input: string,
): Promise<{ paper: Paper; day: string }> {
  assertCanAct(user);
  const now = ctx.clock.now();
  const day = dayInZone(now, ctx.settings.feedTimeZone);
  const paper = await findOrFetchPaper(ctx, input);
  const featured = paper.community.featuredDays[0]?.day;
  if (featured || (await ctx.submissions.wasSubmitted(paper.id))) {
    throw createError(
      'conflict',
      `arXiv:${paper.id} was already ${featured ? `featured on ${featured}` : 'submitted'}; a paper is featured once`,
    );
  }
  const rules = ctx.settings.submission;
  const mod = isModerator(user);
  const first = firstSubmitted(paper);
  if (!mod && first) {
    const ageDays = Math.floor((now.getTime() - Date.parse(first)) / DAY);
    if (ageDays > rules.maxAgeDays) {
      throw createError(
        'forbidden',
        `arXiv:${paper.id} first appeared on ${first.slice(0, 10)}, ${ageDays} days ago; only papers up to ${rules.maxAgeDays} days old can be submitted`,
      );
    }
  }
  if (!mod && (await ctx.submissions.countOn(user.id, day)) >= rules.dailyQuota) {
    throw createError(
      'forbidden',
      `you have used today's ${rules.dailyQuota} submissions; try again tomorrow (${ctx.settings.feedTimeZone})`,
    );
  }
  await ctx.submissions.feature({ paperId: paper.id, day, userId: user.id, at: now.toISOString() });
  await rescore(ctx, [paper.id]);
  return { paper, day };
}

/** Features any paper on today's feed (moderators), whatever its age or history. */
export async function featurePaper(
  ctx: Ctx,
  user: User | null,
  input: string,
): Promise<{ paper: Paper; day: string }> {
  assertModerator(user);
  const now = ctx.clock.now();
  const day = dayInZone(now, ctx.settings.feedTimeZone);
  const paper = await findOrFetchPaper(ctx, input);
  if (paper.community.featuredDays.some((d) => d.day === day)) {
    throw createError('conflict', `arXiv:${paper.id} is already featured on ${day}`);
  }
  await ctx.submissions.feature({ paperId: paper.id, day, userId: null, at: now.toISOString() });
  await ctx.audit.record({
    actorId: user.id,
    action: 'paper.feature',
    targetType: 'paper',
    targetId: paper.id,
    detail: day,
    createdAt: now.toISOString(),
  });
  await rescore(ctx, [paper.id]);
  return { paper, day };
}

/** Removes a paper from every featured day (moderators). */
export async function unfeaturePaper(ctx: Ctx, user: User | null, paperId: string): Promise<void> {
  assertModerator(user);
  const paper = await ctx.papers.get(paperId);
  if (!paper) throw createError('paper_not_found', paperId);
  await ctx.submissions.unfeature(paper.id);
  const days = paper.community.featuredDays.map((d) => d.day).join(', ') || 'not featured';
  await ctx.audit.record({
    actorId: user.id,
    action: 'paper.unfeature',
    targetType: 'paper',
    targetId: paper.id,
    detail: days,
    createdAt: ctx.clock.now().toISOString(),
  });
}
