/**
 * Test stores: each test gets its own temp data directory with a migrated SQLite store, wired
 * through the real container (real SQLite, no mocks).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type SqliteDatabase from 'better-sqlite3';
import { openStore, type SqliteStore, type Store } from '../src/adapters/db/connect.ts';
import { type Config, loadConfig } from '../src/config.ts';
import { type Container, createContainer, storeLocation } from '../src/container.ts';
import { type Clock, fixedClock } from '../src/core/clock.ts';
import { embedPending } from '../src/core/embeddings/embed-papers.ts';
import type { Embedder } from '../src/core/embeddings/ports.ts';
import type { Paper } from '../src/core/papers/model.ts';
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
  /** The engine the store is on. */
  engine: EngineName;
  /**
   * Another container on the same store, as a second process opens it: its own SQLite
   * connection or PostgreSQL pool (closed by `dispose`).
   */
  openAgain(options?: { clock?: Clock; embedder?: Embedder | null }): Promise<Container>;
  /**
   * The store itself, opened again (a second connection or pool), for adapters the container
   * does not expose and for a test's own checks; closed by `dispose`.
   */
  openStore(): Promise<Store>;
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
  const open = (
    extra: { clock?: Clock; embedder?: Embedder | null; migrate?: boolean } = options,
  ) =>
    createContainer(testConfig(dir.path, env), {
      log: logs,
      clock: extra.clock ?? fixedClock('2026-08-22T12:00:00Z'),
      ...(extra.embedder !== undefined ? { embedder: extra.embedder } : {}),
      ...(extra.migrate === false ? { migrate: false } : {}),
    });
  const container = await open();
  const others: { close(): Promise<void> }[] = [];
  return Object.assign(container, {
    dataDir: dir.path,
    logs,
    engine: engine ?? 'sqlite',
    async openAgain(extra: { clock?: Clock; embedder?: Embedder | null } = {}) {
      const other = await open({
        clock: extra.clock ?? options.clock,
        embedder: extra.embedder !== undefined ? extra.embedder : options.embedder,
        migrate: false,
      });
      others.push(other);
      return other;
    },
    async openStore() {
      const store = await openStore(storeLocation(container.config));
      others.push(store);
      return store;
    },
    async dispose() {
      for (const other of others) await other.close();
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
/** Stores `papers` in `c` and embeds them with `embedder` (the container's vector index). */
export async function storeEmbedded(
  c: Container,
  papers: Paper[],
  embedder: Embedder,
): Promise<void> {
  await c.papers.upsertMany(papers);
  await c.embeddingQueue.enqueue(papers.map((p) => p.id));
  await embedPending({
    queue: c.embeddingQueue,
    papers: c.papers,
    embedder,
    vectors: c.search.vectors as NonNullable<typeof c.search.vectors>,
    log: c.log,
  });
}

export function rawSqlite(store: SqliteStore): Promise<SqliteDatabase.Database> {
  return store.gate.run((db) => db);
}
