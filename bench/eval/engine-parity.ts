/**
 * `npm run eval -- --store postgres`: the same evaluation on both engines in one run — each set
 * loaded into SQLite and into a fresh PostgreSQL database (dropped after), every query through
 * searchPapers, lexical and hybrid (the embedder's shipped fusion), first through each engine's
 * matching path, then through the impact-ordered index each builds in upkeep — and nDCG@10, Recall@100
 * per engine with PostgreSQL's difference to SQLite (server: bench/postgres-database.ts).
 */
import type { Kysely } from 'kysely';
import { KyselyPaperRepo } from '../../src/adapters/db/kysely-paper-repo.ts';
import { migrateToLatest } from '../../src/adapters/db/migrate.ts';
import { openPostgresStore } from '../../src/adapters/db/postgres/postgres-store.ts';
import type { Database } from '../../src/adapters/db/schema.ts';
import { PgvectorVectorIndex } from '../../src/adapters/search/pgvector-vector-index.ts';
import { PostgresSearchIndex } from '../../src/adapters/search/postgres-search-index.ts';
import { SqliteSearchIndex } from '../../src/adapters/search/sqlite-search-index.ts';
import { UsearchVectorIndex } from '../../src/adapters/search/usearch-vector-index.ts';
import { systemClock } from '../../src/core/clock.ts';
import { documentText, textHash } from '../../src/core/embeddings/document-text.ts';
import type { Embedder } from '../../src/core/embeddings/ports.ts';
import type { Paper } from '../../src/core/papers/model.ts';
import { DEFAULT_BOOSTS } from '../../src/core/search/fuse.ts';
import { defaultFusion } from '../../src/core/search/fusion-defaults.ts';
import { meaningThreshold } from '../../src/core/search/meaning-thresholds.ts';
import type { SearchIndex, VectorIndex } from '../../src/core/search/ports.ts';
import { plainQuery } from '../../src/core/search/query.ts';
import {
  type SearchDeps,
  type SearchMode,
  searchPapers,
} from '../../src/core/search/search-papers.ts';
import type { SimilarTuning } from '../../src/core/search/similar-defaults.ts';
import { similarPapers } from '../../src/core/search/similar-papers.ts';
import { silentLogger } from '../../src/log.ts';
import { freshBenchDatabase } from '../postgres-database.ts';
import type { EvalSet } from './datasets.ts';
import { openEvalStore } from './eval-store.ts';
import { mean, ndcgAt, recallAt } from './metrics.ts';
import { similarQueries } from './similar-set.ts';

interface Scores {
  ndcg10: number;
  recall100: number;
  ms: number;
}

export interface ParityRow {
  set: string;
  variant: string;
  engines: Record<string, Scores>;
}

type Docs = (set: EvalSet, papers: Paper[], embedder: Embedder) => Promise<Float32Array[]>;

async function score(
  set: EvalSet,
  index: SearchIndex,
  vectors: VectorIndex | null,
  repo: KyselyPaperRepo,
  embedder: Embedder | null,
  mode: SearchMode,
): Promise<Scores> {
  const ndcg: number[] = [];
  const recall: number[] = [];
  const started = Date.now();
  for (const q of set.queries) {
    const rel = set.qrels.get(q.id) ?? new Map();
    const result = await searchPapers(
      {
        index,
        papers: repo,
        clock: systemClock,
        log: silentLogger,
        embedder: mode === 'lexical' ? null : embedder,
        vectors: mode === 'lexical' ? null : vectors,
        fusion: embedder ? defaultFusion(embedder.modelId) : { kind: 'linear', weight: 0 },
        boosts: { ...DEFAULT_BOOSTS, upvotes: 0, recency: 0 },
        meaningThreshold: meaningThreshold(embedder?.modelId ?? null),
      },
      { query: plainQuery(q.text), mode, limit: 100 },
    );
    const ranked = result.hits.map((h) => h.paper.id);
    ndcg.push(ndcgAt(ranked, rel, 10));
    recall.push(recallAt(ranked, rel, 100));
  }
  return {
    ndcg10: mean(ndcg),
    recall100: mean(recall),
    ms: (Date.now() - started) / set.queries.length,
  };
}

/** Similar papers for the tune half's query papers (similar-set.ts) through one engine. */
async function scoreSimilar(
  set: EvalSet,
  deps: SearchDeps,
  tuning: Partial<SimilarTuning>,
): Promise<Scores> {
  const ndcg: number[] = [];
  const recall: number[] = [];
  const queries = similarQueries(set).filter((q) => q.half === 'tune');
  const started = Date.now();
  for (const q of queries) {
    const result = await similarPapers(deps, q.id, { limit: 100, tuning });
    const ranked = result.hits.map((h) => h.paper.id);
    ndcg.push(ndcgAt(ranked, q.relevant, 10));
    recall.push(recallAt(ranked, q.relevant, 100));
  }
  return {
    ndcg10: mean(ndcg),
    recall100: mean(recall),
    ms: (Date.now() - started) / Math.max(1, queries.length),
  };
}

