/**
 * SearchIndex over SQLite FTS5 (migration 0201): BM25 with the title weighted above abstract and
 * authors, Porter stemming, filters joined in SQL; highlights mark FTS5's stems of the query words.
 *
 * Plain queries (words only) on a store whose impact-ordered index is built and current are
 * ranked by it (SqliteImpactIndex: score-at-a-time over quantised BM25 impacts), with papers it
 * does not cover ranked by FTS5 and merged. Everything else — phrases, exclusions, filters, or
 * no current index — is ranked by FTS5 with bounded plans: FTS5 scores every row an OR query
 * matches (µs per row), so when the words' summed document frequency (Fts5TermStats) exceeds a
 * budget, only the rarest words whose matches fit it are ranked (they carry most of BM25's weight
 * through idf); when even the rarest word is over budget, papers with the three rarest words,
 * then two, then one, each among the most recently stored `budget` matches; whole titles are
 * found apart from FTS5. Small stores and phrase queries get exact BM25. Measured in
 * bench/search (overlap with exact BM25); see docs/benchmarks/search-speed.md.
 */
import type { Progress } from '../../core/progress.ts';
import { type BoundedPlan, boundedPlan } from '../../core/search/bounded-plan.ts';
import { byScoreThenId, type Scored } from '../../core/search/fuse.ts';
import { highlightPapers } from '../../core/search/highlight.ts';
import {
  DEFAULT_POSTINGS,
  type ImpactLag,
  impactsDue,
  impactsFresh,
} from '../../core/search/impact-scoring.ts';
import type { TermStat, TermStats } from '../../core/search/key-terms.ts';
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
import type { SqliteGate } from '../db/sqlite/sqlite-gate.ts';
import type { Prepare } from '../db/sqlite/statement-cache.ts';
import { excludedExpr, matchExpr, quote } from './fts-query.ts';
import { Fts5TermStats } from './fts5-term-stats.ts';
import {
  type ImpactBuildStats,
  type ImpactState,
  SqliteImpactIndex,
} from './sqlite-impact-index.ts';
import { maskByDocid, maskByPaper } from './sqlite-match-tally.ts';
import { authorParams, authorSql, filterSql, type WhereSql } from './sqlite-search-filters.ts';

/** How many of the most recent papers with the query's two rarest words have their title checked. */
const TITLE_CANDIDATES = 300;

export interface SqliteSearchOptions {
  /** BM25 column weights: title, abstract, authors. */
  weights?: [number, number, number];
  /** Most rows a query may rank (summed document frequency of the terms ranked). Default 8,000. */
  budget?: number;
  /** Rank plain queries with the impact-ordered index when one is built and fresh. Default true. */
  impacts?: boolean;
  /** Postings an impact-ordered query adds before it stops (default 100,000). */
  postings?: number;
}

const DEFAULT_WEIGHTS: [number, number, number] = [3, 1, 1];
const ID_CHUNK = 500;

export class SqliteSearchIndex implements SearchIndex {
  private readonly weights: [number, number, number];
  private readonly budget: number;
  private readonly impacts: SqliteImpactIndex | null;
  private readonly sql: Prepare;
  private readonly terms: Fts5TermStats;

  constructor(
    private readonly gate: SqliteGate,
    options: SqliteSearchOptions = {},
  ) {
    this.weights = options.weights ?? DEFAULT_WEIGHTS;
    this.budget = options.budget ?? 8000;
    this.sql = gate.statements();
    this.terms = new Fts5TermStats(gate, this.sql, this.budget);
    this.impacts =
      options.impacts === false
        ? null
        : new SqliteImpactIndex(gate, this.sql, this.weights, options.postings ?? DEFAULT_POSTINGS);
  }

  async searchText(query: TextQuery, filters: SearchFilters, limit: number): Promise<TextHit[]> {
    return this.gate.run(() => this.matchNow(query, filters, limit, false).hits);
  }

  async matchText(query: TextQuery, filters: SearchFilters, limit: number): Promise<TextMatches> {
    return this.gate.run(() => this.matchNow(query, filters, limit, true));
  }

