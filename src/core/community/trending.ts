/**
 * Trending: a Hacker News-style gravity score over upvotes, discussion and time, documented in
 * docs/DESIGN.md ("Trending"). Scores are stored per paper and maintained incrementally — a vote
 * or comment rescores that one paper, and a periodic refresh rescores only the papers inside the
 * trending window — so listing trending papers is an indexed ORDER BY, never a pass over the table.
 */
import type { Paper } from '../papers/model.ts';
import type { CommunityContext } from './context.ts';
import type { TrendInput } from './ports.ts';

/** Weight of one unit of discussion (an imported comment or a distinct local commenter). */
export const DISCUSSION_WEIGHT = 0.5;
/** Hours added to a paper's age so brand-new papers do not divide by ~0 (as Hacker News). */
export const AGE_OFFSET_HOURS = 2;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * score = (upvotes + 0.5 × discussion) / (hours since the clock started + 2) ^ gravity.
 * Age is clamped at 0 (a feed day can start after "now" in UTC); unknown clocks score 0.
 */
export function trendingScore(input: TrendInput, asOf: Date, gravity: number): number {
  if (!input.trendAt) return 0;
  const points = input.upvotes + DISCUSSION_WEIGHT * input.discussion;
  if (points <= 0) return 0;
  const hours = Math.max(0, (asOf.getTime() - Date.parse(input.trendAt)) / HOUR);
  return points / (hours + AGE_OFFSET_HOURS) ** gravity;
}

type Ctx = Pick<CommunityContext, 'trending' | 'clock' | 'settings' | 'papers' | 'log'>;

/**
 * Start of the trending window for an instant: `windowDays` back — or further when those days
 * featured fewer than `minPapers` (an instance that harvests rarely, or the day a moderator
 * features one paper on an old corpus): then it reaches back by featured days until it holds
 * that many, instead of collapsing to a handful.
 */
async function windowStart(ctx: Ctx, at: Date): Promise<Date> {
  const byDays = at.getTime() - ctx.settings.trending.windowDays * DAY;
  const { minPapers } = ctx.settings.trending;
  if (minPapers === 0) return new Date(byDays);
  const day = await ctx.trending.featuredDayHolding(minPapers);
  const byCount = day ? Date.parse(`${day}T00:00:00Z`) : byDays;
  return new Date(Math.min(byDays, byCount));
}

/**
 * The instant trending is computed at: now — unless the newest featured day ended longer ago than
 * the window (an instance that stopped harvesting, or the bundled demo corpus on a fresh install).
 * Then it is the end of that day, so /trending shows what was trending when the feed last moved
 * instead of an empty page.
 */
export async function trendingClock(ctx: Ctx): Promise<Date> {
  const now = ctx.clock.now();
  const latest = await ctx.papers.latestFeaturedDay();
  if (!latest) return now;
  const endOfLatest = Date.parse(`${latest}T00:00:00Z`) + DAY;
  const stale = now.getTime() - endOfLatest > ctx.settings.trending.windowDays * DAY;
  return stale ? new Date(endOfLatest) : now;
}

/**
 * The periodic refresh (job `trending:refresh`): starts the clocks of newly featured papers,
 * recomputes every score inside the window as of the trending clock, and zeroes the papers that
 * left it.
 */
export async function refreshTrending(ctx: Ctx): Promise<{ scored: number; retired: number }> {
  const asOf = await trendingClock(ctx);
  const start = await windowStart(ctx, asOf);
  await ctx.trending.startFeaturedSince(start.toISOString().slice(0, 10));
  const inputs = await ctx.trending.inputsSince(start.toISOString());
  const gravity = ctx.settings.trending.gravity;
  await ctx.trending.writeScores(
    inputs.map((i) => ({ paperId: i.paperId, score: trendingScore(i, asOf, gravity) })),
  );
  const retired = await ctx.trending.retireBefore(start.toISOString());
  await ctx.trending.setAsOf(asOf.toISOString());
  return { scored: inputs.length, retired };
}

/**
 * Rescores the given papers after a vote or comment, as of the last refresh so their scores stay
 * comparable with everyone else's until the next one.
 */
export async function rescore(ctx: Ctx, paperIds: string[]): Promise<void> {
  const stored = await ctx.trending.asOf();
  const asOf = stored ? new Date(stored) : await trendingClock(ctx);
  const start = (await windowStart(ctx, asOf)).toISOString();
  const inputs = await ctx.trending.inputs(paperIds);
  const gravity = ctx.settings.trending.gravity;
  await ctx.trending.writeScores(
    inputs.map((i) => ({
      paperId: i.paperId,
      score: i.trendAt && i.trendAt >= start ? trendingScore(i, asOf, gravity) : 0,
    })),
  );
}

export type TrendingPeriod = 'day' | 'week' | 'window';

export interface TrendingRequest {
  limit: number;
  offset?: number;
  /** Only papers whose clock started in the last day, week, or the whole window (default). */
  period?: TrendingPeriod;
}

export interface TrendingList {
  papers: Paper[];
  total: number;
  /** When the scores were computed (null before the first refresh). */
  asOf: string | null;
  /** Start of the window listed (ISO instant): earlier than `windowDays` when that was thin. */
  since: string;
}

/**
 * The top trending papers, highest score first. This is the port for other areas (e.g. the
 * trending email digest): `getTrending(container.community, { limit: 10, period: 'day' })`.
 */
export async function getTrending(ctx: Ctx, request: TrendingRequest): Promise<TrendingList> {
  const asOf = await ctx.trending.asOf();
  const reference = asOf ? new Date(asOf) : await trendingClock(ctx);
  const period = request.period ?? 'window';
  const days = { day: 1, week: 7, window: ctx.settings.trending.windowDays }[period];
  const since =
    period === 'window'
      ? await windowStart(ctx, reference)
      : new Date(reference.getTime() - Math.min(days, ctx.settings.trending.windowDays) * DAY);
  const { ids, total } = await ctx.trending.top(since.toISOString(), {
    limit: request.limit,
    offset: request.offset ?? 0,
  });
  return { papers: await ctx.papers.getMany(ids), total, asOf, since: since.toISOString() };
}
