/**
 * SearchIndex on PostgreSQL, ranking as SqliteSearchIndex does: GIN over `search_docs.tsv`
 * (migration 0207) finds the rows the query matches — words, phrases, author names, exclusions
 * — and core code scores them with FTS5's BM25 (bm25-score.ts) from their stems' positions, so
 * the same query ranks the same papers on both engines. The bounded plans (bounded-plan.ts)
 * keep the rows scored under a budget on large stores, exactly as on SQLite; exact titles are
 * placed first by core (title-first.ts). Shared by every process: nothing is held in memory
 * but caches keyed by the store's write version.
 */
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Progress } from '../../core/progress.ts';
import { bm25Score } from '../../core/search/bm25-score.ts';
import { type BoundedPlan, boundedPlan } from '../../core/search/bounded-plan.ts';
import { byScoreThenId } from '../../core/search/fuse.ts';
import { highlightPapers } from '../../core/search/highlight.ts';
import { type ImpactLag, impactsDue, impactsFresh } from '../../core/search/impact-scoring.ts';
import type { TermStat, TermStats } from '../../core/search/key-terms.ts';
import {
  canMatch,
  type LexicalQuery,
  lexicalQuery,
  queryStems,
  scoredPhrases,
  stemsOf,
} from '../../core/search/lexical-query.ts';
import { allBits, tallyOf, termBits, timesOf } from '../../core/search/match-bits.ts';
import type {
  Highlight,
  HighlightSource,
  PaperSignals,
  SearchIndex,
  TextHit,
  TextMatches,
  TextQuery,
} from '../../core/search/ports.ts';
import { hasFilters, type SearchFilters } from '../../core/search/query.ts';
import { keyTerms } from '../../core/search/stopwords.ts';
import {
  looksForTitle,
  placeFirst,
  type TitledHit,
  titledFirst,
  titleHolds,
} from '../../core/search/title-first.ts';
import type { Database } from '../db/schema.ts';
import {
  type ImpactBuildStats,
  PostgresImpactIndex,
  type PostgresImpactState,
} from './postgres-impact-index.ts';
import {
  authorQuery,
  candidateDoc,
  filterConditions,
  phraseQuery,
  tsquery,
} from './postgres-lexical.ts';
import { PostgresTermStats } from './postgres-term-stats.ts';

/** How many of the most recent papers with the query's two rarest words have their title checked. */
const TITLE_CANDIDATES = 300;

/** Most papers counted for a query with phrases but no loose words (as on SQLite). */
const PHRASE_COUNT_CAP = 10_000;

export interface PostgresSearchOptions {
  /** Most rows a query may score (summed document frequency of the terms ranked). Default 8,000. */
  budget?: number;
  /** Rank plain queries with the impact-ordered index when one is built and fresh. Default true. */
  impacts?: boolean;
  /** Postings an impact-ordered query adds before it stops (default 100,000). */
  postings?: number;
}

interface Row {
  docid: number;
  paper_id: string;
  length: number;
  hits: string;
}

export class PostgresSearchIndex implements SearchIndex {
  private readonly budget: number;
  private readonly terms: PostgresTermStats;
  private readonly impacts: PostgresImpactIndex | null;

  constructor(
    private readonly db: Kysely<Database>,
    options: PostgresSearchOptions = {},
  ) {
    this.budget = options.budget ?? 8000;
    this.terms = new PostgresTermStats(db, this.budget);
    this.impacts = options.impacts === false ? null : new PostgresImpactIndex(db, options.postings);
  }

  async searchText(query: TextQuery, filters: SearchFilters, limit: number): Promise<TextHit[]> {
    return (await this.match(query, filters, limit, false)).hits;
  }

  async matchText(query: TextQuery, filters: SearchFilters, limit: number): Promise<TextMatches> {
    return this.match(query, filters, limit, true);
  }

