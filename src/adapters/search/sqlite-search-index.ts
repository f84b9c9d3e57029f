/**
 * SearchIndex over SQLite FTS5 (migration 0201): BM25 with the title weighted above abstract and
 * authors, Porter stemming, filters joined in SQL; highlights mark FTS5's stems of the query words.
 *
 * Fast top-k for long, OR-ish queries: FTS5 scores every row an OR query matches (µs per row), so
 * a query with common words would rank hundreds of thousands of rows. When the terms' summed
 * document frequency exceeds a budget, only the rarest terms whose matches fit the budget are
 * ranked (they carry most of BM25's weight through idf); when even the rarest term is common, the
 * two rarest are AND-ed. Small stores and phrase queries always get exact BM25. Measured in
 * bench/search (overlap with exact BM25); see docs/DESIGN.md.
 */
import type Database from 'better-sqlite3';
import type { Scored } from '../../core/search/fuse.ts';
import { markText, snippetOf } from '../../core/search/highlight.ts';
import type { Highlight, PaperSignals, SearchIndex, TextQuery } from '../../core/search/ports.ts';
import type { SearchFilters } from '../../core/search/query.ts';
import { excludedExpr, keyTerms, matchExpr, quote } from './fts-query.ts';

export interface SqliteSearchOptions {
  /** BM25 column weights: title, abstract, authors. */
  weights?: [number, number, number];
  /** Most rows a query may rank (summed document frequency of the terms ranked). Default 8,000. */
  budget?: number;
}

const DEFAULT_WEIGHTS: [number, number, number] = [3, 1, 1];
const ID_CHUNK = 500;

export class SqliteSearchIndex implements SearchIndex {
  private readonly weights: [number, number, number];
  private readonly budget: number;
  private readonly dfCache = new Map<string, number>();
  private dfCacheAt = 0;
  private stemmer: {
    insert: Database.Statement;
    read: Database.Statement;
    clear: Database.Statement;
  } | null = null;

  constructor(
    private readonly db: Database.Database,
    options: SqliteSearchOptions = {},
  ) {
    this.weights = options.weights ?? DEFAULT_WEIGHTS;
    this.budget = options.budget ?? 8000;
  }

  async searchText(query: TextQuery, filters: SearchFilters, limit: number): Promise<Scored[]> {
    const terms = keyTerms(query.words);
    const full = matchExpr(terms, query.phrases, query.excluded, filters, query.words);
    if (!full) return [];
    const where = filterSql(filters);
    const drivers = query.phrases.length > 0 ? null : this.driverTerms(terms);
    if (drivers === null) return this.rank(full, where, limit);
    const first = matchExpr(drivers.terms, [], query.excluded, filters, query.words);
    const hits = first ? this.rank(first, where, limit) : [];
    if (hits.length > 0 || !drivers.all) return hits;
    return this.rank(full, where, limit);
  }

