/**
 * Term statistics on PostgreSQL, as Fts5TermStats keeps them on SQLite: each stem's document
 * frequency in `search_terms`, refreshed by upkeep from `ts_stat`, trusted by the same rule
 * (bounded-plan.ts termStatsTrusted); otherwise exact counts through GIN (cached 10 minutes).
 * And each scored phrase's exact row count for BM25 (FTS5 counts them at query time), cached
 * until the next write to `search_docs`.
 */
import { type Kysely, sql } from 'kysely';
import { termStatsTrusted } from '../../core/search/bounded-plan.ts';
import { type Phrase, stemsOf } from '../../core/search/lexical-query.ts';
import type { Database } from '../db/schema.ts';
import { corpusFigures, countMatches, phraseQuery } from './postgres-lexical.ts';

export class PostgresTermStats {
  private trusted = false;
  private checkedAt = 0;
  private readonly dfCache = new Map<string, number>();
  private dfCacheAt = 0;
  private hitsVersion = '';
  private readonly hitsCache = new Map<string, number>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly budget: number,
  ) {}

  /** Copies every stem's document frequency into `search_terms`. Returns how many. */
  async refresh(): Promise<number> {
    const top = await this.top();
    const result = await sql<{ n: string }>`
      WITH gen AS (SELECT coalesce(max(generation), 0) + 1 AS g FROM search_terms),
      fresh AS (
        INSERT INTO search_terms (term, df, generation)
        SELECT word, ndoc, (SELECT g FROM gen) FROM ts_stat('SELECT tsv FROM search_docs')
        UNION ALL SELECT '', ${top}, (SELECT g FROM gen)
        ON CONFLICT (term) DO UPDATE SET df = excluded.df, generation = excluded.generation
        RETURNING generation)
      SELECT count(*) AS n FROM fresh`.execute(this.db);
    await sql`DELETE FROM search_terms WHERE generation < (SELECT max(generation) FROM search_terms)`.execute(
      this.db,
    );
    // Fold the row and token count deltas into one row.
    await sql`
      WITH gone AS (DELETE FROM search_stats RETURNING docs, tokens)
      INSERT INTO search_stats (docs, tokens)
      SELECT coalesce(sum(docs), 0), coalesce(sum(tokens), 0) FROM gone`.execute(this.db);
    this.checkedAt = 0;
    return Number(result.rows[0]?.n ?? 1) - 1;
  }

  /** Document frequency of each word (its stems as a phrase when it has several). */
  async documentFrequencies(words: string[]): Promise<{ term: string; df: number }[]> {
    return (await this.withDocuments(words, false)).dfs;
  }

  /**
   * Document frequencies (as documentFrequencies) and, with `documents`, the number of
   * documents (corpusFigures' `docs`) — from `search_terms` in the same statement while it is
   * trusted: a search asks for both, and every statement costs a round trip.
   */
  async withDocuments(
    words: string[],
    documents: boolean,
  ): Promise<{ dfs: { term: string; df: number }[]; docs: number }> {
    const stems = words.map((w) => stemsOf(w));
    if (await this.tableTrusted()) {
      const single = stems.filter((s) => s.length === 1).map((s) => s[0] as string);
      const rows = await sql<{ term: string | null; df: string }>`
        SELECT term, df FROM search_terms WHERE term = ANY(${single})
        ${documents ? sql`UNION ALL SELECT NULL, coalesce(sum(docs), 0) FROM search_stats` : sql``}`.execute(
        this.db,
      );
      const df = new Map(rows.rows.map((r) => [r.term, Number(r.df)]));
      return {
        dfs: words.map((term, i) => ({
          term,
          df: stems[i]?.length === 1 ? (df.get(stems[i]?.[0] as string) ?? 0) : 0,
        })),
        docs: df.get(null) ?? 0,
      };
    }
    const [dfs, figures] = await Promise.all([
      this.counted(words, stems),
      documents ? corpusFigures(this.db) : null,
    ]);
    return { dfs, docs: figures?.docs ?? 0 };
  }

  /** Document frequencies counted through GIN (cached 10 minutes). */
  private async counted(
    words: string[],
    stems: string[][],
  ): Promise<{ term: string; df: number }[]> {
    if (Date.now() - this.dfCacheAt > 600_000) {
      this.dfCache.clear();
      this.dfCacheAt = Date.now();
    }
    const queries = stems.map((s) => phraseQuery({ stems: s, column: null }));
    const unknown = [...new Set(queries.filter((q) => !this.dfCache.has(q)))];
    const counts = await countMatches(this.db, unknown);
    for (const [i, q] of unknown.entries()) this.dfCache.set(q, counts[i] as number);
    return words.map((term, i) => ({ term, df: this.dfCache.get(queries[i] as string) ?? 0 }));
  }

  /**
   * The corpus figures and the rows holding each phrase, as FTS5's bm25 reads them. Phrases of
   * one common word (over the budget, per a trusted `search_terms`) take the table's count:
   * counting them costs most and moves idf least.
   */
  async phraseStats(
    phrases: Phrase[],
  ): Promise<{ docs: number; avgLength: number; hits: number[] }> {
    const figures = await corpusFigures(this.db);
    if (figures.version !== this.hitsVersion) {
      this.hitsCache.clear();
      this.hitsVersion = figures.version;
    }
    const queries = phrases.map(phraseQuery);
    const todo = [...new Set(queries.filter((q) => !this.hitsCache.has(q)))];
    if (todo.length > 0 && (await this.tableTrusted())) {
      const single = phrases.filter((p) => p.stems.length === 1 && p.column === null);
      const rows = await sql<{ term: string; df: number }>`
        SELECT term, df FROM search_terms WHERE term = ANY(${single.map((p) => p.stems[0])})
          AND df > ${this.budget}`.execute(this.db);
      for (const r of rows.rows)
        this.hitsCache.set(phraseQuery({ stems: [r.term], column: null }), Number(r.df));
    }
    const count = todo.filter((q) => !this.hitsCache.has(q));
    const counts = await countMatches(this.db, count);
    for (const [i, q] of count.entries()) this.hitsCache.set(q, counts[i] as number);
    const docs = Math.max(1, figures.docs);
    return {
      docs,
      avgLength: figures.docs > 0 ? figures.tokens / figures.docs : 1,
      hits: queries.map((q) => this.hitsCache.get(q) ?? 0),
    };
  }

  /**
   * Stems that start like `word` (same first letter), from four letters shorter than its stem to
   * two longer than the word, held by two papers or more; commonest first (as Fts5TermStats.near).
   * From `search_terms` once upkeep has filled it, else from ts_stat over every row (slower:
   * small stores only).
   */
  async near(word: string, stem: string, limit: number): Promise<{ term: string; df: number }[]> {
    const first = word.slice(0, 1);
    if (first === '') return [];
    const after = String.fromCodePoint((first.codePointAt(0) ?? 0) + 1);
    const [shortest, longest] = [Math.max(2, stem.length - 4), word.length + 2];
    const filled = await sql<{ df: number }>`SELECT df FROM search_terms WHERE term = ''`.execute(
      this.db,
    );
    const rows =
      filled.rows.length > 0
        ? await sql<{ term: string; df: number }>`
            SELECT term, df FROM search_terms
            WHERE term COLLATE "C" >= ${first} AND term COLLATE "C" < ${after}
              AND length(term) BETWEEN ${shortest} AND ${longest} AND df >= 2
            ORDER BY df DESC, term COLLATE "C" LIMIT ${limit}`.execute(this.db)
        : await sql<{ term: string; df: number }>`
            SELECT word AS term, ndoc AS df FROM ts_stat('SELECT tsv FROM search_docs')
            WHERE word COLLATE "C" >= ${first} AND word COLLATE "C" < ${after}
              AND length(word) BETWEEN ${shortest} AND ${longest} AND ndoc >= 2
            ORDER BY ndoc DESC, word COLLATE "C" LIMIT ${limit}`.execute(this.db);
    return rows.rows.map((r) => ({ term: r.term, df: Number(r.df) }));
  }

  /** Whether `search_terms` describes the store (checked once a minute). */
  private async tableTrusted(): Promise<boolean> {
    if (Date.now() - this.checkedAt < 60_000) return this.trusted;
    this.checkedAt = Date.now();
    const row = await sql<{ df: number }>`SELECT df FROM search_terms WHERE term = ''`.execute(
      this.db,
    );
    const watermark = row.rows[0]?.df;
    this.trusted =
      watermark !== undefined && termStatsTrusted(Number(watermark), await this.top(), this.budget);
    return this.trusted;
  }

  private async top(): Promise<number> {
    const row = await sql<{
      top: number | null;
    }>`SELECT max(docid) AS top FROM search_docs`.execute(this.db);
    return Number(row.rows[0]?.top ?? 0);
  }
}