  private async match(
    query: TextQuery,
    filters: SearchFilters,
    limit: number,
    withTally: boolean,
  ): Promise<TextMatches> {
    const terms = keyTerms(query.words);
    const bits = termBits(terms);
    const all = allBits(bits);
    const times = timesOf(query);
    const plain = query.phrases.length === 0 && query.excluded.length === 0 && !hasFilters(filters);
    if (plain && terms.length > 0 && this.impacts) {
      const found = await this.searchImpacts(this.impacts, query, terms, bits, limit, withTally);
      if (found) return found;
    }
    const plan = query.phrases.length > 0 ? null : await this.plan(terms);
    // A weighted (key-term) query is no typed title: it is not looked for as one.
    const titlePhrase = query.weights ? [] : query.words;
    // Bounded plans rank some words only, without the whole-query title phrase (titles are
    // found apart, as on SQLite).
    const build = (ts: string[], join: 'OR' | 'AND') =>
      lexicalQuery(ts, [], query.excluded, filters.authors, [], join, times);
    const tallied = async (hits: TextHit[], counted: string[], complete: boolean) => {
      if (!withTally) return { hits, tally: { counts: new Map(), complete: false } };
      const masks = await this.masks(query, filters, terms, counted, bits);
      for (const h of hits) if (!masks.has(h.id)) masks.set(h.id, all);
      return {
        hits: hits.map((h) => ({ ...h, matched: masks.get(h.id) ?? 0 })),
        tally: { counts: tallyOf(masks.values()), complete },
      };
    };
    if (plan === null) {
      const q = lexicalQuery(
        terms,
        query.phrases,
        query.excluded,
        filters.authors,
        titlePhrase,
        'OR',
        times,
      );
      const ranked = await this.rank(q, filters, limit, false);
      return tallied(ranked.slice(0, limit).map(plainHit), terms, true);
    }
    let hits: TitledHit[];
    if (plan.kind === 'rarest') {
      hits = await this.rank(build(plan.terms, 'OR'), filters, limit, false);
    } else {
      // Every word is common: papers with the three rarest words, then two, then the rarest
      // alone until there are `limit`, each ranked among its most recently stored `budget`.
      const best = new Map<string, TitledHit>();
      for (let k = plan.terms.length; k >= 1 && best.size < limit; k--) {
        const found = await this.rank(build(plan.terms.slice(0, k), 'AND'), filters, limit, true);
        const matched = plan.terms
          .slice(0, k)
          .reduce((m, t) => m | (bits[terms.indexOf(t)] ?? 0), 0);
        for (const h of found.slice(0, limit))
          if (!best.has(h.id)) best.set(h.id, { ...h, matched });
      }
      hits = [...best.values()].sort(byScoreThenId);
    }
    const ranked = query.weights
      ? hits.slice(0, limit).map(plainHit)
      : await this.titlesFirst(hits.slice(0, limit), query, filters, plan, limit);
    if (plan.kind === 'rarest') return tallied(ranked, plan.terms, false);
    // Common words only: what was ranked is all that is known.
    const withBits = ranked.map((h) => ({ ...h, matched: h.matched ?? all }));
    return {
      hits: withBits,
      tally: { counts: tallyOf(withBits.map((h) => h.matched)), complete: false },
    };
  }

  async termStats(words: string[]): Promise<TermStats> {
    const unique = [...new Set(words)];
    const { dfs, docs } = await this.terms.withDocuments(unique, true);
    const out = new Map<string, TermStat>();
    unique.forEach((word, i) => {
      out.set(word, { stem: stemsOf(word)[0] ?? word, df: dfs[i]?.df ?? 0 });
    });
    return { documents: docs, words: out };
  }

  async spellingCandidates(word: string, limit: number): Promise<{ term: string; df: number }[]> {
    return this.terms.near(word, stemsOf(word)[0] ?? word, limit);
  }

  async keepMatching(
    ids: string[],
    filters: SearchFilters,
    excluded: string[][],
  ): Promise<string[]> {
    if (ids.length === 0) return [];
    const conditions = this.paperConditions(filters);
    const not = lexicalQuery([], [], excluded, []).excluded;
    if (not.length > 0) {
      const q = not.map(phraseQuery).join(' | ');
      conditions.push(
        sql`NOT EXISTS (SELECT 1 FROM search_docs d WHERE d.paper_id = p.id AND d.tsv @@ ${q}::tsquery)`,
      );
    }
    const rows = await sql<{ id: string }>`
      SELECT p.id FROM papers p WHERE p.id = ANY(${ids}) ${and(conditions)}`.execute(this.db);
    const keep = new Set(rows.rows.map((r) => r.id));
    return ids.filter((id) => keep.has(id));
  }

