/**
 * `npm run bench:search -- --store postgres`: the same corpus and queries on PostgreSQL after
 * SQLite's run — load (papers, search rows through the write path's own function, pgvector
 * vectors), term statistics, the HNSW index, then keyword / vector / hybrid latency through
 * searchPapers with each figure's ratio to SQLite, top-10 agreement with exact BM25 (SQLite's
 * FTS5 truth), and the database's size.
 */
import { type Kysely, sql } from 'kysely';
import { migrateToLatest } from '../../src/adapters/db/migrate.ts';
import { openPostgresStore } from '../../src/adapters/db/postgres/postgres-store.ts';
import type { Database } from '../../src/adapters/db/schema.ts';
import {
  PgvectorVectorIndex,
  vectorLiteral,
} from '../../src/adapters/search/pgvector-vector-index.ts';
import { indexPapersForSearch } from '../../src/adapters/search/postgres-search-docs.ts';
import { PostgresSearchIndex } from '../../src/adapters/search/postgres-search-index.ts';
import { systemClock } from '../../src/core/clock.ts';
import { plainQuery } from '../../src/core/search/query.ts';
import { type SearchMode, searchPapers } from '../../src/core/search/search-papers.ts';
import { freshBenchDatabase } from '../postgres-database.ts';
import { BENCH_MODEL, benchPostgresDeps } from './bench-deps.ts';
import type { BenchPaper } from './real-corpus.ts';

export type Percentiles = { p50: number; p95: number; p99: number };

export interface SqliteFigures {
  modes: Record<string, Percentiles>;
  /** Exact FTS5 BM25 top 10 per sampled query. */
  truth: Map<string, Set<string>>;
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;

function percentiles(xs: number[]): Percentiles {
  const sorted = [...xs].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}

async function load(
  db: Kysely<Database>,
  papers: BenchPaper[],
  vectors: Float32Array[],
  keywordOnly: boolean,
) {
  const now = '2026-11-01T00:00:00Z';
  for (let i = 0; i < papers.length; i += 500) {
    const chunk = papers.slice(i, i + 500);
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('papers')
        .values(
          chunk.map((p, j) => ({
            id: p.id,
            title: p.title,
            abstract: p.abstract,
            authors: JSON.stringify(p.authors),
            categories: JSON.stringify(p.categories),
            primary_category: p.categories[0] ?? null,
            submitted_at: p.submittedAt,
            upvotes: (i + j) % 50,
            source: 'bench',
            fetched_at: now,
            created_at: now,
            modified_at: now,
          })) as never,
        )
        .execute();
      await indexPapersForSearch(
        trx,
        chunk.map((p) => ({ ...p, authors: JSON.stringify(p.authors) })),
      );
      if (keywordOnly) return;
      await sql`
        INSERT INTO paper_vectors (paper_id, model_id, dimensions, text_hash, embedded_at, embedding)
        SELECT e->>'id', ${BENCH_MODEL}, (e->>'d')::integer, '', ${now}, (e->>'v')::vector
        FROM jsonb_array_elements(${JSON.stringify(
          chunk.map((p, j) => ({
            id: p.id,
            d: (vectors[i + j] as Float32Array).length,
            v: vectorLiteral(vectors[i + j] as Float32Array),
          })),
        )}::jsonb) AS e`.execute(trx);
    });
  }
}

