/**
 * The PostgreSQL store: a `pg` pool behind Kysely's PostgreSQL dialect. Counts and sums (int8,
 * numeric) come back as JavaScript numbers, as they do from SQLite, so repos read both alike.
 */
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { createError } from '../../../core/errors.ts';
import { NulGuardPlugin } from '../nul-guard-plugin.ts';
import type { Database } from '../schema.ts';

export interface PostgresStore {
  engine: 'postgres';
  db: Kysely<Database>;
  /** The server and database, without credentials (for messages). */
  label: string;
  close(): Promise<void>;
}

const INT8 = 20;
const NUMERIC = 1700;

/** Type parsers of this pool only (pg's defaults are process-global). */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8 || oid === NUMERIC) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
} as unknown as pg.CustomTypesConfig;

export interface PostgresStoreOptions {
  /** Most connections this process opens (default 10). */
  poolSize?: number;
}

/**
 * Connects to the PostgreSQL database at `url` and checks that it answers. Throws
 * `store_unavailable` naming the server (never the password) and the reason when it cannot.
 */
export async function openPostgresStore(
  url: string,
  options: PostgresStoreOptions = {},
): Promise<PostgresStore> {
  const label = redactUrl(url);
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    types,
    application_name: 'paperboy',
  });
  // An idle client whose server connection drops emits 'error'; without a listener the process
  // would crash. The next query reconnects.
  pool.on('error', () => {});
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    plugins: [new NulGuardPlugin()],
  });
  try {
    await sql`select 1`.execute(db);
  } catch (cause) {
    await db.destroy().catch(() => {});
    const why = cause instanceof Error ? cause.message : String(cause);
    throw createError('store_unavailable', `cannot connect to PostgreSQL ${label}: ${why}`, {
      cause,
    });
  }
  let closed = false;
  return {
    engine: 'postgres',
    db,
    label: `PostgreSQL ${label}`,
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
    },
  };
}

/** `postgres://user:secret@host/db` → `postgres://user:***@host/db`. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(an unparseable URL)';
  }
}