  async listFiltered(filters: SearchFilters, limit: number): Promise<string[]> {
    const rows = await sql<{ id: string }>`
      SELECT p.id FROM papers p WHERE true ${and(this.paperConditions(filters))}
      ORDER BY p.submitted_at DESC NULLS LAST, p.id COLLATE "C" LIMIT ${limit}`.execute(this.db);
    return rows.rows.map((r) => r.id);
  }

  async signals(ids: string[]): Promise<Map<string, PaperSignals>> {
    return new Map((await this.papers(ids)).map((p) => [p.id, p.signals]));
  }

  async highlight(papers: HighlightSource[], query: TextQuery): Promise<Map<string, Highlight>> {
    const words = [...new Set([...keyTerms(query.words), ...query.phrases.flat()])];
    if (papers.length === 0 || words.length === 0) return new Map();
    return highlightPapers(papers, [...new Set(words.flatMap((w) => stemsOf(w)))]);
  }

  /** Copies every stem's document frequency into `search_terms` (upkeep). Returns how many. */
  async refreshTermStats(): Promise<number> {
    return this.terms.refresh();
  }

  /** Builds the impact-ordered index anew (upkeep, after refreshTermStats); null without one. */
  async buildImpacts(progress?: Progress): Promise<ImpactBuildStats | null> {
    return this.impacts ? this.impacts.build(progress) : null;
  }

  /** Whether the impact index should be rebuilt (core's rule, as on SQLite). */
  async impactsDue(now: Date, maxAgeMs: number): Promise<boolean> {
    if (!this.impacts) return false;
    const state = await this.impacts.state();
    return impactsDue(state && lagOf(state), now, maxAgeMs, this.budget);
  }

  /** Whether plain queries are ranked by the impact index now, and what it lags by. */
  async impactStatus(): Promise<{ docs: number; behind: number; stale: number } | null> {
    const state = await this.freshImpacts();
    return state
      ? { docs: state.docs, behind: state.top - state.watermark, stale: state.stale.length }
      : null;
  }

  private async freshImpacts(): Promise<PostgresImpactState | null> {
    const state = await this.impacts?.state();
    return state && impactsFresh(lagOf(state), this.budget) ? state : null;
  }

  /**
   * The impact index's top documents merged with exact BM25 of the papers it does not cover
   * (stored or changed since it was built); those whose title holds the whole query first. The
   * tally is the impact walk's, plus the uncovered papers' bits (as SqliteSearchIndex). Null
   * when no generation is live or it lags too far behind to answer (the plans answer then).
   */
  private async searchImpacts(
    impacts: PostgresImpactIndex,
    query: TextQuery,
    terms: string[],
    bits: number[],
    limit: number,
    withTally: boolean,
  ): Promise<TextMatches | null> {
    const times = timesOf(query);
    const perStem = <T>(of: (term: string, i: number) => T) =>
      terms.flatMap((t, i) => stemsOf(t).map(() => of(t, i)));
    const read = await impacts.search(
      terms.flatMap((t) => stemsOf(t)),
      limit + 20,
      (state) => impactsFresh(lagOf(state), this.budget),
      perStem(times),
      perStem((_, i) => bits[i] ?? 0),
    );
    if (!read?.found) return null;
    const { state, found } = read;
    const stale = new Set(state.stale);
    const hits: TitledHit[] = [];
    const byDocid = new Map(
      (await this.papersByDocid(found.hits.map((h) => h.docid))).map((p) => [p.docid, p]),
    );
    for (const h of found.hits) {
      const p = byDocid.get(h.docid);
      if (p)
        hits.push({
          id: p.id,
          score: h.score,
          signals: p.signals,
          title: p.title,
          matched: h.mask,
        });
    }
    const counts = found.tally;
    if (state.top > state.watermark || stale.size > 0) {
      const uncovered = sql`(d.docid > ${state.watermark} OR d.docid = ANY(${state.stale}::int[]))`;
      const q = lexicalQuery(terms, [], [], [], [], 'OR', times);
      const more = await this.rank(q, NO_FILTERS, limit, false, uncovered);
      const masks = withTally
        ? await this.masks(query, NO_FILTERS, terms, terms, bits, uncovered)
        : new Map<string, number>();
      for (const m of masks.values()) counts.set(m, (counts.get(m) ?? 0) + 1);
      hits.push(...more.map((h) => ({ ...h, matched: masks.get(h.id) })));
    }
    const all = allBits(bits);
    const titled = titledFirst(
      hits.sort(byScoreThenId).slice(0, limit + 20),
      query.weights ? [] : query.words,
      limit,
    ).map((h) => (h.matched === undefined ? { ...h, matched: all } : h));
    return withTally
      ? { hits: titled, tally: { counts, complete: found.complete } }
      : { hits: titled, tally: { counts: new Map(), complete: false } };
  }

