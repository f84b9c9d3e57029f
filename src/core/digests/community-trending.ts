/**
 * The trending digest's source: the community's documented trending score (docs/DESIGN.md,
 * "Trending"; core/community/trending.ts). A daily digest takes the top papers whose trending
 * clock started within the last week, a weekly one within the trending window; papers the address
 * already received are left out by the selection, so each digest brings the best ones not seen.
 */
import type { CommunityContext } from '../community/context.ts';
import { getTrending, refreshTrending, type TrendingPeriod } from '../community/trending.ts';
import type { TrendingSource } from './ports.ts';

/** Scores older (or, with a pinned clock, newer) than this are refreshed before use. */
const STALE_MS = 15 * 60_000;
const DAY_MS = 86_400_000;

type TrendingCtx = Pick<CommunityContext, 'trending' | 'clock' | 'settings' | 'papers' | 'log'>;

export function communityTrendingSource(ctx: TrendingCtx): TrendingSource {
  return {
    async trending(days, limit) {
      const asOf = await ctx.trending.asOf();
      const now = ctx.clock.now().getTime();
      // The worker refreshes every 5 minutes; a CLI run without a worker (or catching up with
      // --now) refreshes here so the scores are as of the digest's time.
      if (!asOf || Math.abs(now - Date.parse(asOf)) > STALE_MS) await refreshTrending(ctx);
      const span = (Date.parse(days.to) - Date.parse(days.from)) / DAY_MS + 1;
      const period: TrendingPeriod = span <= 1 ? 'day' : span <= 3 ? 'week' : 'window';
      const list = await getTrending(ctx, { limit, period });
      // The community list is ordered by score; its rank stands in for the score here.
      return list.papers.map((p, i) => ({
        paperId: p.id,
        score: list.papers.length - i,
        addedAt: p.provenance.fetchedAt,
      }));
    },
  };
}