  private matchNow(
    query: TextQuery,
    filters: SearchFilters,
    limit: number,
    withTally: boolean,
  ): TextMatches {
    const terms = keyTerms(query.words);
    const bits = termBits(terms);
    const times = timesOf(query);
    // A weighted (key-term) query is no typed title: it is not looked for as one.
    const titlePhrase = query.weights ? [] : query.words;
    const full = matchExpr(terms, query.phrases, query.excluded, filters, titlePhrase, 'OR', times);
    if (!full) return { hits: [], tally: { counts: new Map(), complete: true } };
    const plain = query.phrases.length === 0 && query.excluded.length === 0 && !hasFilters(filters);
    const impact = plain ? this.freshImpacts() : null;
    if (impact) return this.searchImpacts(impact, query, terms, bits, limit);
    const where = filterSql(filters);
    const plan = query.phrases.length > 0 ? null : this.plan(terms);
    const tallied = (hits: TextHit[], counted: string[], complete: boolean): TextMatches => {
      if (!withTally) return { hits, tally: { counts: new Map(), complete: false } };
      const masks = maskByPaper(
        this.sql,
        {
          terms: counted,
          bits: counted.map((t) => bits[terms.indexOf(t)] ?? 0),
          phrases: query.phrases,
          excluded: query.excluded,
          authors: filters.authors,
        },
        where,
      );
      for (const h of hits) if (!masks.has(h.id)) masks.set(h.id, allBits(bits));
      return {
        hits: hits.map((h) => ({ ...h, matched: masks.get(h.id) ?? 0 })),
        tally: { counts: tallyOf(masks.values()), complete },
      };
    };
    if (plan === null) return tallied(this.rank(full, where, limit), terms, true);
    // Bounded plans leave the whole-query title phrase out of the FTS5 expression (FTS5 walks
    // every word's positions for it: 4x the cost at 1M papers) and find titles separately.
    const expr = (ts: string[], join: 'OR' | 'AND') =>
      matchExpr(ts, [], query.excluded, filters, [], join, times) as string;
    let hits: TextHit[];
    if (plan.kind === 'rarest') {
      hits = this.rank(expr(plan.terms, 'OR'), where, limit);
    } else {
      // Every word is common: papers with the three rarest words, then two, then the rarest
      // alone until there are `limit`, each ranked among its most recently stored `budget`.
      const best = new Map<string, TextHit>();
      for (let k = plan.terms.length; k >= 1 && best.size < limit; k--) {
        const found = this.rankRecent(expr(plan.terms.slice(0, k), 'AND'), where, limit);
        const matched = plan.terms
          .slice(0, k)
          .reduce((m, t) => m | (bits[terms.indexOf(t)] ?? 0), 0);
        for (const h of found) if (!best.has(h.id)) best.set(h.id, { ...h, matched });
      }
      hits = [...best.values()].sort(byScoreThenId).slice(0, limit);
    }
    if (!query.weights) hits = this.titlesFirst(hits, query, filters, plan.byRarity, limit);
    if (plan.kind === 'rarest') return tallied(hits.slice(0, limit), plan.terms, false);
    // Common words only: what was ranked is all that is known.
    const counts = tallyOf(hits.map((h) => h.matched ?? allBits(bits)));
    return {
      hits: hits.map((h) => ({ ...h, matched: h.matched ?? allBits(bits) })),
      tally: { counts, complete: false },
    };
  }

  async spellingCandidates(word: string, limit: number): Promise<{ term: string; df: number }[]> {
    const stem = this.terms.stems([word])[0] ?? word;
    return this.terms.near(word, stem, limit);
  }

  async termStats(words: string[]): Promise<TermStats> {
    const unique = [...new Set(words)];
    const stems = this.terms.stems(unique);
    const dfs = this.terms.documentFrequencies(unique);
    const out = new Map<string, TermStat>();
    unique.forEach((word, i) => {
      out.set(word, { stem: stems[i] ?? word, df: dfs[i]?.df ?? 0 });
    });
    return { documents: this.terms.documents(), words: out };
  }

  /**
   * Builds the impact-ordered index anew (the `store:optimize` job, after refreshTermStats).
   * Null when this index was made without one.
   */
  async buildImpacts(progress?: Progress): Promise<ImpactBuildStats | null> {
    return this.impacts ? this.impacts.build(progress) : null;
  }

  /**
   * Copies every term's document frequency into `search_terms` (the `store:optimize` job).
   * Returns how many terms.
   */
  async refreshTermStats(): Promise<number> {
    return this.terms.refresh();
  }

  async keepMatching(
    ids: string[],
    filters: SearchFilters,
    excluded: string[][],
  ): Promise<string[]> {
    return this.gate.run(() => this.keepMatchingNow(ids, filters, excluded));
  }

