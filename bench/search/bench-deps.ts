/**
 * What the search benchmarks search with: the production search path over a bench store, with
 * query vectors precomputed by text (as the LRU cache returns a repeated query's vector).
 */
import type { Kysely } from 'kysely';
import type { SqliteStore } from '../../src/adapters/db/connect.ts';
import { KyselyPaperRepo } from '../../src/adapters/db/kysely-paper-repo.ts';
import type { Database } from '../../src/adapters/db/schema.ts';
import type { PgvectorVectorIndex } from '../../src/adapters/search/pgvector-vector-index.ts';
import type { PostgresSearchIndex } from '../../src/adapters/search/postgres-search-index.ts';
import { SqliteSearchIndex } from '../../src/adapters/search/sqlite-search-index.ts';
import type { UsearchVectorIndex } from '../../src/adapters/search/usearch-vector-index.ts';
import { type Clock, systemClock } from '../../src/core/clock.ts';
import type { Embedder } from '../../src/core/embeddings/ports.ts';
import { DEFAULT_BOOSTS } from '../../src/core/search/fuse.ts';
import {
  meaningThreshold,
  UNMEASURED_THRESHOLD,
} from '../../src/core/search/meaning-thresholds.ts';
import type { SearchDeps } from '../../src/core/search/search-papers.ts';
import { silentLogger } from '../../src/log.ts';

/** The model id the bench's generated vectors are stored under. */
export const BENCH_MODEL = 'bench-vectors@1';

/** Returns cached query vectors by text, as the LRU cache does for a repeated query. */
export class PrecomputedEmbedder implements Embedder {
  readonly modelId = BENCH_MODEL;
  constructor(
    readonly dimensions: number,
    private readonly byText: Map<string, Float32Array>,
  ) {}
  async embed(texts: string[]): Promise<Float32Array[]> {
    return texts.map((t) => this.byText.get(t) ?? new Float32Array(this.dimensions));
  }
  async close() {}
}

/** searchPapers' dependencies over `store` and `vectors`, query vectors from `byText`. */
export function benchSearchDeps(
  store: SqliteStore,
  vectors: UsearchVectorIndex | null,
  dims: number,
  byText: Map<string, Float32Array>,
): SearchDeps {
  return {
    index: new SqliteSearchIndex(store.gate),
    papers: new KyselyPaperRepo(store.db, systemClock),
    clock: systemClock,
    log: silentLogger,
    embedder: vectors ? new PrecomputedEmbedder(dims, byText) : null,
    vectors,
    fusion: { kind: 'linear', weight: 0.2 },
    meaningThreshold: meaningThreshold('use-lite@1'),
    boosts: DEFAULT_BOOSTS,
  };
}

/** searchPapers' dependencies over a PostgreSQL store: `index` and `vectors` as the caller built them. */
export function benchPostgresDeps(
  db: Kysely<Database>,
  index: PostgresSearchIndex,
  vectors: PgvectorVectorIndex | null,
  dims: number,
  byText: Map<string, Float32Array>,
  clock: Clock = systemClock,
): SearchDeps {
  return {
    index,
    papers: new KyselyPaperRepo(db, clock),
    clock,
    log: silentLogger,
    embedder: vectors ? new PrecomputedEmbedder(dims, byText) : null,
    vectors,
    fusion: { kind: 'linear', weight: 0.2 },
    boosts: DEFAULT_BOOSTS,
    meaningThreshold: UNMEASURED_THRESHOLD,
  };
}
