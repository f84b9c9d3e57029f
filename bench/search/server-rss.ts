/**
 * Child of bench/search/run.ts: opens a bench store and its HNSW file as a server would, runs the
 * 400 queries as hybrid searches (query vectors from a file, as if cached), and prints its RSS
 * and hybrid p50 as JSON on the last line — the RSS a server needs, without the bench's own
 * corpus generator and copies.
 *   tsx bench/search/server-rss.ts <store dir> <query vectors .f32> <dims>
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openSqliteStore } from '../../src/adapters/db/connect.ts';
import { UsearchVectorIndex } from '../../src/adapters/search/usearch-vector-index.ts';
import { systemClock } from '../../src/core/clock.ts';
import { plainQuery } from '../../src/core/search/query.ts';
import { searchPapers } from '../../src/core/search/search-papers.ts';
import { BENCH_MODEL, benchSearchDeps } from './bench-deps.ts';
import { loadQueries } from './real-corpus.ts';

const [dir, vectorFile, dimsArg] = process.argv.slice(2) as [string, string, string];
const dims = Number(dimsArg);
const queries = loadQueries();
const raw = readFileSync(vectorFile);
const all = new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4);
const byText = new Map(queries.map((q, i) => [q, all.slice(i * dims, (i + 1) * dims)]));
const store = openSqliteStore(join(dir, 'paperboy.db'));
const vectors = await UsearchVectorIndex.open(store.gate, BENCH_MODEL, systemClock, {
  dir: join(dir, 'vectors'),
});
const deps = benchSearchDeps(store, vectors, dims, byText);
const times: number[] = [];
for (const q of queries) {
  const started = process.hrtime.bigint();
  await searchPapers(deps, { query: plainQuery(q), mode: 'hybrid', limit: 20 });
  times.push(Number(process.hrtime.bigint() - started) / 1e6);
}
times.sort((a, b) => a - b);
const rss = process.memoryUsage().rss;
await vectors.close();
await store.close();
console.log(JSON.stringify({ rss, p50: times[Math.floor(times.length / 2)] }));
