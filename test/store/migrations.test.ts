/**
 * One migration track on both engines: from an empty store to the latest schema, and from the
 * schema of every landed commit (landed-migrations.ts), filled with real rows through the repos,
 * to the latest — with every row of every table still there, read back alike through the repos.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { type Kysely, sql } from 'kysely';
import { openStore, type StoreLocation } from '../../src/adapters/db/connect.ts';
import { migrateToLatest, migrationStatus } from '../../src/adapters/db/migrate.ts';
import { migrations } from '../../src/adapters/db/migrations/index.ts';
import { createContainer } from '../../src/container.ts';
import { fixedClock } from '../../src/core/clock.ts';
import { createMemoryLogger } from '../../src/log.ts';
import { tempDir, testConfig } from '../db.ts';
import { type EngineName, emptyPostgresDatabase, engines } from '../engines.ts';
import { HashEmbedder } from '../hash-embedder.ts';
import { LANDED } from './landed-migrations.ts';
import { seedStore } from './store-seed.ts';
import { copyRows, digestOf, sameColumns, snapshotTables } from './table-rows.ts';

const ALL = Object.keys(migrations);

/** An empty store on `engine`: where it is, the env that points a config at it, and cleanup. */
async function emptyStore(engine: EngineName) {
  const dir = tempDir();
  const database = engine === 'postgres' ? await emptyPostgresDatabase() : null;
  const location: StoreLocation = database
    ? { engine: 'postgres', url: database.url, poolSize: 4 }
    : { engine: 'sqlite', path: join(dir.path, 'paperboy.db') };
  const env: Record<string, string> = database ? { DATABASE_URL: database.url } : {};
  return {
    location,
    config: testConfig(dir.path, env),
    async remove() {
      await database?.drop();
      dir.remove();
    },
  };
}

const open = (config: ReturnType<typeof testConfig>, migrate: boolean) =>
  createContainer(config, {
    log: createMemoryLogger(),
    clock: fixedClock('2026-08-22T12:00:00Z'),
    embedder: new HashEmbedder(),
    migrate,
  });

for (const { name: engine, skip } of await engines()) {
  describe(`migrations on ${engine}`, { skip, concurrency: 1 }, () => {
    test('an empty store migrates to the latest schema; a second run applies nothing', async () => {
      const empty = await emptyStore(engine);
      const store = await openStore(empty.location);
      try {
        assert.deepEqual((await migrationStatus(store.db)).pending, ALL);
        const report = await migrateToLatest(store.db);
        assert.equal(report.error, null);
        assert.deepEqual(report.applied, ALL);
        assert.deepEqual(await migrateToLatest(store.db), { applied: [], error: null });
        assert.deepEqual(await migrationStatus(store.db), { executed: ALL, pending: [] });
      } finally {
        await store.close();
        await empty.remove();
      }
    });

    test('a failing migration leaves no trace: the run is all or nothing', async () => {
      const empty = await emptyStore(engine);
      const store = await openStore(empty.location);
      try {
        const broken = {
          ...migrations,
          '9999-broken': {
            async up(db: Kysely<unknown>) {
              await db.schema.createTable('half_built').addColumn('x', 'text').execute();
              await sql`select * from no_such_table`.execute(db);
            },
          },
        };
        const report = await migrateToLatest(store.db, broken);
        assert.match(report.error?.message ?? '', /migration 9999-broken failed/);
        assert.deepEqual(report.applied, []);
        const tables = await snapshotTables(store);
        assert.deepEqual(
          [...tables.keys()].filter((t) => ['papers', 'half_built'].includes(t)),
          [],
          'neither the earlier migrations nor the broken one left tables behind',
        );
        const retry = await migrateToLatest(store.db);
        assert.equal(retry.error, null);
        assert.deepEqual(retry.applied, ALL);
      } finally {
        await store.close();
        await empty.remove();
      }
    });

    for (const landed of LANDED) {
      test(`a store from ${landed.commit}, with data, migrates to the latest and loses nothing`, async () => {
        // The data: written by today's repos into a store on the latest schema…
        const latest = await emptyStore(engine);
        const old = await emptyStore(engine);
        try {
          const scratch = await open(latest.config, true);
          const scratchStore = await openStore(latest.location);
          await seedStore(scratch, scratchStore);
          const expected = without(await readBack(scratch), landed.newerFields);
          await scratch.close();

          // …copied into a store on the landed commit's schema (the columns it has).
          const raw = await openStore(old.location);
          const set = Object.fromEntries(
            landed.migrations.map((m) => [m, migrations[m] ?? missing(m)]),
          );
          const built = await migrateToLatest(raw.db, set);
          assert.equal(built.error, null, String(built.error));
          await copyRows(scratchStore, raw, landed.cannotHold?.[engine] ?? []);
          await scratchStore.close();
          const tables = await snapshotTables(raw);
          assert.ok((tables.get('papers')?.length ?? 0) >= 4, 'the old store has data');

          const after = await open(old.config, true);
          try {
            assert.deepEqual((await migrationStatus(raw.db)).pending, []);
            const now = sameColumns(tables, await snapshotTables(raw));
            for (const [table, rows] of tables) {
              assert.equal(now.get(table)?.length, rows.length, `${table}: row count`);
              assert.equal(digestOf(now.get(table) ?? []), digestOf(rows), `${table}: content`);
            }
            const read = without(await readBack(after), landed.newerFields);
            if (landed.cannotHold?.[engine]?.includes('paper_vectors'))
              expected.vectors = read.vectors;
            assert.deepEqual(read, expected);
            // And it keeps working: a new vote counts on top of the old ones, a vector is stored.
            const carol = await after.community.users.create({
              id: 'u-carol',
              email: 'carol@example.org',
              handle: 'carol',
              displayName: 'Carol',
              role: 'reader',
              createdAt: '2026-08-23T00:00:00Z',
            });
            assert.deepEqual(
              await after.community.votes.toggle(carol.id, '2608.10001', '2026-08-23T00:00:00Z'),
              { voted: true, upvotes: 3 },
            );
            const vector = new Float32Array(64).fill(0.125);
            await after.search.vectors?.put([{ paperId: '2608.10003', vector, textHash: 'new' }]);
            assert.deepEqual(
              [...((await after.search.vectors?.get('2608.10003')) ?? [])],
              [...vector],
            );
          } finally {
            await after.close();
            await raw.close();
          }
        } finally {
          await latest.remove();
          await old.remove();
        }
      });
    }
  });
}

