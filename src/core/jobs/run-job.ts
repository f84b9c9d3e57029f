/**
 * Running one claimed job: keep its lease alive while it works, then record success (next run after
 * its interval, or when it asked) or failure (exponential backoff) and release the lease.
 */
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import { backoffMs, type Job } from './model.ts';
import type { JobScheduleRepo } from './ports.ts';

export const DEFAULT_LEASE_MS = 10 * 60_000;

export interface RunJobInput {
  job: Job;
  repo: JobScheduleRepo;
  clock: Clock;
  log: Logger;
  owner: string;
  signal: AbortSignal;
}

/**
 * Claims `job` if it is due and runs it. Returns 'skipped' when it was not due or another worker
 * holds it, 'ok' or 'failed' otherwise. Never throws for job failures.
 */
export async function runJobIfDue(input: RunJobInput): Promise<'skipped' | 'ok' | 'failed'> {
  const { job, repo, clock, owner } = input;
  const leaseMs = job.leaseMs ?? DEFAULT_LEASE_MS;
  const startedAt = clock.now();
  if (!(await repo.claim(job.name, owner, startedAt, new Date(startedAt.getTime() + leaseMs)))) {
    return 'skipped';
  }
  const log = input.log.child({ job: job.name });
  log.info('job started');
  const heartbeat = setInterval(
    () => {
      repo
        .renew(job.name, owner, new Date(clock.now().getTime() + leaseMs))
        .catch((error: unknown) => {
          log.warn('job lease renewal failed', { error });
        });
    },
    Math.max(1000, leaseMs / 3),
  );
  heartbeat.unref();
  try {
    const result = await job.run({ signal: input.signal, log });
    const next = result?.nextRunAt ?? new Date(startedAt.getTime() + job.everyMs);
    // Logged before the lease is released, so another worker's 'job started' always comes after.
    log.info('job finished', {
      ms: clock.now().getTime() - startedAt.getTime(),
      next_run_at: next.toISOString(),
    });
    await repo.succeed(job.name, owner, clock.now(), next);
    return 'ok';
  } catch (error) {
    const schedule = await repo.get(job.name);
    const errors = (schedule?.errorCount ?? 0) + 1;
    const retryAt =
      retryAfterOf(error, clock.now()) ??
      new Date(clock.now().getTime() + backoffMs(errors, job.everyMs));
    const message = error instanceof Error ? error.message : String(error);
    log.warn('job failed', { error, error_count: errors, retry_at: retryAt.toISOString() });
    await repo.fail(job.name, owner, message, retryAt);
    return 'failed';
  } finally {
    clearInterval(heartbeat);
  }
}

/** An error may carry `details.retryAfterSeconds` (e.g. HTTP 503 Retry-After) to set the retry time. */
function retryAfterOf(error: unknown, now: Date): Date | null {
  const details = (error as { details?: { retryAfterSeconds?: unknown } } | null)?.details;
  const seconds = details?.retryAfterSeconds;
  return typeof seconds === 'number' && seconds > 0
    ? new Date(now.getTime() + seconds * 1000)
    : null;
}