  private async plan(terms: string[]): Promise<BoundedPlan | null> {
    if (terms.length === 0) return null;
    return boundedPlan(await this.terms.documentFrequencies(terms), this.budget);
  }

  /**
   * The best `limit` (a few more, for ties at the cut) rows matching `q` within `filters` by
   * FTS5's BM25 — of every match, or with `recent` of the most recently stored `budget`.
   */
  private async rank(
    q: LexicalQuery,
    filters: SearchFilters,
    limit: number,
    recent: boolean,
    only?: RawBuilder<unknown>,
  ): Promise<TitledHit[]> {
    if (!canMatch(q)) return [];
    const conditions = filterConditions(filters);
    if (only) conditions.push(only);
    const rows = await sql<Row>`
      SELECT d.docid, d.paper_id, d.length,
        ts_delete(d.tsv, tsvector_to_array(ts_delete(d.tsv, ${queryStems(q)}::text[])))::text AS hits
      FROM search_docs d ${conditions.length > 0 ? sql`JOIN papers p ON p.id = d.paper_id` : sql``}
      WHERE d.tsv @@ ${tsquery(q)}::tsquery ${and(conditions)}
      ${recent ? sql`ORDER BY d.docid DESC LIMIT ${this.budget}` : sql``}`.execute(this.db);
    if (rows.rows.length === 0) return [];
    const phrases = scoredPhrases(q);
    const stats = await this.terms.phraseStats(phrases);
    const scored = rows.rows
      .map((r) => ({
        id: r.paper_id,
        score: bm25Score(candidateDoc(r.length, r.hits), phrases, stats),
      }))
      .sort(byScoreThenId)
      .slice(0, limit + 20);
    const known = new Map((await this.papers(scored.map((h) => h.id))).map((p) => [p.id, p]));
    return scored.flatMap((h) => {
      const p = known.get(h.id);
      return p ? [{ ...h, signals: p.signals, title: p.title }] : [];
    });
  }

  /**
   * Papers whose title holds the whole query, in order, ranked above `hits`: the most recent
   * papers with the two rarest words, checked in core (as SqliteSearchIndex.titlesFirst).
   */
  private async titlesFirst(
    hits: TitledHit[],
    query: TextQuery,
    filters: SearchFilters,
    plan: BoundedPlan,
    limit: number,
  ): Promise<TextHit[]> {
    if (!looksForTitle(query.words)) return hits.map(plainHit);
    const q = lexicalQuery(plan.byRarity.slice(0, 2), [], [], [], [], 'AND');
    if (!canMatch(q)) return titledFirst(hits, [], limit);
    const rows = await sql<{ id: string; title: string }>`
      SELECT p.id, p.title FROM search_docs d JOIN papers p ON p.id = d.paper_id
      WHERE d.tsv @@ ${tsquery(q)}::tsquery ORDER BY d.docid DESC LIMIT ${TITLE_CANDIDATES}`.execute(
      this.db,
    );
    const found = rows.rows.filter((r) => titleHolds(r.title, query.words)).map((r) => r.id);
    if (found.length === 0) return hits.map(plainHit);
    return placeFirst(hits, await this.keepMatching(found, filters, query.excluded), limit);
  }

