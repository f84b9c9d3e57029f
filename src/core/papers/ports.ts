/**
 * Ports for storing and listing papers. Adapters (SQLite today, PostgreSQL later) implement them;
 * use cases depend only on these shapes.
 */
import type { CitationFormat, CitationRecord } from './citation.ts';
import type { Paper } from './model.ts';

/** What an upsert batch did: counts of papers inserted, changed and left as they were. */
export interface UpsertOutcome {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Ids of papers that were inserted or changed, in input order (for embedding queues etc.). */
  changedIds: string[];
}

/** A paper as listed in the daily feed for one of its featured days. */
export interface FeaturedPaper {
  paper: Paper;
  /** The featured day this entry belongs to (YYYY-MM-DD). */
  day: string;
  rank: number | null;
}

/** Inclusive day range, YYYY-MM-DD. */
export interface DayRange {
  from: string;
  to: string;
}

/** A position in the newest-first list of papers: the last paper's date and id. */
export interface PublishedCursor {
  submittedAt: string | null;
  id: string;
}

/** Narrowing and order of a featured list. */
export interface FeaturedOptions {
  /** Only papers this username submitted (at the source, or here). */
  submitter?: string;
  /** `upvotes` (default: most upvoted first) or `trending` (trending score, docs/DESIGN.md). */
  order?: 'upvotes' | 'trending';
}

export interface PageRequest {
  limit: number;
  offset: number;
}

export interface Page<T> {
  items: T[];
  total: number;
}

/** Storage of papers and their featured days. */
export interface PaperBrief {
  id: string;
  submittedAt: string | null;
  /** Upvotes imported from the source (local votes are counted apart). */
  upvotes: number;
}

export interface PaperRepo {
  /**
   * Merges each paper into the store by canonical id (see mergePaper) in one transaction:
   * either the whole batch is stored or none of it.
   */
  upsertMany(papers: Paper[]): Promise<UpsertOutcome>;
  /** The paper with this canonical id, or null. */
  get(id: string): Promise<Paper | null>;
  /** Papers with these ids, in the order given; unknown ids are left out. */
  getMany(ids: string[]): Promise<Paper[]>;
  /**
   * What acting on a paper needs (a vote, a comment) in one cheap read: its id, first submission
   * and imported upvotes; null when no paper has this canonical id.
   */
  brief(id: string): Promise<PaperBrief | null>;
  /** Number of stored papers. */
  count(): Promise<number>;
  /** Up to `limit` papers with ids after `afterId` (null: from the start), by id — for export. */
  listAfter(afterId: string | null, limit: number): Promise<Paper[]>;
  /**
   * Up to `limit` papers newest first by first submission (ties: id, descending), after the
   * paper `after` in that order (null: from the start); papers without a date come last, by id.
   */
  listByPublished(after: PublishedCursor | null, limit: number): Promise<Paper[]>;
  /** Papers featured within `range`, most upvoted first (ties: rank, then id). */
  listFeatured(
    range: DayRange,
    page: PageRequest,
    options?: FeaturedOptions,
  ): Promise<Page<FeaturedPaper>>;
  /** The most recent day with featured papers, or null when nothing was ever featured. */
  latestFeaturedDay(): Promise<string | null>;
  /** The nearest featured days strictly before and after `day`. */
  adjacentFeaturedDays(day: string): Promise<{ previous: string | null; next: string | null }>;
}

/**
 * Looks papers up at their source (arXiv's API) by id: for `paperboy add`, submissions of papers
 * not in the store yet, and refreshing records. Implemented by the ingestion adapters.
 */
export interface PaperFetcher {
  /** The papers found, by canonical id; ids the source does not know are simply absent. */
  fetchByIds(ids: string[]): Promise<Paper[]>;
}

/** Writes citations in a format and reads them back (library imports). */
export interface CitationCodec {
  /** `records` as one BibTeX, RIS or CSL-JSON document, in order. */
  format(records: CitationRecord[], format: CitationFormat): string;
  /**
   * The records in a BibTeX, RIS or CSL-JSON document (the format is detected). Throws
   * `invalid_input` when the text is none of them.
   */
  parse(text: string): CitationRecord[];
}
