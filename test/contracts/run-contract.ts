/**
 * Runs a port's contract suite once per engine (SQLite, and PostgreSQL when a server answers —
 * see test/engines.ts), the way Kysely loops over its DIALECTS: each suite is a function of how
 * to make a store on one engine, and registers its tests under `<Port> on <engine>`.
 */
import { describe } from 'node:test';
import type { Clock } from '../../src/core/clock.ts';
import type { Embedder } from '../../src/core/embeddings/ports.ts';
import { createTestContainer, type TestContainer } from '../db.ts';
import { type EngineName, engines } from '../engines.ts';

export interface ContractTarget {
  engine: EngineName;
  /** A container over a fresh, migrated, empty store on this engine. */
  make(options?: {
    clock?: Clock;
    embedder?: Embedder | null;
    env?: Record<string, string>;
  }): Promise<TestContainer>;
}

export type Contract = (target: ContractTarget) => void;

/**
 * Registers `contract` once per engine; PostgreSQL's run is skipped (or fails) without a server.
 * The engines' runs go side by side (PostgreSQL's time is mostly the server's).
 */
export async function runContract(port: string, contract: Contract): Promise<void> {
  const targets = await engines();
  describe(port, { concurrency: targets.length }, () => {
    for (const { name, skip } of targets) {
      describe(`${port} on ${name}`, { skip, concurrency: 1 }, () =>
        contract({
          engine: name,
          make: (options = {}) => createTestContainer({ ...options, engine: name }),
        }),
      );
    }
  });
}

/** Runs `fn` once per item, all at once (to race them), and returns the results in order. */
export function race<T, R>(
  items: readonly T[],
  fn: (item: T, i: number) => Promise<R>,
): Promise<R[]> {
  return Promise.all(items.map((item, i) => fn(item, i)));
}
