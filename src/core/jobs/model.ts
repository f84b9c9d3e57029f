/**
 * Background jobs: harvesting sources, embedding, sending digests, retraining. Each job runs on an
 * interval; its schedule lives in a database row so several worker processes share it safely.
 */
import type { Logger } from '../logger.ts';

export interface JobContext {
  /** Aborted when the worker stops; long jobs should check it between batches. */
  signal: AbortSignal;
  log: Logger;
}

/** What a run may ask of the scheduler. */
export interface JobResult {
  /** Run again at this time instead of after `everyMs` (e.g. a source's Retry-After). */
  nextRunAt?: Date;
}

export interface Job {
  /** Unique, stable name; also the schedule row key, e.g. `harvest:arxiv-oai:cs`. */
  name: string;
  /** Time between the start of one successful run and the next, in ms. */
  everyMs: number;
  /**
   * How long a run holds its lease before another worker may assume it died (ms, default 10 min).
   * The worker renews the lease while the job runs, so this only matters after a crash.
   */
  leaseMs?: number;
  /** Does the work. Throw to record a failure (the job backs off); an AppError message is stored. */
  run(context: JobContext): Promise<JobResult | undefined>;
}

/** The stored schedule of one job. */
export interface JobSchedule {
  name: string;
  /** ISO instant the job is next due. */
  nextRunAt: string;
  lastStartedAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  /** Consecutive failures; reset to 0 on success. */
  errorCount: number;
  /** Worker currently running it, if any. */
  leaseOwner: string | null;
  leaseUntil: string | null;
}

const MINUTE = 60_000;
const MAX_BACKOFF = 6 * 60 * MINUTE;

/**
 * Delay before retrying after `errorCount` consecutive failures: 1, 2, 4, 8 … minutes, capped at
 * 6 hours and never later than the job's normal interval would be.
 */
export function backoffMs(errorCount: number, everyMs: number): number {
  const exponential = MINUTE * 2 ** Math.max(0, errorCount - 1);
  return Math.min(exponential, MAX_BACKOFF, Math.max(everyMs, MINUTE));
}
