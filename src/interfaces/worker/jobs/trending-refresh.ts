/**
 * Recomputes trending scores inside the window every five minutes (docs/DESIGN.md, Trending).
 */
import type { Container } from '../../../container.ts';
import { refreshTrending } from '../../../core/community/trending.ts';
import type { Job } from '../../../core/jobs/model.ts';

/** What this file takes from the container. */
type Uses = Pick<Container, 'community'>;

export function trendingRefreshJob(container: Uses): Job {
  return {
    name: 'trending:refresh',
    everyMs: 5 * 60_000,
    async run({ log }) {
      const started = Date.now();
      const { scored, retired } = await refreshTrending(container.community);
      log.info('trending refreshed', { scored, retired, ms: Date.now() - started });
      return undefined;
    },
  };
}