  private keepMatchingNow(ids: string[], filters: SearchFilters, excluded: string[][]): string[] {
    if (ids.length === 0) return [];
    const where = filterSql(filters);
    const not = excludedExpr(excluded);
    const keep = new Set<string>();
    for (let i = 0; i < ids.length; i += ID_CHUNK) {
      const chunk = JSON.stringify(ids.slice(i, i + ID_CHUNK));
      const rows = this.sql(
        `SELECT p.id FROM papers p WHERE p.id IN (SELECT value FROM json_each(?)) ${where.sql}
           ${authorSql(filters)}`,
      )
        .pluck()
        .all(chunk, ...where.params, ...authorParams(filters)) as string[];
      for (const id of rows) keep.add(id);
      if (not) {
        const bad = this.sql(
          `SELECT d.paper_id FROM papers_fts f JOIN paper_docids d ON d.docid = f.rowid
             WHERE papers_fts MATCH ? AND d.paper_id IN (SELECT value FROM json_each(?))`,
        )
          .pluck()
          .all(not, chunk) as string[];
        for (const id of bad) keep.delete(id);
      }
    }
    return ids.filter((id) => keep.has(id));
  }

  async listFiltered(filters: SearchFilters, limit: number): Promise<string[]> {
    const where = filterSql(filters);
    return this.gate.run(
      () =>
        this.sql(
          `SELECT p.id FROM papers p WHERE 1 = 1 ${where.sql} ${authorSql(filters)}
             ORDER BY p.submitted_at DESC, p.id LIMIT ?`,
        )
          .pluck()
          .all(...where.params, ...authorParams(filters), limit) as string[],
    );
  }

  async signals(ids: string[]): Promise<Map<string, PaperSignals>> {
    return this.gate.run(() => {
      const out = new Map<string, PaperSignals>();
      for (let i = 0; i < ids.length; i += ID_CHUNK) {
        const rows = this.sql(
          `SELECT id, submitted_at, upvotes, categories FROM papers INDEXED BY papers_signals
             WHERE id IN (SELECT value FROM json_each(?))`,
        ).all(JSON.stringify(ids.slice(i, i + ID_CHUNK))) as SignalRow[];
        for (const r of rows) out.set(r.id, signalsOf(r));
      }
      return out;
    });
  }

  async highlight(papers: HighlightSource[], query: TextQuery): Promise<Map<string, Highlight>> {
    const words = [...new Set([...keyTerms(query.words), ...query.phrases.flat()])];
    if (papers.length === 0 || words.length === 0) return new Map();
    const stems = [...new Set(await this.gate.run(() => this.terms.stems(words)))];
    return highlightPapers(papers, stems);
  }

  /**
   * The impact index's top documents merged with FTS5's ranking of the papers it does not cover
   * (stored since it was built, or changed since); those whose title holds the whole query
   * first. Their titles come with the hits, so the check costs nothing: an exact title scores
   * title×3 on every word and is among the hits unless its words are common and its paper one
   * of very many with them (the FTS5 plans look further, at a price — docs/benchmarks/search-speed.md).
   */
  private searchImpacts(
    impact: ImpactCoverage,
    query: TextQuery,
    terms: string[],
    bits: number[],
    limit: number,
  ): TextMatches {
    const { index, state, top } = impact;
    const stems = this.terms.stems(terms);
    const times = timesOf(query);
    const stale = new Set(impact.stale);
    const found = index.search(state, stems, limit + 20, stale, terms.map(times), bits);
    const rows = found.hits.map((h) => ({ docid: h.docid, r: -h.score }));
    const masks = new Map(found.hits.map((h) => [h.docid, h.mask]));
    const counts = found.tally;
    if (top > state.watermark || stale.size > 0) {
      // Papers the index does not cover: ranked by FTS5, their bits read per term (few papers).
      const expr = matchExpr(terms, [], [], { authors: [] }, [], 'OR', times) as string;
      const changed = JSON.stringify([...stale]);
      const parts: [string, unknown[]][] = [['AND rowid > ?', [state.watermark]]];
      if (stale.size > 0) parts.push(['AND rowid IN (SELECT value FROM json_each(?))', [changed]]);
      for (const [condition, params] of parts) {
        rows.push(...this.ftsRows(expr, condition, params, 'rank', limit));
        for (const [docid, m] of maskByDocid(this.sql, terms, bits, condition, params)) {
          masks.set(docid, m);
          counts.set(m, (counts.get(m) ?? 0) + 1);
        }
      }
      rows.sort((x, y) => x.r - y.r || x.docid - y.docid);
    }
    const hits = this.byPaperId(rows.slice(0, limit + 20))
      .map((h) => ({ ...h, matched: masks.get(h.docid) ?? 0 }))
      .sort(byScoreThenId);
    const all = allBits(bits);
    const titled = titledFirst(hits, query.weights ? [] : query.words, limit);
    return {
      hits: titled.map((h) => (h.matched === undefined ? { ...h, matched: all } : h)),
      tally: { counts, complete: found.complete },
    };
  }

