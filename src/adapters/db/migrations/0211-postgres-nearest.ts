/**
 * 0211: a model's nearest neighbours on pgvector's HNSW index in one round trip. The search
 * breadth (ef_search, at least the neighbours asked for) and iterative scanning are settings of
 * the transaction the scan runs in; set from the client they took a transaction of five round
 * trips (BEGIN, two settings, the query, COMMIT) — a fifth of a vector search at 1M papers, more
 * when the process is busy. This function sets both for its own statement's transaction and runs
 * the query. Its text is built per call: the partial index is only chosen for a constant model
 * id and dimension. Nothing on SQLite (usearch).
 */
import type { Kysely } from 'kysely';
import { postgresOnly } from './engine.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await postgresOnly(db, [
    `CREATE OR REPLACE FUNCTION paperboy_nearest(
       q vector, model text, dims int, k int, breadth int, iterative boolean)
     RETURNS TABLE (id text, score double precision) LANGUAGE plpgsql AS $$
     BEGIN
       PERFORM set_config('hnsw.ef_search',
         least(1000, greatest(current_setting('hnsw.ef_search', true)::int, breadth))::text, true);
       IF iterative THEN
         PERFORM set_config('hnsw.iterative_scan', 'relaxed_order', true);
       END IF;
       RETURN QUERY EXECUTE format(
         'SELECT paper_id, 1 - (embedding <=> $1) FROM paper_vectors WHERE model_id = %L
          ORDER BY embedding::halfvec(%s) <=> $1::halfvec(%s) LIMIT %s',
         model, dims, dims, k) USING q;
     END $$`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await postgresOnly(db, ['DROP FUNCTION paperboy_nearest(vector, text, int, int, int, boolean)']);
}
