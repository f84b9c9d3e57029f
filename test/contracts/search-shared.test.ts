/**
 * Search on PostgreSQL is shared by every process: two readers with their own connection pools
 * (as two web processes have) keep searching while a writer stores and embeds papers in
 * batches; each paper is found by a word of its own and by its vector from both readers as soon
 * as its batch has committed — no per-process index or cache hides it. Skips without PostgreSQL.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { KyselyPaperRepo } from '../../src/adapters/db/kysely-paper-repo.ts';
import {
  openPostgresStore,
  type PostgresStore,
} from '../../src/adapters/db/postgres/postgres-store.ts';
import { PgvectorVectorIndex } from '../../src/adapters/search/pgvector-vector-index.ts';
import { PostgresSearchIndex } from '../../src/adapters/search/postgres-search-index.ts';
import { fixedClock } from '../../src/core/clock.ts';
import { noFilters } from '../../src/core/search/query.ts';
import { engines, freshPostgresDatabase } from '../engines.ts';
import { buildPaper } from '../factories.ts';

const postgres = (await engines()).find((e) => e.name === 'postgres');
const skip = postgres?.skip ?? 'no PostgreSQL';
const clock = fixedClock('2026-08-22T12:00:00Z');
const MODEL = 'shared@1';

let stores: PostgresStore[] = [];
let drop: () => Promise<void>;

before(async () => {
  if (skip) return;
  const database = await freshPostgresDatabase();
  drop = database.drop;
  stores = await Promise.all([0, 1, 2].map(() => openPostgresStore(database.url, { poolSize: 4 })));
});
after(async () => {
  for (const s of stores) await s.close();
  await drop?.();
});

/** A unit vector that points at paper `i` alone (one-hot over 64 dimensions, then spread). */
function vectorOf(i: number): Float32Array {
  const v = new Float32Array(64);
  v[i % 64] = 1;
  const k = (i * 7 + 3) % 64;
  v[k] = (v[k] ?? 0) + 0.5 + (i % 13) / 13;
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}

test('papers a writer stores and embeds are found from both readers once committed', {
  skip,
}, async () => {
  const [writer, ...readers] = stores as [PostgresStore, PostgresStore, PostgresStore];
  const repo = new KyselyPaperRepo(writer.db, clock);
  const vectors = new PgvectorVectorIndex(writer.db, MODEL, clock);
  const sides = readers.map((r) => ({
    text: new PostgresSearchIndex(r.db),
    vectors: new PgvectorVectorIndex(r.db, MODEL, clock),
  }));
  // Background searches on both readers for the whole run (their caches must not go stale).
  let writing = true;
  let background = 0;
  const busy = sides.map(async (side) => {
    while (writing) {
      await side.text.searchText({ words: ['paper'], phrases: [], excluded: [] }, noFilters(), 20);
      background++;
    }
  });
  const BATCHES = 8;
  const PER = 40;
  for (let b = 0; b < BATCHES; b++) {
    const batch = Array.from({ length: PER }, (_, j) => b * PER + j);
    const papers = batch.map((i) =>
      buildPaper({
        id: `2611.${String(i).padStart(5, '0')}`,
        title: `A paper about topic qz${i}w`,
        abstract: `This paper studies qz${i}w and other things.`,
      }),
    );
    await repo.upsertMany(papers);
    await vectors.put(
      batch.map((i, j) => ({
        paperId: (papers[j] as { id: string }).id,
        vector: vectorOf(i),
        textHash: `h${i}`,
      })),
    );
    for (const side of sides) {
      for (const [j, i] of batch.entries()) {
        const id = (papers[j] as { id: string }).id;
        const hits = await side.text.searchText(
          { words: [`qz${i}w`], phrases: [], excluded: [] },
          noFilters(),
          5,
        );
        assert.deepEqual(
          hits.map((h) => h.id),
          [id],
          `qz${i}w`,
        );
        const near = await side.vectors.search(vectorOf(i), 1);
        assert.equal(near[0]?.id, id);
      }
    }
  }
  writing = false;
  await Promise.all(busy);
  assert.ok(background > 0);
  for (const side of sides) {
    const hits = await side.text.searchText(
      { words: ['paper'], phrases: [], excluded: [] },
      noFilters(),
      1000,
    );
    assert.equal(hits.length, BATCHES * PER);
  }
});