  /**
   * Whether the impact index should be rebuilt: never built, built `maxAgeMs` ago or earlier,
   * or (at most hourly) halfway to lagging too far: half the budget of new papers, or half the
   * changed ones tolerated. The store:optimize job asks every 15 minutes.
   */
  async impactsDue(now: Date, maxAgeMs: number): Promise<boolean> {
    if (!this.impacts) return false;
    const c = await this.gate.run(() => this.coverage());
    return impactsDue(c && lagOf(c), now, maxAgeMs, this.budget);
  }

  /**
   * Whether plain queries are ranked by the impact index now: its coverage, or null when there
   * is none or it lags too far behind (FTS5 plans answer then). For `paperboy doctor` and tests.
   */
  async impactStatus(): Promise<{ docs: number; behind: number; stale: number } | null> {
    const fresh = await this.gate.run(() => this.freshImpacts());
    return fresh
      ? {
          docs: fresh.state.docs,
          behind: fresh.top - fresh.state.watermark,
          stale: fresh.stale.length,
        }
      : null;
  }

  /**
   * The live impact index when it is current enough to answer: not more new papers than the
   * budget behind the store, not too many changed ones. Otherwise (or with none) null, and the
   * FTS5 plans answer until the next `store:optimize`.
   */
  private freshImpacts(): ImpactCoverage | null {
    const c = this.coverage();
    return c && impactsFresh(lagOf(c), this.budget) ? c : null;
  }

  /** The live impact index and what it does not cover, or null when none is built. */
  private coverage(): ImpactCoverage | null {
    const index = this.impacts;
    const state = index?.state();
    if (!index || !state) return null;
    const top = (this.sql('SELECT max(docid) FROM paper_docids').pluck().get() ?? 0) as number;
    return { index, state, top, stale: index.staleDocids() };
  }

  /**
   * FTS5's rows for `expr` under an extra condition on them, ranked by our bm25() weights
   * (negative: lower is better), in `order`, at most `limit`.
   */
  private ftsRows(
    expr: string,
    condition: string,
    params: unknown[],
    order: 'rank' | 'rowid DESC',
    limit: number,
  ): { docid: number; r: number }[] {
    return this.sql(
      `SELECT rowid AS docid, rank AS r FROM papers_fts
       WHERE papers_fts MATCH ? AND rank MATCH ? ${condition} ORDER BY ${order} LIMIT ?`,
    ).all(expr, this.rankFn(), ...params, limit) as { docid: number; r: number }[];
  }

  /** Exact BM25 ranking of every row `expr` matches. bm25() is negative: lower is better. */
  private rank(expr: string, where: WhereSql, limit: number): Scored[] {
    if (where.join === '') {
      // No filter on papers: rank FTS5's rows alone, then look up the paper ids of the top
      // `limit` only (joining paper_docids inside cost a lookup for every ranked row).
      return this.byPaperId(this.ftsRows(expr, '', [], 'rank', limit)).sort(byScoreThenId);
    }
    const rows = this.sql(
      `SELECT d.paper_id AS id, rank AS r FROM papers_fts f
         JOIN paper_docids d ON d.docid = f.rowid ${where.join}
         WHERE papers_fts MATCH ? AND rank MATCH ? ${where.sql}
         ORDER BY rank LIMIT ?`,
    ).all(expr, this.rankFn(), ...where.params, limit) as { id: string; r: number }[];
    return rows.map((row) => ({ id: row.id, score: -row.r }));
  }

