/**
 * The worker loop: every few seconds, start each registered job that is due and not already
 * running here. Jobs run concurrently with each other; a job never overlaps itself, in this
 * process or any other (the schedule row's lease decides). `stop()` aborts and waits for them.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Clock } from '../../core/clock.ts';
import type { Job } from '../../core/jobs/model.ts';
import type { JobScheduleRepo } from '../../core/jobs/ports.ts';
import { runJobIfDue } from '../../core/jobs/run-job.ts';
import type { Logger } from '../../core/logger.ts';

export interface WorkerOptions {
  jobs: Job[];
  schedules: JobScheduleRepo;
  clock: Clock;
  log: Logger;
  /** How often to look for due jobs, ms (default 5 s). */
  tickMs?: number;
  /** Told of every run that happened (metrics). */
  onRun?: (job: string, outcome: 'ok' | 'failed') => void;
  /**
   * Keep the process alive while the loop ticks (`paperboy worker`, where nothing else may: on
   * SQLite there is no server or pool holding the event loop open). Off inside `serve`.
   */
  holdsProcess?: boolean;
}

export interface RunningWorker {
  /** Unique id of this worker, stored as the lease owner. */
  id: string;
  /** Looks for due jobs now and resolves when the ones it started have finished (tests, CLI). */
  runOnce(): Promise<void>;
  /** Stops ticking, aborts running jobs and waits for them to finish. */
  stop(): Promise<void>;
}

/** Registers the jobs' schedules and starts ticking. */
export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  const { jobs, schedules, clock } = options;
  const id = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const log = options.log.child({ component: 'worker', worker: id });
  const controller = new AbortController();
  const running = new Map<string, Promise<unknown>>();
  await schedules.register(
    jobs.map((j) => j.name),
    clock.now(),
  );

  const tick = (): Promise<unknown>[] => {
    const started: Promise<unknown>[] = [];
    for (const job of jobs) {
      if (controller.signal.aborted || running.has(job.name)) continue;
      const run = runJobIfDue({
        job,
        repo: schedules,
        clock,
        log,
        owner: id,
        signal: controller.signal,
      })
        .then((outcome) => {
          if (outcome !== 'skipped') options.onRun?.(job.name, outcome);
        })
        .catch((error: unknown) =>
          log.error('job could not be scheduled', { job: job.name, error }),
        )
        .finally(() => running.delete(job.name));
      running.set(job.name, run);
      started.push(run);
    }
    return started;
  };

  const timer = setInterval(tick, options.tickMs ?? 5000);
  if (!options.holdsProcess) timer.unref();
  log.info('worker started', { jobs: jobs.map((j) => j.name) });
  return {
    id,
    async runOnce() {
      await Promise.all(tick());
    },
    async stop() {
      clearInterval(timer);
      controller.abort();
      await Promise.allSettled(running.values());
      log.info('worker stopped');
    },
  };
}
