/**
 * What the search benchmarks search with: the production search path over a bench store, with
 * query vectors precomputed by text (as the LRU cache returns a repeated query's vector).
 */
import type { SqliteStore } from '../../src/adapters/db/connect.ts';
import { KyselyPaperRepo } from '../../src/adapters/db/kysely-paper-repo.ts';
import { SqliteSearchIndex } from '../../src/adapters/search/sqlite-search-index.ts';
import type { UsearchVectorIndex } from '../../src/adapters/search/usearch-vector-index.ts';
import { systemClock } from '../../src/core/clock.ts';
import type { Embedder } from '../../src/core/embeddings/ports.ts';
import { DEFAULT_BOOSTS } from '../../src/core/search/fuse.ts';
import { meaningThreshold } from '../../src/core/search/meaning-thresholds.ts';
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
