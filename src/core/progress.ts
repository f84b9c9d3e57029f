/**
 * The progress port for long work (imports, backfills, re-embedding). The CLI shows a bar on a
 * terminal and log lines elsewhere; core only reports counts.
 */

/** One running task's progress. */
export interface Progress {
  /** `n` more items done; `total` updates the expected total when it becomes known. */
  advance(n: number, total?: number): void;
  /** The task ended (successfully or not); prints a final line. */
  done(summary?: string): void;
}

/** Starts tracking a task called `label` with an optional known total. */
export type ProgressFactory = (label: string, total?: number) => Progress;

/** Progress that reports nowhere (tests, quiet runs). */
export const noProgress: ProgressFactory = () => ({ advance() {}, done() {} });
