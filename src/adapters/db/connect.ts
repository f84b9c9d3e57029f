/**
 * Opening the store: one SQLite file (WAL mode, the embedded default) or a PostgreSQL database
 * (DATABASE_URL), both behind Kysely. Adapters that need an engine's own features get what that
 * engine offers through the Store: SQLite's connection only through its gate (one way in per
 * process), PostgreSQL's pool only through Kysely.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely } from 'kysely';
import { createError } from '../../core/errors.ts';
import { NulGuardPlugin } from './nul-guard-plugin.ts';
import { openPostgresStore, type PostgresStore } from './postgres/postgres-store.ts';
import type { Database } from './schema.ts';
import { GatedSqliteDialect } from './sqlite/gated-sqlite-dialect.ts';
import { SqliteGate, type SqliteGateOptions } from './sqlite/sqlite-gate.ts';

export type { PostgresStore };

/** The embedded store: Kysely and every other caller share one connection through the gate. */
export interface SqliteStore {
  engine: 'sqlite';
  db: Kysely<Database>;
  gate: SqliteGate;
  /** File path, or ':memory:'. */
  path: string;
  /** Where the store is, for messages. */
  label: string;
  close(): Promise<void>;
}

export type Store = SqliteStore | PostgresStore;

/** Where a store lives: a SQLite file, or a PostgreSQL URL (with its pool size). */
export type StoreLocation =
  | { engine: 'sqlite'; path: string }
  | { engine: 'postgres'; url: string; poolSize?: number };

/** Opens the store at `location`; throws `store_unavailable` saying where and why when it cannot. */
export async function openStore(location: StoreLocation): Promise<Store> {
  if (location.engine === 'sqlite') return openSqliteStore(location.path);
  return openPostgresStore(location.url, { poolSize: location.poolSize });
}

/**
 * Opens (creating if needed) the SQLite store at `path`, in WAL mode with foreign keys on.
 * Throws `store_unavailable` with the path and the reason when the file cannot be opened.
 */
export function openSqliteStore(path: string, options: SqliteGateOptions = {}): SqliteStore {
  let sqlite: SqliteDatabase.Database;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    sqlite = new SqliteDatabase(path);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    // Short: a writer that finds the lock taken waits through the gate's retries, which leave the
    // event loop free, instead of inside SQLite's busy handler, which blocks it.
    sqlite.pragma('busy_timeout = 20');
    // Up to 32 MiB of pages per connection (SQLite's default is 2 MiB): the search path reads
    // hot index pages (docids, ranking signals, impact segments) at 1M papers; measured in
    // docs/benchmarks/search-speed.md (keyword p50 −1 ms at 1M). Memory is taken only as pages are read.
    sqlite.pragma('cache_size = -32768');
  } catch (cause) {
    const why = cause instanceof Error ? cause.message : String(cause);
    throw createError('store_unavailable', `cannot open SQLite file ${path}: ${why}`, { cause });
  }
  const gate = new SqliteGate(sqlite, options);
  const db = new Kysely<Database>({
    dialect: new GatedSqliteDialect(sqlite, gate),
    plugins: [new NulGuardPlugin()],
  });
  let closed = false;
  return {
    engine: 'sqlite',
    db,
    gate,
    path,
    label: `SQLite ${path}`,
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy(); // closes the better-sqlite3 connection too
    },
  };
}
