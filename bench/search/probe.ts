// temporary probe: FTS5 lexical costs on a generated store
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../src/adapters/db/connect.ts';
import { migrateToLatest } from '../../src/adapters/db/migrate.ts';
import { SqliteSearchIndex } from '../../src/adapters/search/sqlite-search-index.ts';
import { plainQuery } from '../../src/core/search/query.ts';
import { generator } from './generated-corpus.ts';
import { loadQueries, loadRealCorpus } from './real-corpus.ts';

const n = Number(process.argv[2] ?? 50000);
const dir = process.argv[3] ?? mkdtempSync(join(tmpdir(), 'probe-'));
const store = openSqliteStore(join(dir, 'p.db'));
await migrateToLatest(store.db);
const count = store.sqlite.prepare('select count(*) from papers').pluck().get() as number;
if (count === 0) {
  const real = await loadRealCorpus();
  const g = generator(real, { papers: n, dims: 8 });
  const ins = store.sqlite.prepare(
    `INSERT INTO papers (id, title, abstract, authors, categories, source, fetched_at, created_at, modified_at) VALUES (?, ?, ?, '[]', '[]', 'b', 'x', 'x', 'x')`,
  );
  const t = Date.now();
  for (const c of g.chunks(5000))
    store.sqlite.transaction(() => {
      for (const p of c.papers) ins.run(p.id, p.title, p.abstract);
    })();
  console.log('load', n, Date.now() - t, 'ms');
}
const queries = loadQueries();
const none = { authors: [], categories: [], from: null, to: null };
for (const budget of [5000, 20000, 1e12]) {
  const idx = new SqliteSearchIndex(store.sqlite, { budget });
  const times: number[] = [];
  for (const q of queries.slice(0, 60)) {
    const tq = { words: plainQuery(q).words, phrases: [], excluded: [] };
    const t = process.hrtime.bigint();
    await idx.searchText(tq, none, 200);
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  console.log('budget', budget, 'p50', times[30]?.toFixed(1), 'max', times[59]?.toFixed(1));
}
console.log(dir);
