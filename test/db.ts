/**
 * Test stores: each test gets its own temp data directory with a migrated SQLite store, wired
 * through the real container (real SQLite, no mocks).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type SqliteDatabase from 'better-sqlite3';
import type { SqliteStore } from '../src/adapters/db/connect.ts';
import { type Config, loadConfig } from '../src/config.ts';
import { type Container, createContainer } from '../src/container.ts';
import { type Clock, fixedClock } from '../src/core/clock.ts';
import type { Embedder } from '../src/core/embeddings/ports.ts';
import { createMemoryLogger } from '../src/log.ts';
import { type EngineName, freshPostgresDatabase } from './engines.ts';

/** A fresh temp directory; removed by the returned cleanup. */
export function tempDir(prefix = 'paperboy-test-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** A valid config pointing at `dataDir`, with overrides given as env vars. */
export function testConfig(dataDir: string, env: Record<string, string> = {}): Config {
  const result = loadConfig({
    PAPERBOY_DATA_DIR: dataDir,
    PAPERBOY_DEMO: 'false',
    PAPERBOY_EMBEDDER: 'none',
    PORT: '0',
    // In-process requests all come from one "IP": tests about other things sign in many readers.
    PAPERBOY_MAIL_PER_IP_HOUR: '1000',
    ...env,
  });
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.config;
}

export interface TestContainer extends Container {
  dataDir: string;
  logs: ReturnType<typeof createMemoryLogger>;
  /** Closes the container and deletes its data directory. */
  dispose(): Promise<void>;
}

/**
 * A container over a fresh migrated store in a temp dir: SQLite, or a fresh PostgreSQL database
 * with `engine: 'postgres'` (default: PAPERBOY_TEST_ENGINE, else SQLite).
 */
export async function createTestContainer(
  options: {
    env?: Record<string, string>;
    clock?: Clock;
    embedder?: Embedder | null;
    engine?: EngineName;
  } = {},
): Promise<TestContainer> {
  const dir = tempDir();
  const logs = createMemoryLogger();
  const engine = options.engine ?? (process.env.PAPERBOY_TEST_ENGINE as EngineName | undefined);
  const database = engine === 'postgres' ? await freshPostgresDatabase() : null;
  const env = { ...options.env, ...(database ? { DATABASE_URL: database.url } : {}) };
  const container = await createContainer(testConfig(dir.path, env), {
    log: logs,
    clock: options.clock ?? fixedClock('2026-08-22T12:00:00Z'),
    ...(options.embedder !== undefined ? { embedder: options.embedder } : {}),
  });
  return Object.assign(container, {
    dataDir: dir.path,
    logs,
    async dispose() {
      await container.close();
      await database?.drop();
      dir.remove();
    },
  });
}

/**
 * The embedded store's connection, for a test's own assertions and setup only: tests run one
 * thing at a time, so using it outside the gate's turns is safe there (never in product code).
 */
export function rawSqlite(store: SqliteStore): Promise<SqliteDatabase.Database> {
  return store.gate.run((db) => db);
}
