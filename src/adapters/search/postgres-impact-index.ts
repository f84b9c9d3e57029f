/**
 * The impact-ordered keyword index on PostgreSQL (migrations 0208, 0209), SQLite's
 * SqliteImpactIndex in idea and in code: the same segments (impact-postings.ts: FTS5's BM25 per
 * term and document, quantised, best first) and the same scoring (impact-scoring.ts). Matching
 * every row an OR query hits through GIN costs a heap visit, a tsvector detoast and a rescoring
 * per row (~60 µs); this reads a few dozen segments per term in one round trip instead.
 *
 * Built by upkeep from `search_docs` in one REPEATABLE READ snapshot (its tsvectors unnested in
 * term order through a cursor) while writes go on; segments are written from other connections
 * and a generation goes live with its meta row in the snapshot's own commit, which also deletes
 * the stale rows that snapshot saw. One build at a time: a session advisory lock.
 */
import { type Kysely, sql } from 'kysely';
import { createError } from '../../core/errors.ts';
import type { Progress } from '../../core/progress.ts';
import { encodeSegment, termSegments } from '../../core/search/impact-postings.ts';
import {
  DEFAULT_POSTINGS,
  ImpactAccumulator,
  type ImpactResult,
  MAX_STALE,
  readOrder,
  type SegmentHead,
  segmentsPerTerm,
  stemUses,
} from '../../core/search/impact-scoring.ts';
import { COLUMN_WEIGHTS } from '../../core/search/lexical-query.ts';
import type { Database } from '../db/schema.ts';

/** The live generation, what it covers and what it does not (as read with it). */
export interface PostgresImpactState {
  generation: number;
  watermark: number;
  docs: number;
  builtAt: string;
  /** Highest docid in the store now. */
  top: number;
  /** Docids up to the watermark inserted or changed since the build (at most MAX_STALE + 1). */
  stale: number[];
}

export interface ImpactBuildStats {
  generation: number;
  docs: number;
  terms: number;
  segments: number;
  postings: number;
  ms: number;
}

/** The advisory lock key of a build (any constant; 'pbimpact' in ASCII). */
const BUILD_LOCK = 0x7062696d70616374n;
const FETCH_ROWS = 20_000;
const FLUSH_ROWS = 2000;
const FLUSH_BYTES = 8 << 20;

/** Column-weighted instance count of a lexeme in a row, from unnest(tsvector)'s weights. */
const FREQUENCY = sql.raw(
  `cardinality(u.weights) * ${COLUMN_WEIGHTS.abstract}` +
    ` + cardinality(array_positions(u.weights, 'A')) * ${COLUMN_WEIGHTS.title - COLUMN_WEIGHTS.abstract}` +
    ` + cardinality(array_positions(u.weights, 'B')) * ${COLUMN_WEIGHTS.authors - COLUMN_WEIGHTS.abstract}`,
);

