/**
 * Store upkeep (the engine's StoreUpkeep: search statistics, keyword index builds, the planner's
 * statistics). Daily, and sooner when the keyword index lags behind new or changed papers
 * (checked every 15 minutes, so a large import is searched fast again soon after it ends).
 */
import type { Container } from '../../../container.ts';
import type { Job } from '../../../core/jobs/model.ts';
import { createProgressFactory } from '../../cli/progress.ts';

/** What this file takes from the container. */
type Uses = Pick<Container, 'clock' | 'upkeep'>;

/** How often the job looks whether there is work (a full run is due daily, or on lag). */
const CHECK_EVERY = 15 * 60_000;

export function optimizeStoreJob(container: Uses): Job {
  return {
    name: 'store:optimize',
    everyMs: CHECK_EVERY,
    // A build at 1M papers takes ~3 min; the lease is renewed while it runs.
    async run({ log }) {
      if (!(await container.upkeep.optimizeDue(container.clock.now()))) return undefined;
      const started = Date.now();
      await container.upkeep.optimize(
        createProgressFactory(log, { isTTY: false } as NodeJS.WriteStream),
      );
      log.info('store optimized', { ms: Date.now() - started });
      return undefined;
    },
  };
}