/** `value` without the named fields, at any depth (what an older schema could not hold). */
function without<T>(value: T, fields: string[]): T {
  if (fields.length === 0) return value;
  return JSON.parse(
    JSON.stringify(value, (key, v: unknown) => (fields.includes(key) ? undefined : v)),
  ) as T;
}

function missing(name: string): never {
  throw new Error(
    `landed migration ${name} is not in src/adapters/db/migrations/index.ts; a landed migration must never be removed`,
  );
}

/** What the repos read from the seeded store: the same after migrating. */
async function readBack(c: Awaited<ReturnType<typeof open>>) {
  const ids = ['2608.10001', 'hep-th/9901001', '2608.10002', '2608.10003'];
  return {
    papers: await c.papers.getMany(ids),
    feed: await c.papers.listFeatured(
      { from: '2026-08-01', to: '2026-08-31' },
      { limit: 10, offset: 0 },
    ),
    cursors: await c.ingest.listCursors(),
    queue: await c.embeddingQueue.size(),
    schedules: await c.schedules.list(),
    users: await Promise.all(['u-ada', 'u-bob'].map((id) => c.community.users.get(id))),
    session: await c.community.sessions.find('sess-1', '2026-08-23T00:00:00Z'),
    comments: await c.community.comments.listForPaper('2608.10001'),
    reports: await c.community.comments.openReports(10),
    stats: [...(await c.community.stats.forPapers(ids))],
    trending: await c.community.trending.top('2026-08-01T00:00:00.000Z', { limit: 10, offset: 0 }),
    // inputs() promises no order (PostgreSQL's plan may change with the indexes a migration adds).
    inputs: (await c.community.trending.inputs(ids)).sort((a, b) =>
      a.paperId.localeCompare(b.paperId),
    ),
    collection: await c.community.collections.items('k-1'),
    audit: await c.community.audit.recent(10),
    secret: await c.secret(),
    subscription: await c.subscriptions.get('sub-1'),
    address: await c.subscriptions.getAddress('reader@example.org'),
    digest: await c.digests.get('dig-1'),
    vectors: c.search.vectors ? [...(await c.search.vectors.textHashes(ids))] : null,
    follows: await c.recs.library.follows('u-ada'),
    feedKeyGeneration: await c.recs.library.feedKeyGeneration('u-ada'),
  };
}
