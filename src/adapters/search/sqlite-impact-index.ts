/**
 * An impact-ordered inverted index beside FTS5, for fast top-k BM25 on large stores.
 *
 * FTS5 scores every row an OR query matches (µs per row: ~11 ms for a realistic query at 1M
 * papers). This index stores, for every term, its postings grouped into segments of equal
 * quantised BM25 impact (FTS5's own formula, title weighted, idf and length folded in), so a
 * query is answered score-at-a-time: the segments of all its terms in descending impact, each
 * adding its weight to an accumulator per document, until `postings` have been added (the rest
 * can only add small amounts). Rarer terms and the best documents of common ones come first.
 *
 * Built by the `store:optimize` job from FTS5's own index (fts5vocab 'instance', read through a
 * second connection in one snapshot while writes go on); a new generation replaces the old one
 * atomically. It covers papers up to the `watermark` docid; SqliteSearchIndex ranks later papers
 * and changed ones (`search_impacts_stale`) with FTS5 and merges. Terms in half the papers or
 * more have no weight in BM25 (FTS5's idf floor) and are stored as a count only.
 */
import Database from 'better-sqlite3';
import { createError } from '../../core/errors.ts';
import type { Progress } from '../../core/progress.ts';
import {
  type CorpusLengths,
  docsizeTotal,
  encodeSegment,
  termSegments,
} from '../../core/search/impact-postings.ts';
import {
  DEFAULT_POSTINGS,
  ImpactAccumulator,
  type ImpactResult,
  readOrder,
  type SegmentHead,
  segmentsPerTerm,
  segmentsRead,
  stemUses,
} from '../../core/search/impact-scoring.ts';
import { isNoSuchTable } from '../db/sqlite/no-such-table.ts';
import type { SqliteGate } from '../db/sqlite/sqlite-gate.ts';
import type { Prepare } from '../db/sqlite/statement-cache.ts';

/** The live generation and what it covers. */
export interface ImpactState {
  generation: number;
  /** Highest docid the index covers; later papers are not in it. */
  watermark: number;
  /** Papers indexed. */
  docs: number;
  /** When the generation was built (ISO instant). */
  builtAt: string;
}

export interface ImpactBuildStats {
  generation: number;
  docs: number;
  terms: number;
  segments: number;
  postings: number;
  ms: number;
}

const FLUSH_ROWS = 4000;
const FLUSH_BYTES = 8 << 20;
const DELETE_CHUNK = 20_000;

export class SqliteImpactIndex {
  private readonly scorer = new ImpactAccumulator();

  constructor(
    private readonly gate: SqliteGate,
    /** The gate's prepared statements (shared with SqliteSearchIndex); used inside its turns. */
    private readonly sql: Prepare,
    /** BM25 column weights: title, abstract, authors (as SqliteSearchIndex). */
    private readonly weights: [number, number, number],
    private readonly postings = DEFAULT_POSTINGS,
  ) {}

  /** The live generation, or null when none has been built (or the store is not migrated). */
  state(): ImpactState | null {
    try {
      const row = this.sql(
        'SELECT generation, watermark, docs, built_at AS builtAt FROM search_impacts_meta WHERE id = 1',
      ).get() as ImpactState | undefined;
      return row ?? null;
    } catch (error) {
      if (!isNoSuchTable(error)) throw error;
      return null;
    }
  }

  /** Docids whose texts changed since the live generation was built. */
  staleDocids(): number[] {
    return this.sql('SELECT DISTINCT docid FROM search_impacts_stale').pluck().all() as number[];
  }

