/**
 * Test stores: each test gets its own temp data directory with a migrated SQLite store, wired
 * through the real container (real SQLite, no mocks).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Config, loadConfig } from '../src/config.ts';
import { type Container, createContainer } from '../src/container.ts';
import { type Clock, fixedClock } from '../src/core/clock.ts';
import type { Embedder } from '../src/core/embeddings/ports.ts';
import { createMemoryLogger } from '../src/log.ts';

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

/** A container over a fresh migrated store in a temp dir. */
export async function createTestContainer(
  options: { env?: Record<string, string>; clock?: Clock; embedder?: Embedder | null } = {},
): Promise<TestContainer> {
  const dir = tempDir();
  const logs = createMemoryLogger();
  const container = await createContainer(testConfig(dir.path, options.env), {
    log: logs,
    clock: options.clock ?? fixedClock('2026-08-22T12:00:00Z'),
    ...(options.embedder !== undefined ? { embedder: options.embedder } : {}),
  });
  return Object.assign(container, {
    dataDir: dir.path,
    logs,
    async dispose() {
      await container.close();
      dir.remove();
    },
  });
}