export class PostgresImpactIndex {
  private readonly scorer = new ImpactAccumulator();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly postings = DEFAULT_POSTINGS,
  ) {}

  /** The live generation with the store's top docid and stale docids, or null when none. */
  async state(): Promise<PostgresImpactState | null> {
    const rows = await sql<PostgresImpactState>`
      SELECT m.generation, m.watermark, m.docs, m.built_at AS "builtAt",
        coalesce((SELECT max(docid) FROM search_docs), 0) AS top,
        ARRAY(SELECT DISTINCT s.docid FROM search_impacts_stale s WHERE s.docid <= m.watermark
              LIMIT ${MAX_STALE + 1}) AS stale
      FROM search_impacts_meta m WHERE m.id = 1`.execute(this.db);
    const r = rows.rows[0];
    return r ? { ...r, top: Number(r.top), stale: r.stale.map(Number) } : null;
  }

  /**
   * The live generation and, when `usable` accepts it, its best `k` documents for the stems,
   * leaving out the docids it does not cover (stored or changed since), with their stem bits and
   * the tally of every document seen (as SqliteImpactIndex.search): the generation, what it
   * covers, the heads of every term's best segments and the bytes of those the budget reaches
   * (all segments strictly better than a segment sum to under the budget), in one statement and
   * so one snapshot (a build that replaces the generation meanwhile cannot delete its segments
   * from under it); core scores. Null when no generation is live.
   */
  async search(
    stems: string[],
    k: number,
    /** Whether the generation may answer (core's freshness rule); if not, found is null. */
    usable: (state: PostgresImpactState) => boolean,
    /** How many times each stem counts (parallel to `stems`; default 1 each). */
    weights?: number[],
    /** The tally bit of each stem (parallel to `stems`; default none). */
    bits?: number[],
  ): Promise<{ state: PostgresImpactState; found: ImpactResult | null } | null> {
    const uses = stemUses(stems, weights, bits);
    const terms = [...uses.keys()];
    const times = terms.map((t) => uses.get(t)?.times ?? 1);
    // Ties in weight within a term in SQLite's index order (count, then id); weight-0 heads
    // (terms too common to weigh) come without bytes: core only notes them. The last row (no
    // segment, term NULL sorts last) is the live generation and what it does not cover.
    const rows = await sql<
      Omit<SegmentHead, 'id'> & {
        id: string | null;
        docids: Uint8Array | null;
        state: PostgresImpactState | null;
      }
    >`
      WITH m AS (SELECT generation, watermark, docs, built_at FROM search_impacts_meta WHERE id = 1),
      q AS (SELECT * FROM unnest(${terms}::text[], ${times}::int[]) AS q(term, n)),
      h AS (
        SELECT s.id, s.term, s.weight, s.scale, s.count, s.weight * q.n AS w FROM m, q
        CROSS JOIN LATERAL (
          SELECT id, term, weight, scale, count FROM search_impacts
          WHERE generation = m.generation AND term = q.term
          ORDER BY weight DESC, count, id LIMIT ${segmentsPerTerm(this.postings)}) s),
      r AS (
        SELECT h.*, sum(h.count) OVER (ORDER BY h.w DESC) - sum(h.count) OVER (PARTITION BY h.w)
          AS before FROM h)
      SELECT r.id, r.term, r.weight, r.scale, r.count,
        CASE WHEN r.w > 0 AND r.before < ${this.postings} THEN i.docids END AS docids,
        NULL::json AS state
      FROM r JOIN search_impacts i ON i.id = r.id
      UNION ALL
      SELECT NULL, NULL, NULL, NULL, NULL, NULL,
        json_build_object('generation', m.generation, 'watermark', m.watermark, 'docs', m.docs,
          'builtAt', m.built_at,
          'top', coalesce((SELECT max(docid) FROM search_docs), 0),
          'stale', ARRAY(SELECT DISTINCT s.docid FROM search_impacts_stale s
                         WHERE s.docid <= m.watermark LIMIT ${MAX_STALE + 1}))
      FROM m
      ORDER BY term, weight DESC, count, id`.execute(this.db);
    const last = rows.rows.pop();
    if (!last?.state) return null;
    const state: PostgresImpactState = {
      generation: Number(last.state.generation),
      watermark: Number(last.state.watermark),
      docs: Number(last.state.docs),
      builtAt: last.state.builtAt,
      top: Number(last.state.top),
      stale: last.state.stale.map(Number),
    };
    if (!usable(state)) return { state, found: null };
    const bytes = new Map<number, Uint8Array>();
    const heads = rows.rows.map((r) => {
      const id = Number(r.id);
      if (r.docids) bytes.set(id, r.docids);
      return {
        id,
        term: r.term,
        weight: r.weight,
        scale: r.scale,
        count: r.count,
      };
    });
    const found = this.scorer.score(
      readOrder(heads, uses),
      (id) => bytes.get(id),
      state.watermark,
      this.postings,
      k,
      new Set(state.stale),
    );
    return { state, found };
  }

  /**
   * Builds a new generation and makes it live; deletes the older ones. Throws `conflict` when
   * another build runs (in any process); a crash leaves the old generation live.
   */
  async build(progress?: Progress): Promise<ImpactBuildStats> {
    const started = Date.now();
    const built = await this.db.connection().execute(async (conn) => {
      const lock = await sql<{ ok: boolean }>`
        SELECT pg_try_advisory_lock(${BUILD_LOCK}) AS ok`.execute(conn);
      if (!lock.rows[0]?.ok) {
        throw createError('conflict', 'a keyword index build is already running');
      }
      try {
        await sql`BEGIN ISOLATION LEVEL REPEATABLE READ`.execute(conn);
        try {
          const stats = await this.buildInSnapshot(conn, progress);
          await sql`COMMIT`.execute(conn);
          return stats;
        } catch (error) {
          await sql`ROLLBACK`.execute(conn);
          throw error;
        }
      } finally {
        await sql`SELECT pg_advisory_unlock(${BUILD_LOCK})`.execute(conn);
      }
    });
    await sql`DELETE FROM search_impacts WHERE generation < ${built.generation}`.execute(this.db);
    progress?.done(`${built.terms} terms, ${built.postings} postings`);
    return { ...built, ms: Date.now() - started };
  }

  private async buildInSnapshot(
    conn: Kysely<Database>,
    progress?: Progress,
  ): Promise<Omit<ImpactBuildStats, 'ms'>> {
    await sql`SET LOCAL work_mem = '256MB'`.execute(conn);
    const live = await sql<{ g: number | null }>`
      SELECT max(generation) AS g FROM search_impacts`.execute(conn);
    const generation = Number(live.rows[0]?.g ?? 0) + 1;
    const lengthRows = await sql<{ docid: number; length: number }>`
      SELECT docid, length FROM search_docs ORDER BY docid`.execute(conn);
    const watermark = Number(lengthRows.rows.at(-1)?.docid ?? 0);
    const lengths = new Uint32Array(watermark + 1);
    let tokens = 0;
    for (const r of lengthRows.rows) {
      lengths[r.docid] = r.length;
      tokens += r.length;
    }
    const docs = lengthRows.rows.length;
    const corpus = { lengths, docs, avgLength: docs > 0 ? tokens / docs : 1 };
    await sql`
      DECLARE impact_postings NO SCROLL CURSOR FOR
      SELECT u.lexeme AS term, d.docid, ${FREQUENCY} AS f
      FROM search_docs d, unnest(d.tsv) u ORDER BY u.lexeme COLLATE "C", d.docid`.execute(conn);
    const stats = { terms: 0, segments: 0, postings: 0 };
    let pending: {
      term: string;
      weight: number;
      scale: number;
      count: number;
      docids: Buffer | null;
    }[] = [];
    let pendingBytes = 0;
    let reported = 0;
    const flush = async () => {
      if (pending.length === 0) return;
      const batch = pending;
      pending = [];
      pendingBytes = 0;
      await sql`
        INSERT INTO search_impacts (generation, term, weight, scale, count, docids)
        SELECT ${generation}, * FROM unnest(${batch.map((b) => b.term)}::text[],
          ${batch.map((b) => b.weight)}::float8[], ${batch.map((b) => b.scale)}::float8[],
          ${batch.map((b) => b.count)}::int[], ${batch.map((b) => b.docids)}::bytea[])`.execute(
        this.db,
      );
      progress?.advance(stats.terms - reported);
      reported = stats.terms;
    };
    let term = '';
    let docids: number[] = [];
    let freqs: number[] = [];
    const finishTerm = () => {
      if (docids.length === 0) return;
      stats.terms++;
      const segments = termSegments(docids, freqs, corpus);
      if (!segments)
        pending.push({ term, weight: 0, scale: 0, count: docids.length, docids: null });
      for (const segment of segments ?? []) {
        const bytes = Buffer.from(encodeSegment(segment));
        pending.push({
          term,
          weight: segment.weight,
          scale: segment.scale,
          count: segment.docids.length,
          docids: bytes,
        });
        pendingBytes += bytes.length;
        stats.segments++;
        stats.postings += segment.docids.length;
      }
      docids = [];
      freqs = [];
    };
    for (;;) {
      const page = await sql<{ term: string; docid: number; f: number }>`
        FETCH ${sql.raw(String(FETCH_ROWS))} FROM impact_postings`.execute(conn);
      for (const r of page.rows) {
        if (r.term !== term) {
          finishTerm();
          term = r.term;
        }
        docids.push(r.docid);
        freqs.push(r.f);
      }
      if (pending.length >= FLUSH_ROWS || pendingBytes >= FLUSH_BYTES) await flush();
      if (page.rows.length < FETCH_ROWS) break;
    }
    finishTerm();
    await flush();
    await sql`CLOSE impact_postings`.execute(conn);
    // The stale rows this snapshot saw are covered now; later ones stay.
    await sql`DELETE FROM search_impacts_stale`.execute(conn);
    await sql`
      INSERT INTO search_impacts_meta (id, generation, watermark, docs, built_at)
      VALUES (1, ${generation}, ${watermark}, ${docs}, ${new Date().toISOString()})
      ON CONFLICT (id) DO UPDATE SET generation = excluded.generation,
        watermark = excluded.watermark, docs = excluded.docs, built_at = excluded.built_at`.execute(
      conn,
    );
    return { generation, docs, ...stats };
  }
}