  /**
   * Paper id → bits of the `counted` key terms it holds, for every paper matching the query's
   * requirements (phrases, authors, filters, no excluded word) and one of them — as SQLite's
   * maskByPaper. Only asked when those terms' matches are within the ranking budget; a query
   * of phrases only counts at most PHRASE_COUNT_CAP papers.
   */
  private async masks(
    query: TextQuery,
    filters: SearchFilters,
    terms: string[],
    counted: string[],
    bits: number[],
    /** A further condition on the rows `d` (the papers an impact index does not cover). */
    only?: RawBuilder<unknown>,
  ): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    const q = lexicalQuery(counted, query.phrases, query.excluded, filters.authors, [], 'OR');
    if (!canMatch(q)) return out;
    // The loose part is only the counted terms (not the phrases again): a paper must hold one.
    const loose = counted.length > 0 ? { ...q, anyOf: q.anyOf.slice(0, counted.length) } : q;
    const bitOf = counted.map((t) => {
      const stems = stemsOf(t);
      const bit = bits[terms.indexOf(t)] ?? 0;
      return stems.length === 0
        ? sql`0`
        : sql`(CASE WHEN d.tsv @@ ${phraseQuery({ stems, column: null })}::tsquery THEN ${bit}::int ELSE 0 END)`;
    });
    const mask = bitOf.length > 0 ? sql.join(bitOf, sql` | `) : sql`0`;
    const conditions = filterConditions(filters);
    if (only) conditions.push(only);
    const rows = await sql<{ paper_id: string; m: number }>`
      SELECT d.paper_id, ${mask} AS m
      FROM search_docs d ${conditions.length > 0 ? sql`JOIN papers p ON p.id = d.paper_id` : sql``}
      WHERE d.tsv @@ ${tsquery(loose)}::tsquery ${and(conditions)}
      ${counted.length === 0 ? sql`LIMIT ${PHRASE_COUNT_CAP}` : sql``}`.execute(this.db);
    for (const r of rows.rows) out.set(r.paper_id, Number(r.m));
    return out;
  }

  /** Conditions on papers `p` for category, date and author filters. */
  private paperConditions(filters: SearchFilters): RawBuilder<unknown>[] {
    const conditions = filterConditions(filters);
    const authors = authorQuery(filters.authors, stemsOf);
    if (authors) {
      conditions.push(
        sql`EXISTS (SELECT 1 FROM search_docs d WHERE d.paper_id = p.id AND d.tsv @@ ${authors}::tsquery)`,
      );
    }
    return conditions;
  }

  private async papersByDocid(
    docids: number[],
  ): Promise<{ docid: number; id: string; title: string; signals: PaperSignals }[]> {
    if (docids.length === 0) return [];
    const rows = await sql<PaperRow & { docid: number }>`
      SELECT d.docid, p.id, p.title, p.submitted_at, p.upvotes, p.categories
      FROM search_docs d JOIN papers p ON p.id = d.paper_id WHERE d.docid = ANY(${docids}::int[])`.execute(
      this.db,
    );
    return rows.rows.map((r) => ({ docid: r.docid, ...paperOf(r) }));
  }

  private async papers(
    ids: string[],
  ): Promise<{ id: string; title: string; signals: PaperSignals }[]> {
    if (ids.length === 0) return [];
    const rows = await sql<PaperRow>`
      SELECT id, title, submitted_at, upvotes, categories FROM papers WHERE id = ANY(${ids})`.execute(
      this.db,
    );
    return rows.rows.map(paperOf);
  }
}

interface PaperRow {
  id: string;
  title: string;
  submitted_at: string | null;
  upvotes: number;
  categories: string;
}

function paperOf(r: PaperRow): { id: string; title: string; signals: PaperSignals } {
  return {
    id: r.id,
    title: r.title,
    signals: {
      id: r.id,
      submittedAt: r.submitted_at,
      upvotes: Number(r.upvotes),
      categories: JSON.parse(r.categories) as string[],
    },
  };
}

const NO_FILTERS: SearchFilters = { authors: [], categories: [], from: null, to: null };

function lagOf(state: PostgresImpactState): ImpactLag {
  return {
    behind: state.top - state.watermark,
    stale: state.stale.length,
    builtAt: state.builtAt,
  };
}

function and(conditions: RawBuilder<unknown>[]): RawBuilder<unknown> {
  return conditions.length > 0 ? sql`AND ${sql.join(conditions, sql` AND `)}` : sql``;
}

function plainHit(h: TextHit): TextHit {
  return { id: h.id, score: h.score, signals: h.signals, matched: h.matched };
}
