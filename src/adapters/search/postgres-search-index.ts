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
import {
  canMatch,
  type LexicalQuery,
  lexicalQuery,
  queryStems,
  scoredPhrases,
  stemsOf,
} from '../../core/search/lexical-query.ts';
import type {
  Highlight,
  HighlightSource,
  PaperSignals,
  SearchIndex,
  TextHit,
  TextQuery,
} from '../../core/search/ports.ts';
import { hasFilters, type SearchFilters } from '../../core/search/query.ts';
import {
  looksForTitle,
  placeFirst,
  type TitledHit,
  titledFirst,
  titleHolds,
} from '../../core/search/title-first.ts';
import type { Database } from '../db/schema.ts';
import { keyTerms } from './fts-query.ts';
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
    const terms = keyTerms(query.words);
    const plain = query.phrases.length === 0 && query.excluded.length === 0 && !hasFilters(filters);
    const impact = plain && terms.length > 0 ? await this.freshImpacts() : null;
    if (impact) return this.searchImpacts(impact, query, terms, limit);
    const plan = query.phrases.length > 0 ? null : await this.plan(terms);
    // Bounded plans rank some words only, without the whole-query title phrase (titles are
    // found apart, as on SQLite).
    const build = (ts: string[], join: 'OR' | 'AND') =>
      lexicalQuery(ts, [], query.excluded, filters.authors, [], join);
    if (plan === null) {
      const q = lexicalQuery(terms, query.phrases, query.excluded, filters.authors, query.words);
      return this.rank(q, filters, limit, false).then((hits) => hits.slice(0, limit).map(plainHit));
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
        for (const h of found.slice(0, limit)) if (!best.has(h.id)) best.set(h.id, h);
      }
      hits = [...best.values()].sort(byScoreThenId);
    }
    return this.titlesFirst(hits.slice(0, limit), query, filters, plan, limit);
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
   * (stored or changed since it was built); those whose title holds the whole query first.
   */
  private async searchImpacts(
    state: PostgresImpactState,
    query: TextQuery,
    terms: string[],
    limit: number,
  ): Promise<TextHit[]> {
    const stale = new Set(state.stale);
    const top = await (this.impacts as PostgresImpactIndex).search(
      state,
      terms.flatMap((t) => stemsOf(t)),
      limit + 20,
      stale,
    );
    const hits: TitledHit[] = [];
    const byDocid = new Map(
      (await this.papersByDocid(top.map((h) => h.docid))).map((p) => [p.docid, p]),
    );
    for (const h of top) {
      const p = byDocid.get(h.docid);
      if (p) hits.push({ id: p.id, score: h.score, signals: p.signals, title: p.title });
    }
    if (state.top > state.watermark || stale.size > 0) {
      const uncovered = sql`(d.docid > ${state.watermark} OR d.docid = ANY(${state.stale}::int[]))`;
      const q = lexicalQuery(terms, [], [], [], []);
      hits.push(...(await this.rank(q, NO_FILTERS, limit, false, uncovered)));
    }
    return titledFirst(hits.sort(byScoreThenId).slice(0, limit + 20), query.words, limit);
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
  return { id: h.id, score: h.score, signals: h.signals };
}