  /**
   * BM25 ranking of only the most recently stored `budget` rows `expr` matches (FTS5 returns
   * them by descending rowid and scores each as it goes): bounded work for common words.
   */
  private rankRecent(expr: string, where: WhereSql, limit: number): Scored[] {
    if (where.join === '') {
      const rows = this.ftsRows(expr, '', [], 'rowid DESC', this.budget);
      rows.sort((a, b) => a.r - b.r);
      // A few beyond `limit`, so that ties at the cut are still broken by paper id.
      return this.byPaperId(rows.slice(0, limit + 20))
        .sort(byScoreThenId)
        .slice(0, limit);
    }
    const rows = this.sql(
      `SELECT d.paper_id AS id, rank AS r FROM papers_fts f
         JOIN paper_docids d ON d.docid = f.rowid ${where.join}
         WHERE papers_fts MATCH ? AND rank MATCH ? ${where.sql}
         ORDER BY f.rowid DESC LIMIT ?`,
    ).all(expr, this.rankFn(), ...where.params, this.budget) as { id: string; r: number }[];
    return rows
      .map((row) => ({ id: row.id, score: -row.r }))
      .sort(byScoreThenId)
      .slice(0, limit);
  }

  /**
   * Paper ids of ranked FTS5 rows, bm25 negated (higher is better), with their ranking signals
   * read in the same lookup (searchPapers needs them next); unknown docids dropped.
   */
  private byPaperId(rows: { docid: number; r: number }[]): DocHit[] {
    if (rows.length === 0) return [];
    const found = this.sql(
      `SELECT d.docid, p.id, p.submitted_at, p.upvotes, p.categories, p.title
       FROM paper_docids d JOIN papers p INDEXED BY papers_signals ON p.id = d.paper_id
       WHERE d.docid IN (SELECT value FROM json_each(?))`,
    ).all(JSON.stringify(rows.map((r) => r.docid))) as (SignalRow & {
      docid: number;
      title: string;
    })[];
    const byDocid = new Map(found.map((r) => [r.docid, r]));
    return rows.flatMap((row) => {
      const paper = byDocid.get(row.docid);
      return paper === undefined
        ? []
        : [
            {
              id: paper.id,
              score: -row.r,
              signals: signalsOf(paper),
              title: paper.title,
              docid: row.docid,
            },
          ];
    });
  }

  private rankFn(): string {
    return `bm25(${this.weights.join(', ')})`;
  }

  /**
   * Papers whose title holds the whole query, in order, ranked above `hits` (an exact title
   * must win at any size). Candidates are the most recent papers with the two rarest words,
   * checked in JS — FTS5's phrase or title-column matching costs tens of ms at 1M papers.
   */
  private titlesFirst(
    hits: TextHit[],
    query: TextQuery,
    filters: SearchFilters,
    byRarity: string[],
    limit: number,
  ): TextHit[] {
    const words = query.words;
    if (!looksForTitle(words)) return hits;
    const rows = this.sql(
      `SELECT d.paper_id AS id, p.title AS title FROM papers_fts f
         JOIN paper_docids d ON d.docid = f.rowid
         JOIN papers p INDEXED BY papers_signals ON p.id = d.paper_id
         WHERE papers_fts MATCH ? ORDER BY f.rowid DESC LIMIT ?`,
    ).all(byRarity.slice(0, 2).map(quote).join(' AND '), TITLE_CANDIDATES) as {
      id: string;
      title: string;
    }[];
    const found = rows.filter((r) => titleHolds(r.title, words)).map((r) => r.id);
    if (found.length === 0) return hits;
    return placeFirst(hits, this.keepMatchingNow(found, filters, query.excluded), limit);
  }

  /** Which terms to rank when ranking them all would exceed the budget (bounded-plan.ts). */
  private plan(terms: string[]): BoundedPlan | null {
    if (terms.length === 0) return null;
    return boundedPlan(this.terms.documentFrequencies(terms), this.budget);
  }
}

/** The live impact index, its generation, the store's newest docid and changed docids. */
interface ImpactCoverage {
  index: SqliteImpactIndex;
  state: ImpactState;
  top: number;
  stale: number[];
}

function lagOf(c: ImpactCoverage): ImpactLag {
  return { behind: c.top - c.state.watermark, stale: c.stale.length, builtAt: c.state.builtAt };
}

interface SignalRow {
  id: string;
  submitted_at: string | null;
  upvotes: number;
  categories: string;
}

function signalsOf(r: SignalRow): PaperSignals {
  return {
    id: r.id,
    submittedAt: r.submitted_at,
    upvotes: r.upvotes,
    categories: JSON.parse(r.categories) as string[],
  };
}

/** A keyword hit with its paper's title (for the whole-title check) and docid. */
interface DocHit extends TitledHit {
  docid: number;
}
