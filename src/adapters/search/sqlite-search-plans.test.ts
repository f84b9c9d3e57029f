/**
 * The bounded query plans of SqliteSearchIndex (what a 1M-paper store runs), exercised on a small
 * store with a tiny budget: rarest terms, all-common words, exact titles, term statistics.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { rawSqlite, tempDir } from '../../../test/db.ts';
import { buildPaper } from '../../../test/factories.ts';
import { fixedClock } from '../../core/clock.ts';
import { noFilters, plainQuery } from '../../core/search/query.ts';
import { openSqliteStore, type SqliteStore } from '../db/connect.ts';
import { KyselyPaperRepo } from '../db/kysely-paper-repo.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { SqliteSearchIndex } from './sqlite-search-index.ts';

const dir = tempDir();
let store: SqliteStore;
let repo: KyselyPaperRepo;

const filler = (i: number) =>
  buildPaper({
    id: `2602.${String(i).padStart(5, '0')}`,
    title: `Learning models number ${i}`,
    abstract: `Deep learning models for data, study ${i}.`,
  });

before(async () => {
  store = openSqliteStore(join(dir.path, 'paperboy.db'));
  const migrated = await migrateToLatest(store.db);
  if (migrated.error) throw migrated.error;
  repo = new KyselyPaperRepo(store.db, fixedClock('2026-08-22T12:00:00Z'));
  await repo.upsertMany([
    ...Array.from({ length: 30 }, (_, i) => filler(i)),
    buildPaper({
      id: '2601.00001',
      title: 'Learning models with the axolotl',
      abstract: 'Axolotl regeneration studied with deep learning models.',
    }),
    buildPaper({
      id: '2601.00002',
      title: 'Deep learning models for data',
      abstract: 'The exact title of this paper is a query of common words only.',
      categories: ['cs.LG'],
    }),
  ]);
});
after(async () => {
  await store.close();
  dir.remove();
});

const search = (index: SqliteSearchIndex, q: string, limit = 10) => {
  const p = plainQuery(q);
  return index.searchText({ words: p.words, phrases: [], excluded: [] }, noFilters(), limit);
};

test('over budget, the rarest word decides and common words do not swamp it', async () => {
  const index = new SqliteSearchIndex(store.gate, { budget: 5 });
  const hits = await search(index, 'axolotl deep learning models data');
  assert.equal(hits[0]?.id, '2601.00001');
  assert.equal(hits.length, 1);
});

test('when every word is common, papers with both rarest words still come back', async () => {
  const index = new SqliteSearchIndex(store.gate, { budget: 5 });
  const hits = await search(index, 'deep models', 50);
  assert.ok(hits.length >= 5, `got ${hits.length}`);
  assert.ok(hits.length <= 32);
});

test('an exact title of common words ranks first in the bounded plans', async () => {
  const index = new SqliteSearchIndex(store.gate, { budget: 5 });
  const hits = await search(index, 'Deep learning models for data');
  assert.equal(hits[0]?.id, '2601.00002');
  assert.ok((hits[0]?.score ?? 0) - (hits[1]?.score ?? 0) >= 0.999, 'placed above by title');
});

test('term statistics: refreshed, replaced, and words added since count as rare', async () => {
  const index = new SqliteSearchIndex(store.gate, { budget: 5 });
  const terms = await index.refreshTermStats();
  assert.ok(terms > 10);
  const sqlite = await rawSqlite(store);
  const df = (term: string) =>
    sqlite.prepare('SELECT df FROM search_terms WHERE term = ?').pluck().get(term);
  assert.equal(df('axolotl'), 1);
  assert.equal(df('learn'), 32); // the stem, as FTS5 stores it
  assert.equal((await search(index, 'axolotl deep learning'))[0]?.id, '2601.00001');
  // Refreshing again replaces the rows (no duplicates, stale terms gone).
  await repo.upsertMany([{ ...filler(0), title: 'Renamed', abstract: 'Nothing here.' }]);
  await index.refreshTermStats();
  assert.equal(df('learn'), 31);
  // Papers added after a refresh: new words count as rare, results stay right.
  await repo.upsertMany([
    buildPaper({ id: '2601.00003', title: 'Quokka learning', abstract: 'Quokkas.' }),
  ]);
  const fresh = new SqliteSearchIndex(store.gate, { budget: 5 });
  assert.equal((await search(fresh, 'quokka learning'))[0]?.id, '2601.00003');
});

test('ranking signals are read from the covering index, not the papers rows', async () => {
  const index = new SqliteSearchIndex(store.gate);
  const signals = await index.signals(['2601.00002', 'nope']);
  assert.deepEqual([...signals.keys()], ['2601.00002']);
  assert.deepEqual(signals.get('2601.00002')?.categories, ['cs.LG']);
  const plan = (await rawSqlite(store))
    .prepare(
      `EXPLAIN QUERY PLAN SELECT id, submitted_at, upvotes, categories, title
       FROM papers INDEXED BY papers_signals WHERE id IN (SELECT value FROM json_each(?))`,
    )
    .all('[]') as { detail: string }[];
  assert.ok(
    plan.some((r) => r.detail.includes('COVERING INDEX papers_signals')),
    plan.map((r) => r.detail).join(' | '),
  );
});
