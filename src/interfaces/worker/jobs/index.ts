/**
 * The background jobs this instance runs, built from the container. Each job lives in its own file
 * in this folder and declares its schedule; add it to the list below.
 */
import type { Container } from '../../../container.ts';
import type { Job } from '../../../core/jobs/model.ts';
import { embedPapersJob } from './embed-papers.ts';
import { harvestJobs } from './harvest-sources.ts';
import { optimizeStoreJob } from './optimize-store.ts';
import { purgeSessionsJob } from './purge-sessions.ts';
import { retrainModelJob } from './retrain-model.ts';
import { sendDigestsJob } from './send-digests.ts';
import { trendingRefreshJob } from './trending-refresh.ts';

/** Every job, in no particular order (they run concurrently). */
export function buildJobs(container: Container): Job[] {
  return [
    optimizeStoreJob(container),
    trendingRefreshJob(container),
    purgeSessionsJob(container),
    ...harvestJobs(container),
    embedPapersJob(container),
    sendDigestsJob(container),
    retrainModelJob(container),
  ].filter((job): job is Job => job !== null);
}
