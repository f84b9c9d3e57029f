/**
 * Ports of the store as a whole, whichever engine holds it: its upkeep (statistics, index
 * builds, the engine's own housekeeping) and its health (what `paperboy doctor` and /healthz
 * report). Each engine implements them in its adapters.
 */
import type { ProgressFactory } from '../progress.ts';

/** One line of `paperboy doctor`: what was checked, whether it is fine, and the detail or fix. */
export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

/** Keeping the store fast: statistics and index builds (the `store:optimize` job). */
export interface StoreUpkeep {
  /** Brings the search's statistics, indexes and the planner's statistics up to date. */
  optimize(progress?: ProgressFactory): Promise<void>;
  /** Whether `optimize` has work at `now` (never run, a day old, or indexes lagging). */
  optimizeDue(now: Date): Promise<boolean>;
  /**
   * Holds the engine's own background housekeeping while latency-sensitive work runs (a mail
   * delivery's commit point); returns the function that resumes it.
   */
  holdHousekeeping(): Promise<() => Promise<void>>;
}

/** What the store says about itself. */
export interface StoreHealth {
  /** Engine, server and extension versions, migrations, engine features; never throws. */
  checks(): Promise<Check[]>;
  /** True when the store answers a trivial query (for /healthz). */
  ping(): Promise<boolean>;
}
