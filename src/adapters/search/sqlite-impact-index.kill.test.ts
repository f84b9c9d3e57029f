/**
 * A build of the impact-ordered index killed half-way (SIGKILL in a child process, at a known
 * point of the build) leaves the live generation answering as before, and the next build
 * removes the half-built rows and goes live.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
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

const ROOT = join(import.meta.dirname, '../../..');
const dir = tempDir('paperboy-impact-kill-');
const path = join(dir.path, 'paperboy.db');
let store: SqliteStore;

before(async () => {
  store = openSqliteStore(path);
  const migrated = await migrateToLatest(store.db);
  if (migrated.error) throw migrated.error;
  const repo = new KyselyPaperRepo(store.db, fixedClock('2026-08-22T12:00:00Z'));
  // 9,000 distinct terms: more than one batch of segments, so a build writes several times.
  const papers = Array.from({ length: 3000 }, (_, i) =>
    buildPaper({
      id: `2605.${String(i).padStart(5, '0')}`,
      title: `Alpha${i} study of graph learning`,
      abstract: `We relate beta${i} and gamma${i} to learning on graphs ${i % 7} times.`,
    }),
  );
  for (let i = 0; i < papers.length; i += 500) await repo.upsertMany(papers.slice(i, i + 500));
});
after(async () => {
  await store.close();
  dir.remove();
});

const ask = async (index: SqliteSearchIndex, q: string) =>
  (
    await index.searchText(
      { words: plainQuery(q).words, phrases: [], excluded: [] },
      noFilters(),
      20,
    )
  ).map((h) => `${h.id} ${h.score.toFixed(6)}`);

test('a build killed half-way leaves the live index answering; the next build cleans up', async () => {
  const index = new SqliteSearchIndex(store.gate);
  const sqlite = await rawSqlite(store);
  await index.buildImpacts();
  const queries = ['beta42 graph learning', 'alpha7 gamma2999', 'graphs times study'];
  const before = await Promise.all(queries.map((q) => ask(index, q)));
  const generation = () =>
    sqlite.prepare('SELECT generation FROM search_impacts_meta').pluck().get();
  assert.equal(generation(), 1);

  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'test/impact-build-child.ts'), path, '2'],
    { cwd: ROOT, encoding: 'utf8' },
  );
  assert.equal(child.signal, 'SIGKILL', child.stderr);
  const halfBuilt = sqlite
    .prepare('SELECT count(*) FROM search_impacts WHERE generation = 2')
    .pluck()
    .get() as number;
  assert.ok(halfBuilt > 0, 'the child was killed after writing part of generation 2');
  assert.equal(generation(), 1);
  assert.deepEqual(await Promise.all(queries.map((q) => ask(index, q))), before);

  await index.buildImpacts();
  assert.equal(generation(), 2);
  assert.deepEqual(
    sqlite.prepare('SELECT DISTINCT generation FROM search_impacts').pluck().all(),
    [2],
  );
  const rows = sqlite.prepare('SELECT count(*) FROM search_impacts').pluck().get();
  await index.buildImpacts(); // a third build writes exactly as many rows: nothing doubled
  assert.equal(sqlite.prepare('SELECT count(*) FROM search_impacts').pluck().get(), rows);
  assert.deepEqual(await Promise.all(queries.map((q) => ask(index, q))), before);
});
