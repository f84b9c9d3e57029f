/**
 * The composition root: the only module that picks adapters. It turns a Config into the set of
 * ports the interfaces (HTTP, CLI, worker) use, and closes them again.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openSqliteStore, type Store } from './adapters/db/connect.ts';
import { KyselyPaperRepo } from './adapters/db/kysely-paper-repo.ts';
import { type MigrationReport, migrateToLatest } from './adapters/db/migrate.ts';
import { type Check, checkStore, pingStore } from './adapters/db/store-checks.ts';
import { readPaperJsonl } from './adapters/files/paper-jsonl-reader.ts';
import type { Config } from './config.ts';
import { type Clock, systemClock } from './core/clock.ts';
import { createError } from './core/errors.ts';
import type { Logger } from './core/logger.ts';
import type { ParsedRecord } from './core/papers/import-papers.ts';
import type { PaperRepo } from './core/papers/ports.ts';
import { seedDemo } from './core/papers/seed-demo.ts';

export type { Check };

/** The bundled demo corpus (see scripts/build-demo-corpus.ts). */
export const DEMO_CORPUS_PATH = fileURLToPath(
  new URL('../assets/demo-corpus.jsonl.gz', import.meta.url),
);

export interface Container {
  config: Config;
  log: Logger;
  clock: Clock;
  papers: PaperRepo;
  /** Applies pending migrations. */
  migrate(): Promise<MigrationReport>;
  /** Loads the demo corpus when the store is empty and the config allows it. */
  seedDemo(): Promise<void>;
  /** Streams a paper JSONL(.gz) file as parsed records. */
  readPaperFile(path: string): AsyncIterable<ParsedRecord>;
  /** Everything `paperboy doctor` checks beyond the config. */
  checks(): Promise<Check[]>;
  /** True when the store answers (for /healthz). */
  healthy(): Promise<boolean>;
  close(): Promise<void>;
}

export interface ContainerOptions {
  log: Logger;
  clock?: Clock;
  /** Run pending migrations while opening (serve, import). Default true. */
  migrate?: boolean;
}

/** Opens the store and wires every port. Throws AppError when the store cannot be used. */
export async function createContainer(
  config: Config,
  options: ContainerOptions,
): Promise<Container> {
  const { log } = options;
  const clock = options.clock ?? systemClock;
  const store: Store = openSqliteStore(config.databasePath);
  const migrate = async () => {
    const report = await migrateToLatest(store.db);
    for (const name of report.applied) log.info('migration applied', { migration: name });
    return report;
  };
  if (options.migrate !== false) {
    const report = await migrate();
    if (report.error) {
      await store.close();
      throw createError('store_unavailable', report.error.message, { cause: report.error });
    }
  }
  const papers = new KyselyPaperRepo(store.db, clock);
  return {
    config,
    log,
    clock,
    papers,
    migrate,
    async seedDemo() {
      if (!config.demo) return;
      await seedDemo({ repo: papers, log, readCorpus: () => readPaperJsonl(DEMO_CORPUS_PATH) });
    },
    readPaperFile: (path) => readPaperJsonl(path),
    async checks() {
      const demo: Check = existsSync(DEMO_CORPUS_PATH)
        ? { name: 'demo corpus', ok: true, detail: DEMO_CORPUS_PATH }
        : {
            name: 'demo corpus',
            ok: false,
            detail: `missing: ${DEMO_CORPUS_PATH} (run npm run demo:build)`,
          };
      return [...(await checkStore(store)), demo];
    },
    healthy: () => pingStore(store),
    close: () => store.close(),
  };
}
