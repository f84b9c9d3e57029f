/**
 * Words as FTS5 sees them: Porter stems computed by FTS5 itself (a tiny temp FTS5 table with the
 * same tokenizer), and each stem's document frequency — from `search_terms` (migration 0203,
 * refreshed by the store:optimize job) while it describes the store, otherwise from
 * `papers_fts_vocab`, which reads whole posting lists (cached 10 minutes).
 */
import type Database from 'better-sqlite3';
import { termStatsTrusted } from '../../core/search/bounded-plan.ts';
import { isNoSuchTable } from '../db/sqlite/no-such-table.ts';
import type { SqliteGate } from '../db/sqlite/sqlite-gate.ts';
import type { Prepare } from '../db/sqlite/statement-cache.ts';

export class Fts5TermStats {
  private readonly dfCache = new Map<string, number>();
  private dfCacheAt = 0;
  private statsCheckedAt = 0;
  private statsFresh = false;
  private stemmer: {
    insert: Database.Statement;
    read: Database.Statement;
    clear: Database.Statement;
  } | null = null;

  constructor(
    private readonly gate: SqliteGate,
    /** The gate's prepared statements; the sync methods run inside its turns. */
    private readonly sql: Prepare,
    /** The ranking budget: `search_terms` is trusted while fewer papers were added since. */
    private readonly budget: number,
  ) {}

  /**
   * Copies every term's document frequency from `papers_fts_vocab` into `search_terms` (the
   * `store:optimize` job), in chunks that yield to the event loop. Returns how many terms.
   */
  async refresh(): Promise<number> {
    const { watermark, generation } = await this.gate.run(() => ({
      watermark: (this.sql('SELECT max(docid) FROM paper_docids').pluck().get() ?? 0) as number,
      generation:
        ((this.sql('SELECT max(generation) FROM search_terms').pluck().get() ?? 0) as number) + 1,
    }));
    const read = this.sql(
      'SELECT term, doc FROM papers_fts_vocab WHERE term > ? ORDER BY term LIMIT 5000',
    );
    const write = this.sql(
      `INSERT INTO search_terms (term, df, generation) VALUES (?, ?, ?)
       ON CONFLICT (term) DO UPDATE SET df = excluded.df, generation = excluded.generation`,
    );
    let after = '';
    let count = 0;
    for (;;) {
      const rows = await this.gate.write(() => {
        const chunk = read.all(after) as { term: string; doc: number }[];
        for (const r of chunk) write.run(r.term, r.doc, generation);
        return chunk;
      });
      if (rows.length === 0) break;
      count += rows.length;
      after = (rows[rows.length - 1] as { term: string }).term;
      await new Promise((resolve) => setImmediate(resolve));
    }
    await this.gate.write(() => {
      this.sql('DELETE FROM search_terms WHERE generation != ?').run(generation);
      // The empty term (never an FTS5 term) records how far the store reached (highest docid).
      write.run('', watermark, generation);
    });
    this.statsCheckedAt = 0;
    return count;
  }

