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
  // Lower case: PostgreSQL folds an unquoted name, and the URL must name the same database.
  const base = `paperboy_${name.replace(/\W+/g, '_')}`;
  const db = (keep ? `${base}_kept` : `${base}_${process.pid}`).toLowerCase();
  if (keep) {
    const url = new URL(BENCH_ADMIN_URL);
    url.pathname = `/${db}`;
    if (!(await exists(db))) await admin(`CREATE DATABASE ${db}`);
    return { url: url.toString(), drop: async () => {} };
  }
  await admin(`DROP DATABASE IF EXISTS ${db}`);
  await admin(`CREATE DATABASE ${db}`);
  const url = new URL(BENCH_ADMIN_URL);
  url.pathname = `/${db}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${db}`) };
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
