/**
 * Opening the embedded store: one SQLite file (WAL mode) behind Kysely.
 * The raw better-sqlite3 handle is exposed for adapters that need SQLite-only features (FTS5).
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { type DialectAdapter, Kysely, SqliteAdapter, SqliteDialect } from 'kysely';
import { createError } from '../../core/errors.ts';
import type { Database } from './schema.ts';

/** An open store: the Kysely handle plus what adapters need to know about the engine. */
export interface Store {
  db: Kysely<Database>;
  dialect: 'sqlite';
  /** The underlying better-sqlite3 connection (same one Kysely uses). */
  sqlite: SqliteDatabase.Database;
  /** File path, or ':memory:'. */
  path: string;
  close(): Promise<void>;
}

/**
 * Opens (creating if needed) the SQLite store at `path`, in WAL mode with foreign keys on.
 * Throws `store_unavailable` with the path and the reason when the file cannot be opened.
 */
export function openSqliteStore(path: string): Store {
  let sqlite: SqliteDatabase.Database;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    sqlite = new SqliteDatabase(path);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // Up to 32 MiB of pages per connection (SQLite's default is 2 MiB): the search path reads
    // hot index pages (docids, ranking signals, impact segments) at 1M papers; measured in
    // docs/DESIGN.md (keyword p50 −1 ms at 1M). Memory is taken only as pages are read.
    sqlite.pragma('cache_size = -32768');
  } catch (cause) {
    const why = cause instanceof Error ? cause.message : String(cause);
    throw createError('store_unavailable', `cannot open SQLite file ${path}: ${why}`, { cause });
  }
  const db = new Kysely<Database>({
    dialect: new TransactionalSqliteDialect({ database: sqlite }),
  });
  let closed = false;
  return {
    db,
    dialect: 'sqlite',
    sqlite,
    path,
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy(); // closes the better-sqlite3 connection too
    },
  };
}

/**
 * SQLite runs DDL inside transactions, but Kysely's SqliteAdapter says it cannot, so its migrator
 * would apply migrations unprotected: a crash mid-migration would leave a half-built schema that
 * every later start trips over. Declaring transactional DDL makes a migration run all or nothing.
 */
class TransactionalSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class TransactionalSqliteDialect extends SqliteDialect {
  override createAdapter(): DialectAdapter {
    return new TransactionalSqliteAdapter();
  }
}