  /**
   * Document frequency of each word's stem (the word is stemmed by FTS5 itself). From
   * `search_terms` while it describes the store (a term it lacks arrived since the last refresh,
   * so it is rare); otherwise from `papers_fts_vocab`, which reads the term's whole posting
   * list (cached for 10 minutes).
   */
  documentFrequencies(words: string[]): { term: string; df: number }[] {
    const stems = this.stems(words);
    if (this.fresh()) {
      const get = this.sql('SELECT df FROM search_terms WHERE term = ?').pluck();
      return words.map((term, i) => ({
        term,
        df: (get.get(stems[i] ?? term) as number | undefined) ?? 0,
      }));
    }
    if (Date.now() - this.dfCacheAt > 600_000) {
      this.dfCache.clear();
      this.dfCacheAt = Date.now();
    }
    const lookup = this.sql('SELECT doc FROM papers_fts_vocab WHERE term = ?').pluck();
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

  /**
   * Whether `search_terms` can be trusted: refreshed, and fewer papers stored since than the
   * budget or a quarter of the store (a term's document frequency grows at most by the papers
   * added). Checked once a minute.
   */
  private fresh(): boolean {
    if (Date.now() - this.statsCheckedAt < 60_000) return this.statsFresh;
    this.statsCheckedAt = Date.now();
    try {
      const watermark = this.sql("SELECT df FROM search_terms WHERE term = ''").pluck().get() as
        | number
        | undefined;
      const top = (this.sql('SELECT max(docid) FROM paper_docids').pluck().get() ?? 0) as number;
      this.statsFresh = watermark !== undefined && termStatsTrusted(watermark, top, this.budget);
    } catch (error) {
      if (!isNoSuchTable(error)) throw error;
      this.statsFresh = false; // not migrated yet
    }
    return this.statsFresh;
  }

  /**
   * Terms that start like `word` (same first letter), from four letters shorter than its stem
   * (a stemmer may cut a misspelt word less) to two longer than the word, held by two papers or
   * more; commonest first. From `search_terms` once store:optimize has filled it,
   * else from FTS5's vocabulary (slower: it reads the posting lists; small stores only).
   */
  near(word: string, stem: string, limit: number): { term: string; df: number }[] {
    const first = word.slice(0, 1);
    if (first === '') return [];
    const after = String.fromCodePoint((first.codePointAt(0) ?? 0) + 1);
    const filled = this.sql("SELECT 1 FROM search_terms WHERE term = ''").pluck().get() === 1;
    const [table, df] = filled ? ['search_terms', 'df'] : ['papers_fts_vocab', 'doc'];
    return this.sql(
      `SELECT term, ${df} AS df FROM ${table}
       WHERE term >= ? AND term < ? AND length(term) BETWEEN ? AND ? AND ${df} >= 2
       ORDER BY ${df} DESC, term LIMIT ?`,
    ).all(first, after, Math.max(2, stem.length - 4), word.length + 2, limit) as {
      term: string;
      df: number;
    }[];
  }

  /** Papers in the full-text index: the row count in FTS5's own averages record. */
  documents(): number {
    const block = this.sql('SELECT block FROM papers_fts_data WHERE id = 1').pluck().get() as
      | Uint8Array
      | undefined;
    if (!block || block.length === 0) return 0;
    // An SQLite varint: big-endian groups of 7 bits, the high bit says another byte follows.
    let value = 0;
    for (let at = 0; at < Math.min(block.length, 9); at++) {
      const byte = block[at] as number;
      if (at === 8) return value * 256 + byte;
      value = value * 128 + (byte & 0x7f);
      if ((byte & 0x80) === 0) break;
    }
    return value;
  }

  /** Porter stems of `words` as FTS5 computes them (one stem per word, same order). */
  stems(words: string[]): string[] {
    try {
      return this.stemWith(words);
    } catch (error) {
      // The temp tables were created inside a transaction that rolled back: make them again.
      if (!isNoSuchTable(error)) throw error;
      this.stemmer = null;
      return this.stemWith(words);
    }
  }

  private stemWith(words: string[]): string[] {
    if (!this.stemmer) {
      this.sql(
        `CREATE VIRTUAL TABLE IF NOT EXISTS temp.paperboy_stem USING fts5(x, tokenize = 'porter unicode61 remove_diacritics 2')`,
      ).run();
      this.sql(
        `CREATE VIRTUAL TABLE IF NOT EXISTS temp.paperboy_stem_terms USING fts5vocab(temp, paperboy_stem, 'instance')`,
      ).run();
      this.stemmer = {
        insert: this.sql('INSERT INTO temp.paperboy_stem (rowid, x) VALUES (1, ?)'),
        read: this.sql('SELECT term FROM temp.paperboy_stem_terms ORDER BY offset').pluck(),
        clear: this.sql('DELETE FROM temp.paperboy_stem'),
      };
    }
    const { insert, read, clear } = this.stemmer;
    insert.run(words.join(' '));
    const out = read.all() as string[];
    clear.run();
    return out.length === words.length ? out : words;
  }
}
