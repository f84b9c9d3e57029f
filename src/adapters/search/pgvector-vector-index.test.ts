/**
 * pgvector's HNSW path: above the exact limit `sync` builds the model's partial halfvec index,
 * the planner uses it, and its nearest neighbours agree with exact search; another model's
 * vectors never appear. Skips without a PostgreSQL server (test/engines.ts).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { engines, freshPostgresDatabase } from '../../../test/engines.ts';
import { buildPaper } from '../../../test/factories.ts';
import { fixedClock } from '../../core/clock.ts';
import { KyselyPaperRepo } from '../db/kysely-paper-repo.ts';
import { openPostgresStore, type PostgresStore } from '../db/postgres/postgres-store.ts';
import { PgvectorVectorIndex, withBuildMemory } from './pgvector-vector-index.ts';

const postgres = (await engines()).find((e) => e.name === 'postgres');
const skip = postgres?.skip ?? 'no PostgreSQL';

let store: PostgresStore;
let drop: () => Promise<void>;

/** Deterministic pseudo-random unit vectors. */
function vectors(n: number, dims: number, seed: number): Float32Array[] {
  let s = seed;
  const next = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648 - 0.5;
  };
  return Array.from({ length: n }, () => {
    const v = Float32Array.from({ length: dims }, next);
    const norm = Math.hypot(...v);
    return v.map((x) => x / norm);
  });
}

before(async () => {
  if (skip) return;
  const database = await freshPostgresDatabase();
  drop = database.drop;
  store = await openPostgresStore(database.url);
  const ids = Array.from({ length: 300 }, (_, i) => `2610.${String(i).padStart(5, '0')}`);
  await new KyselyPaperRepo(store.db, fixedClock('2026-08-22T12:00:00Z')).upsertMany(
    ids.map((id) => buildPaper({ id })),
  );
});
after(async () => {
  await store?.close();
  await drop?.();
});

test('above the exact limit, search runs on the model HNSW index and agrees with exact search', {
  skip,
}, async () => {
  const clock = fixedClock('2026-08-22T12:00:00Z');
  const hnsw = new PgvectorVectorIndex(store.db, 'm@1', clock, { exactLimit: 100 });
  const exact = new PgvectorVectorIndex(store.db, 'm@1', clock, { exactLimit: 1_000_000 });
  const other = new PgvectorVectorIndex(store.db, 'other@1', clock, { exactLimit: 100 });
  const vs = vectors(300, 32, 7);
  const items = vs.map((vector, i) => ({
    paperId: `2610.${String(i).padStart(5, '0')}`,
    vector,
    textHash: `h${i}`,
  }));
  await hnsw.put(items);
  await other.put(
    items.slice(0, 50).map((x) => ({ ...x, vector: vectors(1, 32, 99)[0] as Float32Array })),
  );
  await hnsw.sync();
  await sql`ANALYZE paper_vectors`.execute(store.db);
  // At 300 rows a sort is cheaper; the index must still be there, valid and usable.
  const plan = await store.db.transaction().execute(async (trx) => {
    await sql`SET LOCAL enable_seqscan = off`.execute(trx);
    await sql`SET LOCAL enable_bitmapscan = off`.execute(trx);
    await sql`SET LOCAL enable_sort = off`.execute(trx);
    return sql<{ 'QUERY PLAN': string }>`
      EXPLAIN SELECT paper_id FROM paper_vectors WHERE model_id = 'm@1'
      ORDER BY embedding::halfvec(32) <=> ${`[${Array(32).fill(0.1).join(',')}]`}::halfvec(32)
      LIMIT 10`.execute(trx);
  });
  assert.match(plan.rows.map((r) => r['QUERY PLAN']).join('\n'), /paper_vectors_hnsw_/);
  let agree = 0;
  for (const q of vs.slice(0, 20)) {
    const [a, b] = await Promise.all([hnsw.search(q, 10), exact.search(q, 10)]);
    assert.equal(a.length, 10);
    assert.ok(
      a.every((h) => Math.abs(h.score - (b.find((x) => x.id === h.id)?.score ?? h.score)) < 1e-5),
    );
    agree += a.filter((h) => b.some((x) => x.id === h.id)).length;
    assert.equal(a[0]?.id, b[0]?.id); // each query is a stored vector: itself first
  }
  assert.ok(agree >= 180, `${agree} of 200 neighbours agree`);
});