  /**
   * The best `k` documents of generation `state` for the stems, leaving out `skip` docids, with
   * their stem bits and the tally of every document seen — scored by core (impact-scoring.ts:
   * weights, bits, budget) from the segments read here.
   */
  search(
    state: ImpactState,
    stems: string[],
    k: number,
    skip: Set<number>,
    /** How many times each stem counts (parallel to `stems`; default 1 each). */
    weights?: number[],
    /** The tally bit of each stem (parallel to `stems`; default none). */
    bits?: number[],
  ): ImpactResult {
    const uses = stemUses(stems, weights, bits);
    const head = this.sql(
      `SELECT id, term, weight, scale, count FROM search_impacts
       WHERE generation = ? AND term = ? ORDER BY weight DESC LIMIT ?`,
    );
    const heads: SegmentHead[] = [];
    for (const term of uses.keys()) {
      heads.push(
        ...(head.all(state.generation, term, segmentsPerTerm(this.postings)) as SegmentHead[]),
      );
    }
    const order = readOrder(heads, uses);
    const bytes = new Map(
      this.sql('SELECT id, docids FROM search_impacts WHERE id IN (SELECT value FROM json_each(?))')
        .raw()
        .all(JSON.stringify(segmentsRead(order, this.postings))) as [number, Uint8Array][],
    );
    return this.scorer.score(order, (id) => bytes.get(id), state.watermark, this.postings, k, skip);
  }

  /**
   * Builds a new generation from FTS5's index and makes it live; deletes the old one. Yields to
   * the event loop between batches. A crash leaves the old generation live (the half-built one
   * is removed by the next build).
   */
  async build(progress?: Progress): Promise<ImpactBuildStats> {
    await this.gate.write(() => this.claimBuild());
    try {
      return await this.buildClaimed(progress);
    } finally {
      await this.gate.run(() =>
        this.sql('DELETE FROM search_impacts_builds WHERE pid = ?').run(process.pid),
      );
    }
  }

  /**
   * Records this process as the one building, or throws `conflict` when another live process
   * is (a build whose process died — killed, crashed — is taken over).
   */
  private claimBuild(): void {
    {
      const running = this.sql('SELECT pid, started_at FROM search_impacts_builds').get() as
        | { pid: number; started_at: string }
        | undefined;
      if (running && running.pid !== process.pid && processAlive(running.pid)) {
        throw createError(
          'conflict',
          `a keyword index build is already running (process ${running.pid}, since ${running.started_at})`,
        );
      }
      this.sql(
        `INSERT INTO search_impacts_builds (id, pid, started_at) VALUES (1, ?, ?)
         ON CONFLICT (id) DO UPDATE SET pid = excluded.pid, started_at = excluded.started_at`,
      ).run(process.pid, new Date().toISOString());
    }
  }

