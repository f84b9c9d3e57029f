/**
 * The VectorIndex contract above the exact limit, where each engine searches a graph (HNSW:
 * pgvector's partial index on PostgreSQL, usearch on SQLite): asked for more neighbours than the
 * graph's default search breadth (pgvector's ef_search is 40), it returns as many as asked for,
 * distinct and best first — not silently fewer.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import type { Store } from '../../src/adapters/db/connect.ts';
import { PgvectorVectorIndex } from '../../src/adapters/search/pgvector-vector-index.ts';
import { UsearchVectorIndex } from '../../src/adapters/search/usearch-vector-index.ts';
import { fixedClock } from '../../src/core/clock.ts';
import type { VectorIndex } from '../../src/core/search/ports.ts';
import { buildPaper } from '../factories.ts';
import type { ContractTarget } from './run-contract.ts';

const VECTORS = 500;
const DIMS = 16;
/** Above this many vectors the indexes below search their graph. */
const EXACT_LIMIT = 100;

/** Deterministic pseudo-random unit vectors. */
function unitVectors(n: number, dims: number, seed: number): Float32Array[] {
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

async function graphIndexOn(store: Store, modelId: string): Promise<VectorIndex> {
  const clock = fixedClock('2026-08-22T12:00:00Z');
  return store.engine === 'postgres'
    ? new PgvectorVectorIndex(store.db, modelId, clock, { exactLimit: EXACT_LIMIT })
    : UsearchVectorIndex.open(store.gate, modelId, clock, { dir: null, exactLimit: EXACT_LIMIT });
}

export function vectorGraphContract({ engine, make }: ContractTarget): void {
  test('asked for 300 neighbours among 500 vectors on the graph, it gives 300, best first', async () => {
    const c = await make();
    try {
      const ids = Array.from({ length: VECTORS }, (_, i) => `2611.${String(i).padStart(5, '0')}`);
      await c.papers.upsertMany(ids.map((id) => buildPaper({ id })));
      const store = await c.openStore();
      let index = await graphIndexOn(store, 'wide@1');
      const vectors = unitVectors(VECTORS, DIMS, 11);
      await index.put(
        ids.map((paperId, i) => ({
          paperId,
          vector: vectors[i] as Float32Array,
          textHash: `h-${paperId}`,
        })),
      );
      await index.sync();
      if (engine === 'postgres') {
        // At 500 rows the planner would sort them all instead: make this database's new
        // connections take the graph, as the planner does at scale.
        await sql`DO $$ BEGIN
          EXECUTE format('ALTER DATABASE %I SET enable_seqscan = off', current_database());
          EXECUTE format('ALTER DATABASE %I SET enable_sort = off', current_database());
        END $$`.execute(store.db as never);
        const graphs = await sql<{ n: number }>`
          SELECT count(*)::int AS n FROM pg_indexes
          WHERE indexname LIKE 'paper_vectors_hnsw_%'`.execute(store.db as never);
        assert.equal(graphs.rows[0]?.n, 1, 'the HNSW index is built');
        index = await graphIndexOn(await c.openStore(), 'wide@1');
      }
      const hits = await index.search(vectors[0] as Float32Array, 300);
      assert.equal(hits.length, 300);
      assert.equal(new Set(hits.map((h) => h.id)).size, 300);
      assert.equal(hits[0]?.id, ids[0]);
      for (let i = 1; i < hits.length; i++) {
        assert.ok((hits[i - 1]?.score as number) >= (hits[i]?.score as number), `#${i}`);
      }
      await index.close();
    } finally {
      await c.dispose();
    }
  });
}