test('on the graph, more neighbours than ef_search can reach (1,000) are found by an iterative scan', {
  skip,
}, async () => {
  const database = await freshPostgresDatabase();
  const setup = await openPostgresStore(database.url);
  try {
    const n = 1200;
    const ids = Array.from({ length: n }, (_, i) => `2612.${String(i).padStart(5, '0')}`);
    await new KyselyPaperRepo(setup.db, fixedClock('2026-08-22T12:00:00Z')).upsertMany(
      ids.map((id) => buildPaper({ id })),
    );
    const vs = vectors(n, 16, 5);
    const clock = fixedClock('2026-08-22T12:00:00Z');
    const writer = new PgvectorVectorIndex(setup.db, 'm@1', clock, { exactLimit: 100 });
    await writer.put(
      ids.map((paperId, i) => ({ paperId, vector: vs[i] as Float32Array, textHash: 'h' })),
    );
    await writer.sync();
    // At this size the planner would sort every row: make new connections take the graph.
    await sql`DO $$ BEGIN
      EXECUTE format('ALTER DATABASE %I SET enable_seqscan = off', current_database());
      EXECUTE format('ALTER DATABASE %I SET enable_sort = off', current_database());
    END $$`.execute(setup.db);
    const reader = await openPostgresStore(database.url);
    try {
      const hits = await new PgvectorVectorIndex(reader.db, 'm@1', clock, {
        exactLimit: 100,
      }).search(vs[0] as Float32Array, 1100);
      assert.equal(hits.length, 1100);
      assert.equal(new Set(hits.map((h) => h.id)).size, 1100);
      assert.equal(hits[0]?.id, ids[0]);
    } finally {
      await reader.close();
    }
    // The breadth and the iterative scan hold for the search's own statement: the connection's
    // next query sees the settings it had before.
    const one = await openPostgresStore(database.url, { poolSize: 1 });
    try {
      const settings = () =>
        sql<{ ef: string; scan: string }>`
          SELECT current_setting('hnsw.ef_search') AS ef,
            current_setting('hnsw.iterative_scan') AS scan`
          .execute(one.db)
          .then((r) => r.rows[0]);
      const index = new PgvectorVectorIndex(one.db, 'm@1', clock, { exactLimit: 100 });
      await index.search(vs[1] as Float32Array, 5);
      const before = await settings();
      assert.deepEqual(before, { ef: '40', scan: 'off' });
      const hits = await index.search(vs[1] as Float32Array, 300);
      assert.equal(hits.length, 300);
      assert.equal(hits[0]?.id, ids[1]);
      assert.deepEqual(await settings(), before);
    } finally {
      await one.close();
    }
  } finally {
    await setup.close();
    await database.drop();
  }
});

test('the HNSW build raises maintenance_work_mem on its own connection only, and puts it back', {
  skip,
}, async () => {
  const database = await freshPostgresDatabase();
  const setup = await openPostgresStore(database.url);
  await sql`DO $$ BEGIN
    EXECUTE format('ALTER DATABASE %I SET maintenance_work_mem = %L', current_database(), '8MB');
  END $$`.execute(setup.db);
  await setup.close();
  // One connection: what the build set would still be visible to the next query if it leaked.
  const one = await openPostgresStore(database.url, { poolSize: 1 });
  const show = (db: typeof one.db) =>
    sql<{ maintenance_work_mem: string }>`SHOW maintenance_work_mem`
      .execute(db)
      .then((r) => r.rows[0]?.maintenance_work_mem);
  try {
    assert.equal(await show(one.db), '8MB');
    assert.equal(await withBuildMemory(one.db, 256, show), '256MB');
    assert.equal(await show(one.db), '8MB');
    // Never lowered, and 0 leaves the server's setting.
    assert.equal(await withBuildMemory(one.db, 4, show), '8MB');
    assert.equal(await withBuildMemory(one.db, 0, show), '8MB');
    // A failed build still puts it back.
    await assert.rejects(
      withBuildMemory(one.db, 256, async () => {
        throw new Error('build failed');
      }),
      /build failed/,
    );
    assert.equal(await show(one.db), '8MB');
  } finally {
    await one.close();
    await database.drop();
  }
});
