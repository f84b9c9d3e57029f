/**
 * The adapters that differ by engine, picked for the store that was opened: the search index,
 * the vector index of a model, upkeep, health, and the delivery log's commit point. Everything
 * else runs on Kysely alike on both engines.
 */
import { join } from 'node:path';
import type { Store } from '../adapters/db/connect.ts';
import { KyselyDeliveryOutcomes } from '../adapters/db/kysely-delivery-outcomes.ts';
import { PostgresHealth } from '../adapters/db/postgres/postgres-health.ts';
import { PostgresUpkeep } from '../adapters/db/postgres/postgres-upkeep.ts';
import { SqliteHealth } from '../adapters/db/sqlite/sqlite-health.ts';
import { SqliteStoreBackup } from '../adapters/db/sqlite/sqlite-store-backup.ts';
import {
  type StoreVersion,
  sqliteStoreVersion,
} from '../adapters/db/sqlite/sqlite-store-version.ts';
import { SqliteUpkeep } from '../adapters/db/sqlite/sqlite-upkeep.ts';
import { PgvectorVectorIndex } from '../adapters/search/pgvector-vector-index.ts';
import { PostgresSearchIndex } from '../adapters/search/postgres-search-index.ts';
import { SqliteSearchIndex } from '../adapters/search/sqlite-search-index.ts';
import { UsearchVectorIndex } from '../adapters/search/usearch-vector-index.ts';
import type { Config } from '../config.ts';
import type { Clock } from '../core/clock.ts';
import type { DeliveryOutcomes } from '../core/digests/ports.ts';
import { createError } from '../core/errors.ts';
import type { Logger } from '../core/logger.ts';
import type { StoreBackup } from '../core/ops/ports.ts';
import type { SearchIndex, VectorIndex } from '../core/search/ports.ts';
import type { StoreHealth, StoreUpkeep } from '../core/store/ports.ts';

export interface EngineAdapters {
  searchIndex: SearchIndex;
  /** The vectors of one embedding model. */
  vectorIndex(modelId: string): Promise<VectorIndex>;
  upkeep: StoreUpkeep;
  health: StoreHealth;
  outcomes: DeliveryOutcomes;
  /** `paperboy backup` / `restore`. */
  backup: StoreBackup;
  /** Moves with every committed write (the page cache's validity), or null. */
  version: StoreVersion | null;
}

/** Until PostgreSQL has its own (pg_dump / a base backup), say what to use instead. */
const postgresBackup: StoreBackup = {
  async backup() {
    throw createError(
      'config_invalid',
      'paperboy backup copies SQLite stores; for PostgreSQL use pg_dump (or your server’s base backups)',
    );
  },
  async restore() {
    throw createError(
      'config_invalid',
      'paperboy restore writes SQLite stores; for PostgreSQL use pg_restore',
    );
  },
};

export function engineAdapters(
  store: Store,
  deps: { config: Config; clock: Clock; log: Logger },
): EngineAdapters {
  if (store.engine === 'postgres') {
    const searchIndex = new PostgresSearchIndex(store.db);
    return {
      searchIndex,
      vectorIndex: async (modelId) =>
        new PgvectorVectorIndex(store.db, modelId, deps.clock, {
          buildMemoryMb: deps.config.vectorBuildMemoryMb,
        }),
      upkeep: new PostgresUpkeep(store.db, deps.clock, searchIndex, deps.log),
      health: new PostgresHealth(store),
      outcomes: new KyselyDeliveryOutcomes(store.db),
      backup: postgresBackup,
      version: null,
    };
  }
  const searchIndex = new SqliteSearchIndex(store.gate);
  return {
    searchIndex,
    vectorIndex: (modelId) =>
      UsearchVectorIndex.open(store.gate, modelId, deps.clock, {
        dir: join(deps.config.dataDir, 'vectors'),
        quantization: deps.config.vectorQuantization,
        log: deps.log.child({ component: 'vectors' }),
      }),
    upkeep: new SqliteUpkeep(store.gate, searchIndex, deps.log.child({ component: 'store' })),
    health: new SqliteHealth(store, searchIndex),
    outcomes: new KyselyDeliveryOutcomes(store.db, store.gate),
    backup: new SqliteStoreBackup(store.path),
    version: sqliteStoreVersion(store.path),
  };
}
