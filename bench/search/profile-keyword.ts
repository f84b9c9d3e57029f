/**
 * Where a search's milliseconds go, on stores kept by `bench:search --keep <dir>`: runs the 400
 * queries through searchPapers (keyword by default, 20 results) on SQLite and PostgreSQL and
 * times every call to the search index, vector index and paper repo (wall time, so awaits
 * included), with p50 / p95 of the whole search. Also every query's first page as a fingerprint
 * (JSON to --out) so that two versions of the code can be compared for identical results.
 * `--mode vector|hybrid` needs a store kept with vectors (its query vectors are the file the
 * bench wrote beside it).
 *
 *   tsx bench/search/profile-keyword.ts --keep <dir> --corpus generated-200k [--engine sqlite]
 *     [--mode lexical|vector|hybrid] [--rounds 2] [--out ids.json]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openSqliteStore } from '../../src/adapters/db/connect.ts';
import { migrateToLatest } from '../../src/adapters/db/migrate.ts';
import { openPostgresStore } from '../../src/adapters/db/postgres/postgres-store.ts';
import { PgvectorVectorIndex } from '../../src/adapters/search/pgvector-vector-index.ts';
import { PostgresSearchIndex } from '../../src/adapters/search/postgres-search-index.ts';
import { UsearchVectorIndex } from '../../src/adapters/search/usearch-vector-index.ts';
import { fixedClock } from '../../src/core/clock.ts';
import { plainQuery } from '../../src/core/search/query.ts';
import type { SearchMode } from '../../src/core/search/search-candidates.ts';
import { type SearchDeps, searchPapers } from '../../src/core/search/search-papers.ts';
import { keptBenchDatabase } from '../postgres-database.ts';
import { BENCH_MODEL, benchPostgresDeps, benchSearchDeps } from './bench-deps.ts';
import { loadQueries } from './real-corpus.ts';

const { values } = parseArgs({
  options: {
    keep: { type: 'string', default: '/work/kwbench' },
    corpus: { type: 'string', default: 'generated-200k' },
    engine: { type: 'string', default: 'sqlite,postgres' },
    rounds: { type: 'string', default: '2' },
    mode: { type: 'string', default: 'lexical' },
    out: { type: 'string' },
    /** SQLite's mmap_size for the measured connection (an experiment; default none). */
    mmap: { type: 'string' },
  },
});

const timings = new Map<string, number>();

/** `target` with each method's wall time added to `timings` under `label.method`. */
function timed<T extends object>(label: string, target: T): T {
  return new Proxy(target, {
    get(t, key, receiver) {
      const v = Reflect.get(t, key, receiver);
      if (typeof v !== 'function') return v;
      return async (...args: unknown[]) => {
        const started = process.hrtime.bigint();
        try {
          return await v.apply(t, args);
        } finally {
          const name = `${label}.${String(key)}`;
          const ms = Number(process.hrtime.bigint() - started) / 1e6;
          timings.set(name, (timings.get(name) ?? 0) + ms);
        }
      };
    },
  });
}

function percentile(xs: number[], q: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

async function run(engine: string, deps: SearchDeps, queries: string[]) {
  const plain = deps;
  const wrapped = {
    ...deps,
    index: timed('index', deps.index),
    papers: timed('papers', deps.papers),
    vectors: deps.vectors && timed('vectors', deps.vectors),
  };
  for (const q of queries.slice(0, 20))
    await searchPapers(plain, { query: plainQuery(q), mode, limit: 20 });
  const ids: Record<string, string[]> = {};
  const rounds = Number(values.rounds);
  for (const [label, d] of [
    ['plain', plain],
    ['timed', wrapped],
  ] as const) {
    timings.clear();
    const times: number[] = [];
    const cpu = process.cpuUsage();
    for (let r = 0; r < rounds; r++) {
      for (const q of queries) {
        const started = process.hrtime.bigint();
        const res = await searchPapers(d, { query: plainQuery(q), mode, limit: 20 });
        times.push(Number(process.hrtime.bigint() - started) / 1e6);
        ids[q] = [
          JSON.stringify({ total: res.total, counts: res.counts, boundary: res.boundary }),
          JSON.stringify(res.facets),
          ...res.hits.map(
            (h) =>
              `${h.paper.id}:${h.score}:${h.tier}:${h.matchedBy}:${JSON.stringify(h.highlight)}`,
          ),
        ];
      }
    }
    const n = times.length;
    const used = process.cpuUsage(cpu);
    console.log(
      `${engine} ${label}: p50 ${percentile(times, 0.5).toFixed(2)} ms, p95 ${percentile(times, 0.95).toFixed(2)}, p99 ${percentile(times, 0.99).toFixed(2)}, mean ${(times.reduce((a, b) => a + b, 0) / n).toFixed(2)}; this process's CPU ${((used.user + used.system) / 1000 / n).toFixed(2)} ms/query`,
    );
    if (label === 'timed') {
      for (const [k, ms] of [...timings].sort((a, b) => b[1] - a[1]))
        console.log(`  ${k}: ${(ms / n).toFixed(2)} ms/query`);
    }
  }
  return ids;
}

const queries = loadQueries();
const mode = values.mode as SearchMode;
const dir = join(values.keep as string, values.corpus as string);
/** The bench's query vectors (cached by text, as a server caches them), when a mode needs them. */
const byText = new Map<string, Float32Array>();
let dims = 0;
if (mode !== 'lexical') {
  const raw = readFileSync(join(dir, 'query-vectors.f32'));
  const all = new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4);
  dims = all.length / queries.length;
  for (const [i, q] of queries.entries()) byText.set(q, all.slice(i * dims, (i + 1) * dims));
}
// Pinned: recency boosts then score the same in every run, so fingerprints compare exactly.
const clock = fixedClock('2026-12-01T00:00:00Z');
const out: Record<string, Record<string, string[]>> = {};
const engines = (values.engine ?? '').split(',');
if (engines.includes('sqlite')) {
  const store = openSqliteStore(join(dir, 'paperboy.db'));
  const vectors =
    mode === 'lexical'
      ? null
      : await UsearchVectorIndex.open(store.gate, BENCH_MODEL, clock, {
          dir: join(dir, 'vectors'),
        });
  try {
    if (values.mmap) await store.gate.run((db) => db.pragma(`mmap_size = ${Number(values.mmap)}`));
    out.sqlite = await run(
      'sqlite',
      { ...benchSearchDeps(store, vectors, dims, byText), clock },
      queries,
    );
  } finally {
    await vectors?.close();
    await store.close();
  }
}
if (engines.includes('postgres')) {
  const store = await openPostgresStore(keptBenchDatabase(`bench_${values.corpus}`).url);
  try {
    // As the bench does on a kept database: schema changes since it was built apply first.
    const migrated = await migrateToLatest(store.db);
    if (migrated.error) throw migrated.error;
    const vectors =
      mode === 'lexical' ? null : new PgvectorVectorIndex(store.db, BENCH_MODEL, clock);
    const index = new PostgresSearchIndex(store.db);
    const deps = benchPostgresDeps(store.db, index, vectors, dims, byText, clock);
    out.postgres = await run('postgres', deps, queries);
  } finally {
    await store.close();
  }
}
if (values.out) writeFileSync(values.out, JSON.stringify(out));
