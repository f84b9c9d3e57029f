/**
 * The one way into a process's SQLite connection. Kysely and the adapters that need SQLite's own
 * features (FTS5, prepared statements on the search path, vector rows) all take turns through
 * this gate, so a statement can never land inside another caller's open transaction and roll
 * back with it. Write transactions take the write lock up front (BEGIN IMMEDIATE) and wait their
 * turn behind other processes' writers instead of failing with "database is locked".
 */
import type Database from 'better-sqlite3';
import { createError } from '../../../core/errors.ts';
import { type Prepare, statementCache } from './statement-cache.ts';

/** How long a writer keeps retrying a lock another process holds before giving up, ms. */
const DEFAULT_LOCK_WAIT_MS = 120_000;
/** First and longest pause between two attempts to take the write lock, ms. */
const FIRST_BACKOFF_MS = 2;
const MAX_BACKOFF_MS = 100;

export interface SqliteGateOptions {
  /** Give up waiting for another process's write lock after this long (default 120 s). */
  lockWaitMs?: number;
}

export class SqliteGate {
  private held = false;
  private readonly waiting: (() => void)[] = [];
  private readonly lockWaitMs: number;
  private prepared: Prepare | null = null;

  constructor(
    private readonly sqlite: Database.Database,
    options: SqliteGateOptions = {},
  ) {
    this.lockWaitMs = options.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS;
  }

  /**
   * Cached prepared statements of this connection, for adapters on the hot path. Run them only
   * inside this gate's turns (`run`, `write`, `now`).
   */
  statements(): Prepare {
    this.prepared ??= statementCache(this.sqlite);
    return this.prepared;
  }

  /** The connection's file, or '' for an in-memory store (a second reader needs a file). */
  get file(): string {
    return this.sqlite.memory ? '' : this.sqlite.name;
  }

  /** True when nobody holds the connection (so a synchronous statement now is nobody's). */
  get idle(): boolean {
    return !this.held;
  }

  /** Waits for the connection; the returned function hands it on (exactly once). */
  async acquire(): Promise<() => void> {
    if (this.held) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.held = true;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.held = false;
    };
  }

  /**
   * Runs `fn` on the connection when it is this caller's turn: reads, or one write statement.
   * SQLITE_BUSY (another process holds a lock) is retried; it means `fn` changed nothing, which
   * holds for reads and single statements only — several writes belong in `write`.
   */
  async run<T>(fn: (sqlite: Database.Database) => T): Promise<T> {
    const release = await this.acquire();
    try {
      return await this.retryBusy(() => fn(this.sqlite));
    } finally {
      release();
    }
  }

  /**
   * Runs `fn` in a write transaction on this connection: BEGIN IMMEDIATE (waiting for other
   * processes' writers), COMMIT, or ROLLBACK when `fn` throws.
   */
  async write<T>(fn: (sqlite: Database.Database) => T): Promise<T> {
    const release = await this.acquire();
    try {
      await this.retryBusy(() => this.sqlite.exec('BEGIN IMMEDIATE'));
      try {
        const result = fn(this.sqlite);
        this.sqlite.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.sqlite.inTransaction) this.sqlite.exec('ROLLBACK');
        throw error;
      }
    } finally {
      release();
    }
  }

  /**
   * Runs `fn` right now, synchronously, when nobody holds the connection; otherwise waits its
   * turn. For a commit point that must not be separated from the caller's next system call.
   */
  now<T>(fn: (sqlite: Database.Database) => T): T | Promise<T> {
    if (!this.held) {
      try {
        return fn(this.sqlite);
      } catch (error) {
        if (!isBusy(error)) throw error;
      }
    }
    return this.run(fn);
  }

  /**
   * Runs `attempt` until it does not fail with SQLITE_BUSY (another process holds the write
   * lock), pausing between attempts without blocking the event loop. A statement that failed
   * with SQLITE_BUSY changed nothing, so trying again is safe.
   */
  async retryBusy<T>(attempt: () => T): Promise<T> {
    const deadline = Date.now() + this.lockWaitMs;
    let pause = FIRST_BACKOFF_MS;
    for (;;) {
      try {
        return attempt();
      } catch (error) {
        if (!isBusy(error)) throw error;
        if (Date.now() >= deadline) {
          throw createError(
            'store_unavailable',
            `another process has held the store's write lock for over ${Math.round(this.lockWaitMs / 1000)} s; try again when its import or job has finished`,
            { cause: error },
          );
        }
      }
      await new Promise((resolve) => setTimeout(resolve, pause));
      pause = Math.min(pause * 2, MAX_BACKOFF_MS);
    }
  }
}

/** SQLITE_BUSY and its extended codes: another connection holds a lock we need. */
export function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}
