/**
 * A throwaway PostgreSQL database for a benchmark or evaluation run, on the server at
 * PAPERBOY_BENCH_DATABASE_URL, else TEST_DATABASE_URL, else scripts/postgres/start-test-server.sh's.
 */
import pg from 'pg';

export const BENCH_ADMIN_URL =
  process.env.PAPERBOY_BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:55432/postgres';

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: BENCH_ADMIN_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * A new empty database named for `name` and this process; `drop` removes it. With `keep`, the
 * database is named for `name` alone and an existing one is kept (`drop` leaves it), so a bench
 * can query a store built by an earlier run.
 */
export async function freshBenchDatabase(
  name: string,
  keep = false,
): Promise<{ url: string; drop(): Promise<void> }> {
  if (keep) {
    const kept = keptBenchDatabase(name);
    if (!(await exists(kept.db))) await admin(`CREATE DATABASE ${kept.db}`);
    return { url: kept.url, drop: async () => {} };
  }
  const db = databaseName(`paperboy_${name}_${process.pid}`);
  await admin(`DROP DATABASE IF EXISTS ${db}`);
  await admin(`CREATE DATABASE ${db}`);
  return { url: databaseUrl(db), drop: () => admin(`DROP DATABASE IF EXISTS ${db}`) };
}

/** The database a `keep` run of `name` uses (it may not exist yet): its name and URL. */
export function keptBenchDatabase(name: string): { db: string; url: string } {
  const db = databaseName(`paperboy_${name}_kept`);
  return { db, url: databaseUrl(db) };
}

/** Database `db` on the bench server. */
function databaseUrl(db: string): string {
  const url = new URL(BENCH_ADMIN_URL);
  url.pathname = `/${db}`;
  return url.toString();
}

/** Word characters only, lower case: PostgreSQL folds an unquoted name, and URLs must match. */
function databaseName(name: string): string {
  return name.replace(/\W+/g, '_').toLowerCase();
}

async function exists(db: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: BENCH_ADMIN_URL });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [db]);
    return (found.rowCount ?? 0) > 0;
  } finally {
    await client.end();
  }
}
