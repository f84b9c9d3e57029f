/**
 * Daily store upkeep: refresh the search's term statistics (document frequencies, see
 * SqliteSearchIndex.refreshTermStats), rebuild the impact-ordered keyword index
 * (SqliteImpactIndex) and the query planner's statistics, and checkpoint the write-ahead log.
 */
import type { Container } from '../../../container.ts';
import type { Job } from '../../../core/jobs/model.ts';
import { createProgressFactory } from '../../cli/progress.ts';

const DAY = 24 * 60 * 60_000;

export function optimizeStoreJob(container: Container): Job {
  return {
    name: 'store:optimize',
    everyMs: DAY,
    async run({ log }) {
      const started = Date.now();
      await container.optimizeStore(
        createProgressFactory(log, { isTTY: false } as NodeJS.WriteStream),
      );
      log.info('store optimized', { ms: Date.now() - started });
      return undefined;
    },
  };
}