/** Runs the PostgreSQL half and prints its table with ratios to `sqlite`. */
export async function runPostgresCorpus(
  name: string,
  chunks: () => Iterable<{ papers: BenchPaper[]; vectors: Float32Array[] }>,
  queries: string[],
  queryVector: (i: number) => Float32Array,
  dims: number,
  sqlite: SqliteFigures,
  keywordOnly = false,
  /** Keep the database for the next run, and reuse one an earlier run kept (--keep). */
  keep = false,
): Promise<void> {
  const database = await freshBenchDatabase(`bench_${name}`, keep);
  const store = await openPostgresStore(database.url);
  try {
    const migrated = await migrateToLatest(store.db);
    if (migrated.error) throw migrated.error;
    let t = Date.now();
    const stored = await sql<{ n: string }>`SELECT count(*) AS n FROM papers`.execute(store.db);
    let count = Number(stored.rows[0]?.n ?? 0);
    const reused = count > 0;
    for (const c of reused ? [] : chunks()) {
      await load(store.db, c.papers, c.vectors, keywordOnly);
      count += c.papers.length;
      if (count % 50_000 < c.papers.length) {
        process.stderr.write(`postgres ${name}: ${count} papers stored, ${s(Date.now() - t)}\n`);
      }
    }
    const loadMs = Date.now() - t;
    t = Date.now();
    const index = new PostgresSearchIndex(store.db);
    // A reused database keeps its term statistics and impact index when they are current.
    const current = reused && (await index.impactStatus())?.behind === 0;
    const terms = current ? 0 : await index.refreshTermStats();
    if (!current) await sql`ANALYZE`.execute(store.db);
    const termsMs = Date.now() - t;
    t = Date.now();
    // The impact-ordered keyword index, as upkeep builds it (plain queries use it when fresh).
    const impacts = current ? null : await index.buildImpacts();
    const impactsMs = Date.now() - t;
    process.stderr.write(
      `postgres ${name}: impact index ${current ? 'kept from the last run' : `built in ${s(impactsMs)}`}\n`,
    );
    t = Date.now();
    const vectors = keywordOnly
      ? null
      : new PgvectorVectorIndex(store.db, BENCH_MODEL, systemClock, {
          // As the server reads it (config.ts): 1M 384-d vectors need ~1 GB, more than the default.
          buildMemoryMb: Number(process.env.PAPERBOY_VECTOR_BUILD_MEMORY_MB ?? 1024),
        });
    await vectors?.sync();
    const hnswMs = Date.now() - t;
    process.stderr.write(`postgres ${name}: HNSW ready after ${s(hnswMs)}\n`);
    const byText = new Map(queries.map((q, i) => [q, queryVector(i)]));
    const deps = benchPostgresDeps(store.db, index, vectors, dims, byText);
    console.log(`\n## PostgreSQL ${name}: ${count.toLocaleString('en')} papers\n`);
    console.log('| corpus | search | p50 ms | p95 ms | p99 ms | p50 / SQLite | p99 / SQLite |');
    console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: |');
    const modes: SearchMode[] = keywordOnly ? ['lexical'] : ['lexical', 'vector', 'hybrid'];
    for (const mode of modes) {
      for (const q of queries.slice(0, 20))
        await searchPapers(deps, { query: plainQuery(q), mode, limit: 20 });
      const times: number[] = [];
      for (const q of queries) {
        const started = process.hrtime.bigint();
        await searchPapers(deps, { query: plainQuery(q), mode, limit: 20 });
        times.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
      const p = percentiles(times);
      const base = sqlite.modes[mode];
      const ratio = (x: number, y: number | undefined) => (y ? `${(x / y).toFixed(2)}×` : '–');
      console.log(
        `| ${name} | ${mode === 'lexical' ? 'keyword' : mode} | ${p.p50.toFixed(1)} | ${p.p95.toFixed(1)} | ${p.p99.toFixed(1)} | ${ratio(p.p50, base?.p50)} | ${ratio(p.p99, base?.p99)} |`,
      );
    }
    const none = { authors: [], categories: [], from: null, to: null };
    let overlap = 0;
    const times: number[] = [];
    for (const [q, want] of sqlite.truth) {
      const tq = { words: plainQuery(q).words, phrases: [], excluded: [] };
      const started = process.hrtime.bigint();
      const got = (await index.searchText(tq, none, 10)).map((h) => h.id);
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
      overlap += got.filter((id) => want.has(id)).length / Math.max(1, want.size);
    }
    const sizes = await sql<{ db: string; docs: string; vectors: string }>`
      SELECT pg_database_size(current_database()) AS db,
        pg_total_relation_size('search_docs') AS docs,
        pg_total_relation_size('paper_vectors') AS vectors`.execute(store.db);
    const size = sizes.rows[0];
    console.log(
      `\n- load (papers, search rows from the core tokenizer, vectors; 500 per transaction): ${s(loadMs)} (${Math.round(count / (loadMs / 1000))} papers/s); term statistics (${terms.toLocaleString('en')} stems, ts_stat) + ANALYZE: ${s(termsMs)}; impact index (upkeep): ${impacts ? `${s(impactsMs)}, ${impacts.postings.toLocaleString('en')} postings in ${impacts.segments.toLocaleString('en')} segments` : 'kept from an earlier run'}; HNSW (pgvector, halfvec, M=16): ${keywordOnly ? 'not built (--keyword-only)' : s(hnswMs)}`,
    );
    console.log(
      sqlite.truth.size === 0
        ? '- lexical top-10 agreement: not measured (no SQLite run to take exact BM25 from)'
        : `- lexical top-10 only (searchText, ${sqlite.truth.size} queries): overlap with exact BM25 ${(overlap / sqlite.truth.size).toFixed(3)}, p50 ${percentiles(times).p50.toFixed(1)} ms, p95 ${percentiles(times).p95.toFixed(1)} ms`,
    );
    console.log(
      `- database size: ${mb(Number(size?.db))} (search_docs with GIN ${mb(Number(size?.docs))}, paper_vectors with HNSW ${mb(Number(size?.vectors))})`,
    );
  } finally {
    await store.close();
    await database.drop();
  }
}
