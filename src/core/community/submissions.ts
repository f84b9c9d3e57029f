/**
 * Submitting papers to the daily feed, with Hugging Face's rules by default: the paper is at most
 * 14 days old, each user has a daily quota, a paper is featured once. Moderators feature and
 * unfeature anything. Papers not stored yet are fetched from arXiv through the PaperFetcher port.
 */
import { AppError, createError, isAppError } from '../errors.ts';
import { dayInZone } from '../feed-periods/period.ts';
import { type ArxivId, parseArxivId } from '../papers/arxiv-id.ts';
import type { Paper } from '../papers/model.ts';
import type { CommunityContext } from './context.ts';
import { isModerator, type User } from './model.ts';
import { assertCanAct, assertModerator } from './permissions.ts';
import { rescore } from './trending.ts';

const DAY = 86_400_000;
type Ctx = CommunityContext;

/**
 * The stored paper for an id or URL, fetched from the source when it is not stored yet. `before`
 * runs after the id is known not to be stored and before any request leaves: the caller's
 * checks that need no network (quota, the id's age) fail fast there.
 */
export async function findOrFetchPaper(
  ctx: Ctx,
  input: string,
  options: { before?: (id: ArxivId) => Promise<void>; reader?: string } = {},
): Promise<Paper> {
  const parsed = parseArxivId(input.trim());
  if (!parsed) throw createError('invalid_arxiv_id', input.trim().slice(0, 200));
  const stored = await ctx.papers.get(parsed.id);
  if (stored) return stored;
  await options.before?.(parsed);
  if (!ctx.fetcher) {
    throw createError('paper_not_found', parsed.id, {
      details: {
        hint: 'this instance has no arXiv fetcher configured; only stored papers can be submitted',
      },
    });
  }
  const fetched = await oneLookupAtATime(ctx, options.reader ?? null, () =>
    fetchFromArxiv(ctx, parsed.id),
  );
  if (!fetched) {
    throw new AppError(
      'paper_not_found',
      `arXiv has no paper ${parsed.id}, so it is not in this paperboy either. Check the id.`,
    );
  }
  await ctx.storeFetched([fetched]);
  return (await ctx.papers.get(parsed.id)) ?? fetched;
}

/** Readers with an arXiv look-up in flight, per fetcher (the queue all readers share). */
const inFlight = new WeakMap<object, Set<string>>();

/**
 * Runs a look-up unless the reader already waits for one: arXiv allows one request every 3 s
 * for the whole instance, so one reader's parallel submissions would hold everyone's.
 */
async function oneLookupAtATime<T>(ctx: Ctx, reader: string | null, run: () => Promise<T>) {
  if (reader === null || !ctx.fetcher) return run();
  const readers = inFlight.get(ctx.fetcher) ?? new Set<string>();
  inFlight.set(ctx.fetcher, readers);
  if (readers.has(reader)) {
    throw createError('rate_limited', 10, {
      details: { limit: 'arxiv_lookups_per_reader', retryAfterSeconds: 10 },
    });
  }
  readers.add(reader);
  try {
    return await run();
  } finally {
    readers.delete(reader);
  }
}

/** One paper from arXiv; an unreachable or garbled arXiv is said plainly, without internals. */
async function fetchFromArxiv(ctx: Ctx, id: string): Promise<Paper | undefined> {
  if (!ctx.fetcher) return undefined;
  try {
    return (await ctx.fetcher.fetchByIds([id]))[0];
  } catch (error) {
    if (!isAppError(error, 'source_unavailable') && !isAppError(error, 'source_malformed')) {
      throw error;
    }
    ctx.log.warn('arXiv look-up failed', { paper: id, error });
    throw createError(
      'source_unavailable',
      'arXiv',
      `it did not answer for arXiv:${id} just now. Nothing was lost; try again in a few minutes`,
      { cause: error },
    );
  }
}

/**
 * The last day a paper with this id can have first appeared: new- and old-style ids both start
 * with the year and month of the first version (YYMM), so `1706.03762` is from June 2017.
 */
export function latestFirstDay(id: ArxivId): string | null {
  const yymm = /^(?:[a-z-]+(?:\.[A-Z]{2})?\/)?(\d{2})(\d{2})/.exec(id.id);
  if (!yymm) return null;
  const yy = Number(yymm[1]);
  const month = Number(yymm[2]);
  if (month < 1 || month > 12) return null;
  const year = yy >= 91 ? 1900 + yy : 2000 + yy; // arXiv began in August 1991
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
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
  const rules = ctx.settings.submission;
  const mod = isModerator(user);
  // What can be checked without arXiv is checked before anything is asked of it.
  const checkQuota = async () => {
    if (!mod && (await ctx.submissions.countOn(user.id, day)) >= rules.dailyQuota) {
      throw createError(
        'forbidden',
        `you have used today's ${rules.dailyQuota} submissions; try again tomorrow (${ctx.settings.feedTimeZone})`,
      );
    }
  };
  const paper = await findOrFetchPaper(ctx, input, {
    reader: user.id,
    before: async (id) => {
      const last = latestFirstDay(id);
      const ageDays = last ? Math.floor((now.getTime() - Date.parse(last)) / DAY) - 1 : 0;
      if (!mod && last && ageDays > rules.maxAgeDays) {
        throw createError(
          'forbidden',
          `arXiv:${id.id} first appeared in ${last.slice(0, 7)}, more than ${ageDays} days ago (the id says so); only papers up to ${rules.maxAgeDays} days old can be submitted`,
        );
      }
      await checkQuota();
    },
  });
  const featured = paper.community.featuredDays[0]?.day;
  if (featured || (await ctx.submissions.wasSubmitted(paper.id))) {
    throw createError(
      'conflict',
      `arXiv:${paper.id} was already ${featured ? `featured on ${featured}` : 'submitted'}; a paper is featured once`,
    );
  }
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
  const stored = await ctx.submissions.feature({
    paperId: paper.id,
    day,
    userId: user.id,
    at: now.toISOString(),
    ...(mod ? {} : { dailyQuota: rules.dailyQuota }),
  });
  if (!stored) {
    throw createError(
      'forbidden',
      `you have used today's ${rules.dailyQuota} submissions; try again tomorrow (${ctx.settings.feedTimeZone})`,
    );
  }
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