  async keepMatching(
    ids: string[],
    filters: SearchFilters,
    excluded: string[][],
  ): Promise<string[]> {
    if (ids.length === 0) return [];
    const where = filterSql(filters);
    const not = excludedExpr(excluded);
    const keep = new Set<string>();
    for (let i = 0; i < ids.length; i += ID_CHUNK) {
      const chunk = JSON.stringify(ids.slice(i, i + ID_CHUNK));
      const rows = this.db
        .prepare(
          `SELECT p.id FROM papers p WHERE p.id IN (SELECT value FROM json_each(?)) ${where.sql}
           ${authorSql(filters)}`,
        )
        .pluck()
        .all(chunk, ...where.params, ...authorParams(filters)) as string[];
      for (const id of rows) keep.add(id);
      if (not) {
        const bad = this.db
          .prepare(
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
    return this.db
      .prepare(
        `SELECT p.id FROM papers p WHERE 1 = 1 ${where.sql} ${authorSql(filters)}
         ORDER BY p.submitted_at DESC, p.id LIMIT ?`,
      )
      .pluck()
      .all(...where.params, ...authorParams(filters), limit) as string[];
  }

  async signals(ids: string[]): Promise<Map<string, PaperSignals>> {
    const out = new Map<string, PaperSignals>();
    for (let i = 0; i < ids.length; i += ID_CHUNK) {
      const rows = this.db
        .prepare(
          `SELECT id, submitted_at, upvotes, categories FROM papers
           WHERE id IN (SELECT value FROM json_each(?))`,
        )
        .all(JSON.stringify(ids.slice(i, i + ID_CHUNK))) as {
        id: string;
        submitted_at: string | null;
        upvotes: number;
        categories: string;
      }[];
      for (const r of rows) {
        out.set(r.id, {
          id: r.id,
          submittedAt: r.submitted_at,
          upvotes: r.upvotes,
          categories: JSON.parse(r.categories) as string[],
        });
      }
    }
    return out;
  }

  async highlight(ids: string[], query: TextQuery): Promise<Map<string, Highlight>> {
    const words = [...new Set([...keyTerms(query.words), ...query.phrases.flat()])];
    const out = new Map<string, Highlight>();
    if (ids.length === 0 || words.length === 0) return out;
    const stems = [...new Set(this.stems(words))];
    const rows = this.db
      .prepare(
        `SELECT id, title, abstract, authors FROM papers
         WHERE id IN (SELECT value FROM json_each(?))`,
      )
      .all(JSON.stringify(ids)) as {
      id: string;
      title: string;
      abstract: string;
      authors: string;
    }[];
    for (const r of rows) {
      const title = markText(r.title, stems);
      const snippet = snippetOf(r.abstract, stems);
      const authors = markText((JSON.parse(r.authors) as string[]).join(', '), stems);
      const fields: Highlight['fields'] = [];
      if (title.hit) fields.push('title');
      if (snippet.hit) fields.push('abstract');
      if (authors.hit) fields.push('authors');
      if (fields.length > 0) out.set(r.id, { title: title.text, snippet: snippet.text, fields });
    }
    return out;
  }

  /** Exact BM25 ranking of every row `expr` matches. bm25() is negative: lower is better. */
  private rank(expr: string, where: WhereSql, limit: number): Scored[] {
    const rows = this.db
      .prepare(
        `SELECT d.paper_id AS id, rank AS r FROM papers_fts f
         JOIN paper_docids d ON d.docid = f.rowid ${where.join}
         WHERE papers_fts MATCH ? AND rank MATCH ? ${where.sql}
         ORDER BY rank LIMIT ?`,
      )
      .all(expr, this.rankFn(), ...where.params, limit) as { id: string; r: number }[];
    return rows.map((row) => ({ id: row.id, score: -row.r }));
  }

  private rankFn(): string {
    return `bm25(${this.weights.join(', ')})`;
  }

  /**
   * Which terms to rank when ranking them all would exceed the budget, or null to rank all.
   * The rarest terms whose matches together fit the budget carry most of BM25 anyway (idf);
   * when even the rarest term is common, the two rarest are AND-ed (`all` then asks for a full
   * ranking if that intersection is empty).
   */
  private driverTerms(terms: string[]): { terms: string[]; all: boolean } | null {
    if (terms.length === 0) return null;
    const dfs = this.documentFrequencies(terms);
    const total = dfs.reduce((sum, x) => sum + x.df, 0);
    if (total <= this.budget) return null;
    dfs.sort((a, b) => a.df - b.df);
    const first = dfs[0] as { term: string; df: number };
    if (first.df > this.budget && dfs.length > 1) {
      return {
        terms: [`${quote(first.term)} AND ${quote((dfs[1] as { term: string }).term)}`],
        all: true,
      };
    }
    const drivers: string[] = [];
    let sum = 0;
    for (const { term, df } of dfs) {
      if (drivers.length > 0 && sum + df > this.budget) break;
      drivers.push(quote(term));
      sum += df;
    }
    return { terms: drivers, all: false };
  }

  /**
   * Document frequency of each word's stem: the word is stemmed by FTS5 itself (a tiny temp
   * table with the same tokenizer), then looked up in the fts5vocab table. Cached for 10 min.
   */
  private documentFrequencies(words: string[]): { term: string; df: number }[] {
    if (Date.now() - this.dfCacheAt > 600_000) {
      this.dfCache.clear();
      this.dfCacheAt = Date.now();
    }
    const stems = this.stems(words);
    const lookup = this.db.prepare('SELECT doc FROM papers_fts_vocab WHERE term = ?').pluck();
    return words.map((term, i) => {
      const stem = stems[i] ?? term;
      let df = this.dfCache.get(stem);
      if (df === undefined) {
        df = (lookup.get(stem) as number | undefined) ?? 0;
        if (this.dfCache.size > 50_000) this.dfCache.clear();
        this.dfCache.set(stem, df);
      }
      return { term, df };
    });
  }

  /** Porter stems of `words` as FTS5 computes them (one stem per word, same order). */
  private stems(words: string[]): string[] {
    if (!this.stemmer) {
      this.db.exec(
        `CREATE VIRTUAL TABLE IF NOT EXISTS temp.paperboy_stem USING fts5(x, tokenize = 'porter unicode61 remove_diacritics 2');
         CREATE VIRTUAL TABLE IF NOT EXISTS temp.paperboy_stem_terms USING fts5vocab(temp, paperboy_stem, 'instance');`,
      );
      this.stemmer = {
        insert: this.db.prepare('INSERT INTO temp.paperboy_stem (rowid, x) VALUES (1, ?)'),
        read: this.db.prepare('SELECT term FROM temp.paperboy_stem_terms ORDER BY offset').pluck(),
        clear: this.db.prepare('DELETE FROM temp.paperboy_stem'),
      };
    }
    try {
      const { insert, read, clear } = this.stemmer;
      insert.run(words.join(' '));
      const out = read.all() as string[];
      clear.run();
      return out.length === words.length ? out : words;
    } catch {
      // The temp tables were created inside a transaction that rolled back: make them again.
      this.stemmer = null;
      return words;
    }
  }
}

interface WhereSql {
  /** Extra JOIN clause (papers) when filters need it. */
  join: string;
  /** ` AND …` conditions. */
  sql: string;
  params: unknown[];
}

/** SQL for category and date filters (authors are matched by FTS5 in the MATCH expression). */
function filterSql(filters: SearchFilters): WhereSql {
  const conditions: string[] = [];
  const params: unknown[] = [];
  if (filters.categories.length > 0) {
    const any: string[] = [];
    for (const cat of filters.categories) {
      if (cat.endsWith('.*')) {
        const archive = cat.slice(0, -2);
        any.push('p.categories LIKE ? OR p.categories LIKE ?');
        params.push(`%"${archive}.%`, `%"${archive}"%`);
      } else {
        any.push('p.categories LIKE ?');
        params.push(`%"${cat}"%`);
      }
    }
    conditions.push(`(${any.join(' OR ')})`);
  }
  if (filters.from) {
    conditions.push('p.submitted_at >= ?');
    params.push(filters.from);
  }
  if (filters.to) {
    conditions.push('p.submitted_at < ?');
    params.push(dayAfter(filters.to));
  }
  const sql = conditions.map((c) => ` AND ${c}`).join('');
  return {
    join: conditions.length > 0 ? 'JOIN papers p ON p.id = d.paper_id' : '',
    sql,
    params,
  };
}

/** Author filter for queries that do not go through FTS5 MATCH (lists of ids). */
function authorSql(filters: SearchFilters): string {
  return filters.authors
    .map(
      () =>
        ` AND p.id IN (SELECT d.paper_id FROM papers_fts f JOIN paper_docids d ON d.docid = f.rowid WHERE papers_fts MATCH ?)`,
    )
    .join('');
}

function authorParams(filters: SearchFilters): string[] {
  return filters.authors.map((name) => `authors : (${name.split(' ').map(quote).join(' AND ')})`);
}

function dayAfter(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