/**
 * Rows for one set: lexical and (with an embedder) hybrid search, and similar papers as shipped
 * and as before the whole-text side, on SQLite and PostgreSQL.
 */
export async function engineParity(
  set: EvalSet,
  embedder: Embedder | null,
  docVectors: Docs,
): Promise<ParityRow[]> {
  const lite = await openEvalStore(set, 'paperboy-parity');
  const database = await freshBenchDatabase(`eval_${set.name}`);
  const pgStore = await openPostgresStore(database.url);
  try {
    const migrated = await migrateToLatest(pgStore.db);
    if (migrated.error) throw migrated.error;
    const pgRepo = new KyselyPaperRepo(pgStore.db as Kysely<Database>, systemClock);
    for (let i = 0; i < lite.papers.length; i += 1000) {
      await pgRepo.upsertMany(lite.papers.slice(i, i + 1000));
    }
    const liteIndex = new SqliteSearchIndex(lite.store.gate, { impacts: false });
    const pgIndex = new PostgresSearchIndex(pgStore.db);
    let liteVectors: VectorIndex | null = null;
    let pgVectors: VectorIndex | null = null;
    if (embedder) {
      const vs = await docVectors(set, lite.papers, embedder);
      const items = lite.papers.map((p, i) => ({
        paperId: p.id,
        vector: vs[i] as Float32Array,
        textHash: textHash(documentText(p)),
      }));
      liteVectors = await UsearchVectorIndex.open(lite.store.gate, embedder.modelId, systemClock, {
        dir: null,
      });
      pgVectors = new PgvectorVectorIndex(pgStore.db, embedder.modelId, systemClock);
      await liteVectors.put(items);
      for (let i = 0; i < items.length; i += 2000) await pgVectors.put(items.slice(i, i + 2000));
    }
    const rows: ParityRow[] = [];
    const modes: [string, SearchMode][] = [['lexical', 'lexical']];
    if (embedder) modes.push([`hybrid ${embedder.modelId}`, 'hybrid']);
    const similarDeps = (index: SearchIndex, vectors: VectorIndex | null, repo: KyselyPaperRepo) =>
      ({
        index,
        papers: repo,
        clock: systemClock,
        log: silentLogger,
        embedder,
        vectors,
        fusion: { kind: 'linear', weight: 0 },
        boosts: { ...DEFAULT_BOOSTS, upvotes: 0, recency: 0 },
        meaningThreshold: meaningThreshold(embedder?.modelId ?? null),
      }) satisfies SearchDeps;
    const similar: [string, Partial<SimilarTuning>][] = [
      ['similar papers (tune half), before', { textWeight: 0, vectorWeight: 0.5 }],
      ['similar papers (tune half), shipped', {}],
    ];
    const run = async (label: string, a: SearchIndex, b: SearchIndex) => {
      for (const [variant, tuning] of similar) {
        rows.push({
          set: set.name,
          variant: `${variant}${label}`,
          engines: {
            sqlite: await scoreSimilar(set, similarDeps(a, liteVectors, lite.repo), tuning),
            postgres: await scoreSimilar(set, similarDeps(b, pgVectors, pgRepo), tuning),
          },
        });
      }
      for (const [variant, mode] of modes) {
        rows.push({
          set: set.name,
          variant: `${variant}${label}`,
          engines: {
            sqlite: await score(set, a, liteVectors, lite.repo, embedder, mode),
            postgres: await score(set, b, pgVectors, pgRepo, embedder, mode),
          },
        });
      }
    };
    // Matching paths (FTS5; tsvector + GIN), then the impact-ordered index both engines build
    // in upkeep, which answers plain queries on a real store.
    await run(', matching path', liteIndex, pgIndex);
    const liteImpacts = new SqliteSearchIndex(lite.store.gate);
    await liteImpacts.refreshTermStats();
    await pgIndex.refreshTermStats();
    await liteImpacts.buildImpacts();
    await pgIndex.buildImpacts();
    if (!(await liteImpacts.impactStatus()) || !(await pgIndex.impactStatus())) {
      throw new Error('the impact index is not in use after building it');
    }
    await run(', impact index', liteImpacts, pgIndex);
    await liteVectors?.close();
    return rows;
  } finally {
    await pgStore.close();
    await database.drop();
    await lite.close();
  }
}

/** The parity table (markdown). */
export function printParity(rows: ParityRow[]): void {
  console.log(
    '| set | variant | nDCG@10 SQLite | nDCG@10 PostgreSQL | Δ | Recall@100 SQLite | Recall@100 PostgreSQL | ms/query SQLite | ms/query PostgreSQL |',
  );
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) {
    const a = r.engines.sqlite as Scores;
    const b = r.engines.postgres as Scores;
    console.log(
      `| ${r.set} | ${r.variant} | ${a.ndcg10.toFixed(3)} | ${b.ndcg10.toFixed(3)} | ${(b.ndcg10 - a.ndcg10).toFixed(3)} | ${a.recall100.toFixed(3)} | ${b.recall100.toFixed(3)} | ${a.ms.toFixed(1)} | ${b.ms.toFixed(1)} |`,
    );
  }
}
