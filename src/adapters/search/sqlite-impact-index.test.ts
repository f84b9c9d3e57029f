/**
 * The impact-ordered index (what large stores rank plain queries with): built from FTS5, ranks as
 * FTS5's BM25 does within its quantisation, and stays right while papers are added, changed and
 * deleted after the build, across rebuilds and after a crashed build.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { rawSqlite, tempDir } from '../../../test/db.ts';
import { buildPaper } from '../../../test/factories.ts';
import { fixedClock } from '../../core/clock.ts';
import { isAppError } from '../../core/errors.ts';
import { LEVELS } from '../../core/search/impact-postings.ts';
import { noFilters, plainQuery } from '../../core/search/query.ts';
import { openSqliteStore, type SqliteStore } from '../db/connect.ts';
import { KyselyPaperRepo } from '../db/kysely-paper-repo.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { SqliteSearchIndex } from './sqlite-search-index.ts';

const dir = tempDir();
let store: SqliteStore;
let repo: KyselyPaperRepo;

const topics = ['graph', 'protein', 'language', 'vision', 'robot', 'speech', 'quantum', 'market'];
const methods = ['networks', 'transformers', 'diffusion', 'kernels', 'bandits', 'trees'];
const paper = (i: number) => {
  const t = topics[i % topics.length] as string;
  const m = methods[(i * 7) % methods.length] as string;
  const u = topics[(i * 3 + 1) % topics.length] as string;
  return buildPaper({
    id: `2603.${String(i).padStart(5, '0')}`,
    title: `${t} ${m} study ${i}`,
    abstract: `We apply ${m} to ${t} data${i % 3 === 0 ? ` and ${u} tasks` : ''}. ${'Results improve. '.repeat(i % 5)}`,
  });
};

before(async () => {
  store = openSqliteStore(join(dir.path, 'paperboy.db'));
  const migrated = await migrateToLatest(store.db);
  if (migrated.error) throw migrated.error;
  repo = new KyselyPaperRepo(store.db, fixedClock('2026-08-22T12:00:00Z'));
  await repo.upsertMany(Array.from({ length: 160 }, (_, i) => paper(i)));
});
after(async () => {
  await store.close();
  dir.remove();
});

const text = (q: string) => ({ words: plainQuery(q).words, phrases: [], excluded: [] });
const exact = () =>
  new SqliteSearchIndex(store.gate, { impacts: false, budget: Number.MAX_SAFE_INTEGER });
const ids = async (index: SqliteSearchIndex, q: string, limit = 10) =>
  (await index.searchText(text(q), noFilters(), limit)).map((h) => h.id);

test('the built index ranks as FTS5 BM25 does, within its quantisation', async () => {
  const index = new SqliteSearchIndex(store.gate);
  assert.equal(await index.impactStatus(), null);
  const built = await index.buildImpacts();
  assert.equal(built?.docs, 160);
  assert.deepEqual(await index.impactStatus(), { docs: 160, behind: 0, stale: 0 });
  for (const q of [
    'protein diffusion',
    'graph kernels results',
    'speech bandits market',
    'robot',
  ]) {
    const want = await exact().searchText(text(q), noFilters(), 160);
    const got = await index.searchText(text(q), noFilters(), 10);
    const wantScore = new Map(want.map((h) => [h.id, h.score]));
    // Every term's score is rounded to 1/255 of that term's best: bounded by the best overall.
    const tolerance = (text(q).words.length * ((want[0]?.score ?? 0) / LEVELS)) / 2 + 1e-6;
    assert.equal(got.length, 10, q);
    for (const h of got) {
      assert.ok(Math.abs(h.score - (wantScore.get(h.id) as number)) <= tolerance, `${q}: ${h.id}`);
    }
    const tenth = (got[9] as { score: number }).score;
    const kept = new Set(got.map((h) => h.id));
    for (const h of want.slice(0, 10)) {
      if (!kept.has(h.id)) assert.ok(h.score <= tenth + 2 * tolerance, `${q}: missed ${h.id}`);
    }
  }
});

test('papers stored after the build are ranked by FTS5 and merged in', async () => {
  const index = new SqliteSearchIndex(store.gate);
  await index.buildImpacts();
  await repo.upsertMany([
    buildPaper({
      id: '2604.00001',
      title: 'Zebrafish protein diffusion',
      abstract: 'Protein diffusion in zebrafish embryos.',
    }),
  ]);
  assert.deepEqual(await index.impactStatus(), { docs: 160, behind: 1, stale: 0 });
  assert.deepEqual(await ids(index, 'zebrafish'), ['2604.00001']);
  assert.equal((await ids(index, 'protein diffusion zebrafish'))[0], '2604.00001');
  assert.ok((await ids(index, 'protein diffusion', 200)).includes('2604.00001'));
});

test('a paper changed after the build is found by its new words only; deleted ones drop out', async () => {
  const index = new SqliteSearchIndex(store.gate);
  await repo.upsertMany([
    buildPaper({ id: '2604.00002', title: 'Axolotl limbs', abstract: 'Axolotl regeneration.' }),
    buildPaper({ id: '2604.00003', title: 'Okapi stripes', abstract: 'Okapi coat patterns.' }),
  ]);
  await index.buildImpacts();
  assert.deepEqual(await ids(index, 'axolotl'), ['2604.00002']);
  await repo.upsertMany([
    buildPaper({ id: '2604.00002', title: 'Narwhal tusks', abstract: 'Narwhal tusk sensing.' }),
  ]);
  assert.equal((await index.impactStatus())?.stale, 1);
  assert.deepEqual(await ids(index, 'axolotl'), []);
  assert.deepEqual(await ids(index, 'narwhal'), ['2604.00002']);
  (await rawSqlite(store)).prepare("DELETE FROM papers WHERE id = '2604.00003'").run();
  assert.deepEqual(await ids(index, 'okapi'), []);
  // The next build takes the change in and clears its stale mark.
  await index.buildImpacts();
  assert.equal(
    (await rawSqlite(store)).prepare('SELECT count(*) FROM search_impacts_stale').pluck().get(),
    0,
  );
  assert.deepEqual(await ids(index, 'narwhal tusks'), ['2604.00002']);
});

test('a rebuild replaces the live generation; a crashed build leaves nothing behind', async () => {
  const index = new SqliteSearchIndex(store.gate);
  await index.buildImpacts();
  const live = (await rawSqlite(store))
    .prepare('SELECT generation FROM search_impacts_meta')
    .pluck()
    .get() as number;
  const before = await ids(index, 'quantum transformers');
  // What a build killed half-way leaves: rows of the next generation, not yet live.
  (await rawSqlite(store))
    .prepare(
      `INSERT INTO search_impacts (generation, term, weight, scale, count, docids)
       VALUES (?, 'quantum', 99, 1, 1, x'ff01')`,
    )
    .run(live + 1);
  assert.deepEqual(await ids(index, 'quantum transformers'), before);
  await index.buildImpacts();
  const generations = (await rawSqlite(store))
    .prepare('SELECT DISTINCT generation FROM search_impacts')
    .pluck()
    .all();
  assert.deepEqual(generations, [live + 1]);
  assert.equal(
    (await rawSqlite(store))
      .prepare('SELECT count(*) FROM search_impacts WHERE weight = 99')
      .pluck()
      .get(),
    0,
  );
  assert.deepEqual(await ids(index, 'quantum transformers'), before);
});

test('an index that lags more papers than the budget behind is not used', async () => {
  const index = new SqliteSearchIndex(store.gate, { budget: 2 });
  await index.buildImpacts();
  assert.ok(await index.impactStatus());
  await repo.upsertMany([300, 301, 302].map((i) => paper(i)));
  assert.equal(await index.impactStatus(), null);
  assert.equal((await ids(index, 'graph networks study 300'))[0], '2603.00300');
});

test('with a tiny postings budget the rare word still decides', async () => {
  await repo.upsertMany([
    buildPaper({
      id: '2604.00004',
      title: 'Pangolin scales',
      abstract: 'We apply networks to pangolin data.',
    }),
  ]);
  const index = new SqliteSearchIndex(store.gate, { postings: 1 });
  await index.buildImpacts();
  assert.equal((await ids(index, 'networks data pangolin'))[0], '2604.00004');
});

test('an exact title of common words ranks first', async () => {
  const index = new SqliteSearchIndex(store.gate);
  await index.buildImpacts();
  assert.equal((await ids(index, 'protein networks study 97'))[0], '2603.00097');
});

test('an in-memory store builds through its only connection', async () => {
  const memory = openSqliteStore(':memory:');
  try {
    const migrated = await migrateToLatest(memory.db);
    if (migrated.error) throw migrated.error;
    const memoryRepo = new KyselyPaperRepo(memory.db, fixedClock('2026-08-22T12:00:00Z'));
    await memoryRepo.upsertMany(Array.from({ length: 20 }, (_, i) => paper(i)));
    const index = new SqliteSearchIndex(memory.gate);
    assert.equal((await index.buildImpacts())?.docs, 20);
    const got = await index.searchText(text('speech'), noFilters(), 5);
    const want = await new SqliteSearchIndex(memory.gate, { impacts: false }).searchText(
      text('speech'),
      noFilters(),
      5,
    );
    assert.deepEqual(
      got.map((h) => h.id),
      want.map((h) => h.id),
    );
  } finally {
    await memory.close();
  }
});

test('a rebuild is due when never built, a day old, or (hourly) halfway to lagging too far', async () => {
  const index = new SqliteSearchIndex(store.gate, { budget: 4 });
  const day = 24 * 60 * 60_000;
  (await rawSqlite(store)).prepare('DELETE FROM search_impacts_meta').run();
  assert.equal(await index.impactsDue(new Date(), day), true);
  await index.buildImpacts();
  assert.equal(await index.impactsDue(new Date(), day), false);
  assert.equal(await index.impactsDue(new Date(Date.now() + day), day), true);
  await repo.upsertMany([400, 401, 402].map((i) => paper(i)));
  const hour = 60 * 60_000;
  assert.equal(await index.impactsDue(new Date(), day), false, 'lag rebuilds wait an hour');
  assert.equal(await index.impactsDue(new Date(Date.now() + hour), day), true, '3 new > 4 / 2');
  await index.buildImpacts();
  assert.equal(await index.impactsDue(new Date(Date.now() + hour), day), false);
});

test('one build at a time: a live builder is refused, a dead one taken over', async () => {
  const index = new SqliteSearchIndex(store.gate);
  const claim = (await rawSqlite(store)).prepare(
    'INSERT OR REPLACE INTO search_impacts_builds (id, pid, started_at) VALUES (1, ?, ?)',
  );
  claim.run(process.ppid, '2026-11-22T09:00:00Z'); // the test runner: alive
  await assert.rejects(index.buildImpacts(), (error) => {
    assert.ok(isAppError(error, 'conflict'));
    assert.match(error.message, /already running \(process \d+, since 2026-11-22T09:00:00Z\)/);
    return true;
  });
  const exited = spawnSync(process.execPath, ['-e', '0']).pid as number; // gone by now
  claim.run(exited, '2026-11-22T09:00:00Z');
  assert.ok(await index.buildImpacts());
  assert.equal(
    (await rawSqlite(store)).prepare('SELECT count(*) FROM search_impacts_builds').pluck().get(),
    0,
  );
});
