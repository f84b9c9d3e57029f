/**
 * `npm run bench:search`: search latency, index build time, RSS and store size on
 *   1. a generated corpus (default 1,000,000 papers; Zipf vocabulary from the real texts,
 *      clustered embedding-like vectors made without a model), and
 *   2. the real ~62k-paper corpus in ../shared/data (with generated clustered vectors: embedding
 *      62k abstracts with the bundled model would take hours here),
 * queried with the 400 realistic CS queries (paperlantern) through the production search path
 * (searchPapers, 20 results with highlights), keyword / vector / hybrid, query vectors cached.
 * Then the embedding throughput of the shipped embedders.
 *
 *   npm run bench:search -- [--papers 1000000] [--dims 512] [--skip-generated] [--skip-real]
 *                          [--embedders use-lite] [--keep <dir>] [--store postgres] [--keyword-only]
 *                          [--skip-sqlite]
 * With --store postgres each corpus then runs on PostgreSQL too, with ratios (postgres-bench.ts).
 * --keep <dir> keeps the SQLite stores there and the PostgreSQL databases (named for the corpus,
 * `_kept`), and a later run with --keep reuses both instead of loading them again.
 * Run quoted figures under `flock /work/.bench.lock` and note `uptime`.
 */
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type Database from 'better-sqlite3';
import { openSqliteStore } from '../../src/adapters/db/connect.ts';
import { migrateToLatest } from '../../src/adapters/db/migrate.ts';
import { SqliteSearchIndex } from '../../src/adapters/search/sqlite-search-index.ts';
import { toBlob } from '../../src/adapters/search/sqlite-vector-rows.ts';
import { UsearchVectorIndex } from '../../src/adapters/search/usearch-vector-index.ts';
import { systemClock } from '../../src/core/clock.ts';
import { DEFAULT_POSTINGS } from '../../src/core/search/impact-scoring.ts';
import { plainQuery } from '../../src/core/search/query.ts';
import { type SearchMode, searchPapers } from '../../src/core/search/search-papers.ts';
import { BENCH_MODEL, benchSearchDeps } from './bench-deps.ts';
import { measureEmbedders } from './embedders.ts';
import { generator } from './generated-corpus.ts';
import { runPostgresCorpus, type SqliteFigures } from './postgres-bench.ts';
import { type BenchPaper, loadQueries, loadRealCorpus } from './real-corpus.ts';

const { values } = parseArgs({
  options: {
    papers: { type: 'string', default: '1000000' },
    dims: { type: 'string', default: '512' },
    'skip-generated': { type: 'boolean', default: false },
    'skip-real': { type: 'boolean', default: false },
    embedders: { type: 'string', default: 'use-lite' },
    'overlap-queries': { type: 'string', default: '100' },
    keep: { type: 'string' },
    store: { type: 'string', default: 'sqlite' },
    /** Keyword search only: no vectors stored, no HNSW built (1M papers fit in a session). */
    'keyword-only': { type: 'boolean', default: false },
    /** PostgreSQL only (with --store postgres): no SQLite run, so no ratios and no agreement. */
    'skip-sqlite': { type: 'boolean', default: false },
  },
});
const keywordOnly = values['keyword-only'] ?? false;

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 200);
sampler.unref();
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function insertPapers(
  sqlite: Database.Database,
  papers: BenchPaper[],
  vectors: Float32Array[],
  modelId: string,
) {
  const now = '2026-11-01T00:00:00Z';
  const paper = sqlite.prepare(
    `INSERT INTO papers (id, title, abstract, authors, categories, primary_category, submitted_at,
       upvotes, source, fetched_at, created_at, modified_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'bench', ?, ?, ?)`,
  );
  const vector = sqlite.prepare(
    `INSERT INTO paper_vectors (paper_id, model_id, dimensions, vector, text_hash, embedded_at)
     VALUES (?, ?, ?, ?, '', ?)`,
  );
  sqlite.transaction(() => {
    papers.forEach((p, i) => {
      paper.run(
        p.id,
        p.title,
        p.abstract,
        JSON.stringify(p.authors),
        JSON.stringify(p.categories),
        p.categories[0] ?? null,
        p.submittedAt,
        i % 50,
        now,
        now,
        now,
      );
      const v = vectors[i];
      if (v && !keywordOnly) vector.run(p.id, modelId, v.length, toBlob(v), now);
    });
  })();
}

