/**
 * The two engines for contract suites: SQLite always; PostgreSQL when a server answers at
 * TEST_DATABASE_URL (default: the one scripts/postgres/start-test-server.sh starts). Without one
 * the PostgreSQL runs skip with one clear message; PAPERBOY_REQUIRE_POSTGRES=1 (CI) makes that a
 * failure. Each PostgreSQL test store is a fresh database copied from a migrated template
 * (CREATE DATABASE … TEMPLATE), made once per schema.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { migrateToLatest } from '../src/adapters/db/migrate.ts';
import { openPostgresStore } from '../src/adapters/db/postgres/postgres-store.ts';

export type EngineName = 'sqlite' | 'postgres';

const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:55432/postgres';
const MIGRATIONS = join(import.meta.dirname, '../src/adapters/db/migrations');

/** Why PostgreSQL runs are skipped here, or null when a server answers. Asked once per process. */
let availability: Promise<string | null> | null = null;

export function postgresUnavailable(): Promise<string | null> {
  availability ??= (async () => {
    const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query('select 1');
      return null;
    } catch (error) {
      const why = `no PostgreSQL at ${redacted(ADMIN_URL)} (${error instanceof Error ? error.message : String(error)}); start one with scripts/postgres/start-test-server.sh or set TEST_DATABASE_URL`;
      if (process.env.PAPERBOY_REQUIRE_POSTGRES === '1') {
        throw new Error(`PAPERBOY_REQUIRE_POSTGRES=1 but ${why}`);
      }
      return why;
    } finally {
      await client.end().catch(() => {});
    }
  })();
  return availability;
}

/**
 * The engines to run a contract suite on, each with a reason to skip (PostgreSQL without a
 * server). Use as: `for (const e of await engines()) test(name, { skip: e.skip }, …)`.
 */
export async function engines(): Promise<{ name: EngineName; skip: string | false }[]> {
  const why = await postgresUnavailable();
  return [
    { name: 'sqlite', skip: false },
    { name: 'postgres', skip: why ?? false },
  ];
}

let template: Promise<string> | null = null;
let counter = 0;

/**
 * A new, migrated, empty PostgreSQL database for one test; returns its URL and a function that
 * drops it.
 */
export async function freshPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  template ??= migratedTemplate();
  return copyOf(await template);
}

/** A new, empty PostgreSQL database (no migrations run) for one test, and how to drop it. */
export function emptyPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  return copyOf('template0');
}

async function copyOf(source: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `pb_test_${process.pid}_${++counter}_${Date.now().toString(36)}`;
  await admin(async (client) => {
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE ${name} TEMPLATE ${source}`);
        return;
      } catch (error) {
        // Another test process may be copying the same template this instant.
        if (attempt >= 20 || !/being accessed by other users/.test(String(error))) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
      }
    }
  });
  return {
    url: databaseUrl(name),
    drop: async () => {
      await admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** The template for this schema (named by a hash of the migrations), migrated once. */
async function migratedTemplate(): Promise<string> {
  const hash = createHash('sha256');
  for (const file of readdirSync(MIGRATIONS).sort()) {
    hash.update(file).update(readFileSync(join(MIGRATIONS, file)));
  }
  const name = `pb_tpl_${hash.digest('hex').slice(0, 16)}`;
  await admin(async (client) => {
    // One test process builds the template; the others wait for it (an advisory lock).
    await client.query('SELECT pg_advisory_lock(7411)');
    try {
      const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (exists.rowCount) return;
      const building = `${name}_building`;
      await client.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
      await client.query(`CREATE DATABASE ${building} TEMPLATE template0`);
      const store = await openPostgresStore(databaseUrl(building), { poolSize: 1 });
      try {
        const report = await migrateToLatest(store.db);
        if (report.error) throw report.error;
      } finally {
        await store.close();
      }
      await client.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
    } finally {
      await client.query('SELECT pg_advisory_unlock(7411)');
    }
  });
  return name;
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function databaseUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

function redacted(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}