  private async buildClaimed(progress?: Progress): Promise<ImpactBuildStats> {
    const started = Date.now();
    const live = await this.gate.run(() => this.state());
    const generation = (live?.generation ?? 0) + 1;
    await this.deleteWhere('generation >= ?', generation); // a crashed build's leftovers
    const staleMark = await this.gate.run(
      () => (this.sql('SELECT max(id) FROM search_impacts_stale').pluck().get() ?? 0) as number,
    );
    // A second, read-only connection for a file store: the build reads one snapshot for minutes
    // without taking the gate from searches and writers. An in-memory store (tests) has none,
    // so its build reads in the gate's turns.
    const own = this.gate.file
      ? new Database(this.gate.file, { readonly: true, fileMustExist: true })
      : null;
    const read = <T>(fn: (db: Database.Database) => T): Promise<T> =>
      own ? Promise.resolve(fn(own)) : this.gate.run(fn);
    try {
      const { watermark, corpus, source } = await read((reader) => {
        reader.exec(
          "CREATE VIRTUAL TABLE IF NOT EXISTS temp.impact_vocab USING fts5vocab(main, papers_fts, 'instance')",
        );
        if (own) reader.exec('BEGIN'); // one snapshot for lengths and postings
        const top = (reader.prepare('SELECT max(docid) FROM paper_docids').pluck().get() ??
          0) as number;
        const rows = reader.prepare('SELECT term, doc, col FROM temp.impact_vocab').raw();
        return {
          watermark: top,
          corpus: documentLengths(reader, top),
          source: (own ? rows.iterate() : rows.all()) as Iterable<[string, number, string]>,
        };
      });
      const { docs } = corpus;
      const weightOf: Record<string, number> = {
        title: this.weights[0],
        abstract: this.weights[1],
        authors: this.weights[2],
      };
      const insert = this.sql(
        `INSERT INTO search_impacts (generation, term, weight, scale, count, docids)
         VALUES (?, ?, ?, ?, ?, ?)`,
      );
      let pending: [string, number, number, number, Uint8Array | null][] = [];
      let pendingBytes = 0;
      const stats = { terms: 0, segments: 0, postings: 0 };
      const flush = async () => {
        const batch = pending;
        pending = [];
        pendingBytes = 0;
        await this.gate.write(() => {
          for (const [term, weight, scale, count, bytes] of batch) {
            insert.run(generation, term, weight, scale, count, bytes);
          }
        });
        await new Promise((resolve) => setImmediate(resolve));
      };
      let reported = 0;
      const report = () => {
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
        if (!segments) pending.push([term, 0, 0, docids.length, null]); // too common to weigh
        for (const segment of segments ?? []) {
          const bytes = encodeSegment(segment);
          pending.push([term, segment.weight, segment.scale, segment.docids.length, bytes]);
          pendingBytes += bytes.length;
          stats.segments++;
          stats.postings += segment.docids.length;
        }
        docids = [];
        freqs = [];
      };
      for (const [t, doc, col] of source) {
        if (doc > watermark) continue;
        if (t !== term) {
          finishTerm();
          term = t;
          if (pending.length >= FLUSH_ROWS || pendingBytes >= FLUSH_BYTES) {
            report();
            await flush();
          }
        }
        const w = weightOf[col] ?? 1;
        const last = docids.length - 1;
        if (last >= 0 && docids[last] === doc) freqs[last] = (freqs[last] as number) + w;
        else {
          docids.push(doc);
          freqs.push(w);
        }
      }
      finishTerm();
      report();
      await flush();
      own?.exec('COMMIT');
      await this.gate.write(() => {
        this.sql(
          `INSERT INTO search_impacts_meta (id, generation, watermark, docs, built_at)
             VALUES (1, ?, ?, ?, ?)
             ON CONFLICT (id) DO UPDATE SET generation = excluded.generation,
               watermark = excluded.watermark, docs = excluded.docs, built_at = excluded.built_at`,
        ).run(generation, watermark, docs, new Date().toISOString());
        this.sql('DELETE FROM search_impacts_stale WHERE id <= ?').run(staleMark);
      });
      await this.deleteWhere('generation < ?', generation);
      progress?.done(`${stats.terms} terms, ${stats.postings} postings`);
      return { generation, docs, ...stats, ms: Date.now() - started };
    } finally {
      own?.close();
    }
  }

  /** Deletes segments matching `where` in chunks, yielding between them. */
  private async deleteWhere(where: string, generation: number): Promise<void> {
    const del = this.sql(
      `DELETE FROM search_impacts WHERE id IN (SELECT id FROM search_impacts WHERE ${where} LIMIT ${DELETE_CHUNK})`,
    );
    while ((await this.gate.run(() => del.run(generation).changes)) > 0) {
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}

/** Token count of every document up to `watermark` (FTS5's docsize records), and their mean. */
function documentLengths(reader: Database.Database, watermark: number): CorpusLengths {
  const lengths = new Uint32Array(watermark + 1);
  let docs = 0;
  let tokens = 0;
  for (const [docid, size] of reader
    .prepare('SELECT id, sz FROM papers_fts_docsize WHERE id <= ?')
    .raw()
    .iterate(watermark) as Iterable<[number, Uint8Array]>) {
    const total = docsizeTotal(size);
    lengths[docid] = total;
    tokens += total;
    docs++;
  }
  return { lengths, docs, avgLength: docs > 0 ? tokens / docs : 1 };
}

/** Whether a process with this id runs on this machine (the store is a local file). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}
