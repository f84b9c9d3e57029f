/**
 * Storage of job schedules. Claims are atomic compare-and-set updates on the row, so two workers
 * (or two processes) never run the same job at once.
 */
import type { JobSchedule } from './model.ts';

export interface JobScheduleRepo {
  /** Adds a row, due at `firstRunAt`, for each name that has none. Existing rows are kept. */
  register(names: string[], firstRunAt: Date): Promise<void>;
  /** Takes the lease on `name` when it is due at `now` and not leased; true when taken. */
  claim(name: string, owner: string, now: Date, leaseUntil: Date): Promise<boolean>;
  /** Extends a lease this owner holds; false when the owner lost it. */
  renew(name: string, owner: string, leaseUntil: Date): Promise<boolean>;
  /** Records a successful run and releases the lease. */
  succeed(name: string, owner: string, now: Date, nextRunAt: Date): Promise<void>;
  /** Records a failure (error_count + 1) and releases the lease. */
  fail(name: string, owner: string, error: string, nextRunAt: Date): Promise<void>;
  /** Makes a job due at `now` (e.g. `paperboy sources --run`). */
  trigger(name: string, now: Date): Promise<void>;
  /** Every schedule, by name. */
  list(): Promise<JobSchedule[]>;
  get(name: string): Promise<JobSchedule | null>;
}
