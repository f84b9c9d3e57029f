/**
 * The daily feed use case: the papers featured in a day, week or month, most upvoted first,
 * with links to the neighbouring periods.
 */
import type { FeaturedPaper, PaperRepo } from '../papers/ports.ts';
import { addDays, type Period, shiftPeriod } from './period.ts';

export interface Feed {
  period: Period;
  items: FeaturedPaper[];
  total: number;
  /** The previous and next period worth visiting (for days: the nearest featured days). */
  previous: Period | null;
  next: Period | null;
  /** The day the Daily tab opens from here: the latest featured day in the period, else its first. */
  dailyDay: string;
}

export interface FeedPage {
  limit: number;
  offset: number;
}

/** Lists one feed period. Days link to the nearest days that have papers, not to empty ones. */
export async function getFeed(repo: PaperRepo, period: Period, page: FeedPage): Promise<Feed> {
  const [{ items, total }, neighbours, dailyDay] = await Promise.all([
    repo.listFeatured(period, page),
    neighbourPeriods(repo, period),
    period.kind === 'day'
      ? period.from
      : repo
          .adjacentFeaturedDays(addDays(period.to, 1))
          .then(({ previous }) => (previous && previous >= period.from ? previous : period.from)),
  ]);
  return { period, items, total, ...neighbours, dailyDay };
}

async function neighbourPeriods(
  repo: PaperRepo,
  period: Period,
): Promise<{ previous: Period | null; next: Period | null }> {
  if (period.kind === 'day') {
    const { previous, next } = await repo.adjacentFeaturedDays(period.from);
    return {
      previous: previous ? { kind: 'day', label: previous, from: previous, to: previous } : null,
      next: next ? { kind: 'day', label: next, from: next, to: next } : null,
    };
  }
  const [first, latest] = await Promise.all([
    repo.adjacentFeaturedDays(period.from),
    repo.latestFeaturedDay(),
  ]);
  const previous = shiftPeriod(period, -1);
  const next = shiftPeriod(period, 1);
  const hasEarlier = first.previous !== null;
  return {
    previous: hasEarlier ? previous : null,
    next: latest !== null && latest >= next.from ? next : null,
  };
}