function percentiles(xs: number[]) {
  const sorted = [...xs].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}

/** Bytes under `path` (0 when it does not exist: small stores keep no HNSW file). */
function dirSize(path: string): number {
  if (!existsSync(path)) return 0;
  return readdirSync(path, { withFileTypes: true }).reduce(
    (sum, e) =>
      sum + (e.isDirectory() ? dirSize(join(path, e.name)) : statSync(join(path, e.name)).size),
    0,
  );
}

/** Runs the hybrid queries in a child process that holds only what a server holds. */
function serverRss(
  dir: string,
  vectors: Float32Array[],
  dims: number,
): { rss: number; p50: number } {
  const file = join(dir, 'query-vectors.f32');
  const all = new Float32Array(vectors.length * dims);
  vectors.forEach((v, i) => {
    all.set(v, i * dims);
  });
  writeFileSync(file, all);
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'server-rss.ts'), dir, file, String(dims)],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return JSON.parse(out.trim().split('\n').pop() as string);
}

/** Builds the impact-ordered index in a child process (what `paperboy optimize` does). */
function buildImpactsApart(dbPath: string): { postings: number; segments: number } {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'build-impacts.ts'), dbPath],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return JSON.parse(out.trim().split('\n').pop() as string);
}

async function runCorpus(
  name: string,
  chunks: () => Iterable<{ papers: BenchPaper[]; vectors: Float32Array[] }>,
  queries: string[],
  queryVector: (i: number) => Float32Array,
  dims: number,
): Promise<SqliteFigures> {
  const figures: SqliteFigures = { modes: {}, truth: new Map() };
  const dir = values.keep
    ? join(values.keep, name)
    : mkdtempSync(join(tmpdir(), `paperboy-bench-${name}-`));
  mkdirSync(dir, { recursive: true });
  const store = openSqliteStore(join(dir, 'paperboy.db'));
  // The bench does one thing at a time, so it may hold the connection outside the gate's turns.
  const sqlite = await store.gate.run((db) => db);
  try {
    const migrated = await migrateToLatest(store.db);
    if (migrated.error) throw migrated.error;
    const modelId = BENCH_MODEL;
    let t = Date.now();
    let count = sqlite.prepare('SELECT count(*) FROM papers').pluck().get() as number;
    const reused = count > 0;
    if (!reused) {
      for (const c of chunks()) {
        insertPapers(sqlite, c.papers, c.vectors, modelId);
        count += c.papers.length;
        if (count % 50_000 < c.papers.length) {
          process.stderr.write(`${name}: ${count} papers stored, ${s(Date.now() - t)}\n`);
        }
      }
    }
    const loadMs = Date.now() - t;
    t = Date.now();
    if (!reused) sqlite.exec("INSERT INTO papers_fts (papers_fts) VALUES ('optimize')");
    const optimizeMs = Date.now() - t;
    t = Date.now();
    const terms = await new SqliteSearchIndex(store.gate).refreshTermStats();
    const termsMs = Date.now() - t;
    t = Date.now();
    // A reused store keeps the impact index it has, if it is current (building it at 1M takes
    // minutes); in a separate process, as the worker would, so the RSS below is a server's.
    const current =
      reused && (await new SqliteSearchIndex(store.gate).impactStatus())?.behind === 0;
    const impacts = current ? null : buildImpactsApart(join(dir, 'paperboy.db'));
    const impactsMs = Date.now() - t;
    process.stderr.write(
      `${name}: impact index ${current ? 'kept from the last run' : `built in ${s(impactsMs)}`}\n`,
    );
    t = Date.now();
    if (!reused && !keywordOnly) {
      // Build and save the graph, then drop it: the measured process below only loads the file,
      // as a server would (a second copy would double the RSS figure).
      const vectors = await UsearchVectorIndex.open(store.gate, modelId, systemClock, {
        dir: join(dir, 'vectors'),
        buildThreads: 2,
      });
      await vectors.sync();
      await vectors.close();
    }
    const hnswMs = Date.now() - t;
    process.stderr.write(`${name}: HNSW ready after ${s(hnswMs)}\n`);
    t = Date.now();
    const reopened = keywordOnly
      ? null
      : await UsearchVectorIndex.open(store.gate, modelId, systemClock, {
          dir: join(dir, 'vectors'),
        });
    await reopened?.search(queryVector(0), 1);
    const reopenMs = Date.now() - t;
    const byText = new Map(queries.map((q, i) => [q, queryVector(i)]));
    const server = reopened
      ? serverRss(
          dir,
          queries.map((_, i) => queryVector(i)),
          dims,
        )
      : null;
    const deps = benchSearchDeps(store, reopened, dims, byText);
    const rows: string[] = [];
    console.log(`\n## ${name}: ${count.toLocaleString('en')} papers, ${dims}-d vectors\n`);
    console.log('| corpus | search | p50 ms | p95 ms | p99 ms |');
    console.log('| --- | --- | ---: | ---: | ---: |');
    for (const mode of searchModes()) {
      for (const q of queries.slice(0, 20))
        await searchPapers(deps, { query: plainQuery(q), mode, limit: 20 });
      const times: number[] = [];
      for (const q of queries) {
        const started = process.hrtime.bigint();
        await searchPapers(deps, { query: plainQuery(q), mode, limit: 20 });
        times.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
      const p = percentiles(times);
      figures.modes[mode] = p;
      rows.push(
        `| ${name} | ${mode === 'lexical' ? 'keyword' : mode} | ${p.p50.toFixed(1)} | ${p.p95.toFixed(1)} | ${p.p99.toFixed(1)} |`,
      );
    }
    for (const r of rows) console.log(r);
    const sample = queries.slice(0, Number(values['overlap-queries']));
    const none = { authors: [], categories: [], from: null, to: null };
    const budgets: string[] = [];
    const exact = new SqliteSearchIndex(store.gate, {
      budget: Number.MAX_SAFE_INTEGER,
      impacts: false,
    });
    const truth = new Map<string, Set<string>>();
    const exactTimes: number[] = [];
    for (const q of sample) {
      const tq = { words: plainQuery(q).words, phrases: [], excluded: [] };
      const started = process.hrtime.bigint();
      truth.set(q, new Set((await exact.searchText(tq, none, 10)).map((h) => h.id)));
      exactTimes.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    budgets.push(
      `exact FTS5 BM25: p50 ${percentiles(exactTimes).p50.toFixed(1)} ms, p95 ${percentiles(exactTimes).p95.toFixed(1)} ms`,
    );
    const variants: [string, SqliteSearchIndex][] = [
      ['FTS5 plans, budget 8000', new SqliteSearchIndex(store.gate, { impacts: false })],
      ...[50_000, 100_000, 200_000, 400_000, 1_000_000].map(
        (postings): [string, SqliteSearchIndex] => [
          `impact index, ${postings / 1000}k postings${postings === DEFAULT_POSTINGS ? ' (default)' : ''}`,
          new SqliteSearchIndex(store.gate, { postings }),
        ],
      ),
    ];
    for (const [label, index] of variants) {
      let overlap = 0;
      const times: number[] = [];
      for (const q of sample) {
        const tq = { words: plainQuery(q).words, phrases: [], excluded: [] };
        const started = process.hrtime.bigint();
        const got = (await index.searchText(tq, none, 10)).map((h) => h.id);
        times.push(Number(process.hrtime.bigint() - started) / 1e6);
        const want = truth.get(q) ?? new Set();
        overlap += got.filter((id) => want.has(id)).length / Math.max(1, want.size);
      }
      const p = percentiles(times);
      budgets.push(
        `${label}: top-10 overlap ${(overlap / sample.length).toFixed(3)}, p50 ${p.p50.toFixed(1)} ms, p95 ${p.p95.toFixed(1)} ms`,
      );
    }
    figures.truth = truth;
    await reopened?.close();
    const rss = process.memoryUsage().rss;
    peakRss = Math.max(peakRss, rss);

    console.log(
      `\n- store + FTS5 load (papers, triggers, vectors in SQLite): ${s(loadMs)} (${Math.round(count / (loadMs / 1000))} papers/s); FTS5 optimize: ${s(optimizeMs)}; term statistics (${terms.toLocaleString('en')} terms, the store:optimize job): ${s(termsMs)}; impact index (store:optimize): ${impacts ? `${s(impactsMs)}, ${impacts.postings.toLocaleString('en')} postings in ${impacts.segments.toLocaleString('en')} segments` : 'kept from an earlier run'}`,
    );
    console.log(
      keywordOnly
        ? '- HNSW: not built (--keyword-only)'
        : `- HNSW build (usearch, f16, M=16, 2 threads) from the store: ${s(hnswMs)}; reopen (load file + catch up): ${s(reopenMs)}`,
    );
    console.log(
      `- lexical top-10 only (searchText, ${sample.length} queries): ${budgets.join('; ')}`,
    );
    console.log(
      `- store size: ${mb(dirSize(dir))} (SQLite ${mb(statSync(join(dir, 'paperboy.db')).size)}, vectors dir ${mb(dirSize(join(dir, 'vectors')))})`,
    );
    console.log(`- RSS after queries: ${mb(rss)}; peak so far: ${mb(peakRss)}`);
    if (server) {
      console.log(
        `- RSS of a process holding only the store and the HNSW file, after the 400 hybrid queries (what a server holds): ${mb(server.rss)} (its hybrid p50 ${server.p50.toFixed(1)} ms)`,
      );
    }
  } finally {
    await store.close();
    if (!values.keep) rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}

/** The search modes measured: keyword only with --keyword-only. */
function searchModes(): SearchMode[] {
  return keywordOnly ? ['lexical'] : ['lexical', 'vector', 'hybrid'];
}

/** Runs a corpus on SQLite, then (with --store postgres) on PostgreSQL with ratios. */
async function runBoth(...args: Parameters<typeof runCorpus>): Promise<void> {
  const figures: SqliteFigures = values['skip-sqlite']
    ? { modes: {}, truth: new Map() }
    : await runCorpus(...args);
  if (values.store === 'postgres')
    await runPostgresCorpus(...args, figures, keywordOnly, values.keep !== undefined);
}

async function main() {
  const dims = Number(values.dims);
  const queries = loadQueries();
  const real = await loadRealCorpus();
  console.log(`queries: ${queries.length}; real corpus: ${real.length} papers`);
  if (!values['skip-real']) {
    const g = generator(real, { papers: real.length, dims, seed: 7 });
    const vectors = [...g.chunks(real.length)][0]?.vectors ?? [];
    await runBoth(
      'real-62k',
      () => [{ papers: real, vectors }],
      queries,
      (i) => g.queryVector(i),
      dims,
    );
  }
  if (!values['skip-generated']) {
    const n = Number(values.papers);
    const g = generator(real, { papers: n, dims });
    await runBoth(
      `generated-${n >= 1e6 ? `${n / 1e6}M` : `${n / 1e3}k`}`,
      // A new generator per pass: SQLite's and PostgreSQL's runs load the same papers.
      () => generator(real, { papers: n, dims }).chunks(5000),
      queries,
      (i) => g.queryVector(i),
      dims,
    );
  }
  if (values.embedders) await measureEmbedders(values.embedders.split(',').filter(Boolean), real);
  console.log(`\npeak RSS: ${mb(peakRss)}`);
}

await main();
