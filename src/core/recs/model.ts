/**
 * What a reader's For you is built from: their library (imports, upvotes, collections, "more like
 * this"), their "not interested" marks, follows and settings. All private to the reader.
 */

export type LibrarySource =
  | 'bibtex'
  | 'ris'
  | 'csl-json'
  | 'ids'
  | 'upvote'
  | 'collection'
  | 'more';
export type FeedbackSignal = 1 | -1;
export type FollowKind = 'author' | 'topic';

/** One paper in a reader's library and when it got there. */
export interface LibraryEntry {
  paperId: string;
  source: LibrarySource;
  addedAt: string;
}

export interface Feedback {
  paperId: string;
  signal: FeedbackSignal;
  at: string;
}

export interface Follow {
  kind: FollowKind;
  /** Author: the folded name key (`#<paper id>` after it for one of several people); topic: the query text. */
  value: string;
  /** What the reader sees ("Ada Lovelace", "retrieval augmented"); an author's name as written. */
  label: string;
  createdAt: string;
  /**
   * Author followed as one of several people with that name (core/recs/author-clusters.ts): that
   * person's co-authors, as written. Absent: any paper by the name.
   */
  coauthors?: string[];
}

/** A reader's For-you settings; defaults when they never saved any. */
export interface ReaderSettings {
  /** arXiv categories picked at onboarding (cold start). */
  interests: string[];
  /** Search syntax a paper must match to be sent (AND/OR/NOT, phrases), '' = any. */
  includeTerms: string;
  /** Words that keep a paper out, '' = none. */
  excludeTerms: string;
  /** Relevance (0–1) a paper needs to be mailed: higher is fewer, more relevant. */
  threshold: number;
}

export const DEFAULT_THRESHOLD = 0.5;

export function defaultSettings(): ReaderSettings {
  return { interests: [], includeTerms: '', excludeTerms: '', threshold: DEFAULT_THRESHOLD };
}

/** Everything one reader stored here, for "export my data". */
export interface ReaderData {
  library: LibraryEntry[];
  feedback: Feedback[];
  follows: Follow[];
  settings: ReaderSettings;
  /** How many times the reader revoked their private feed URL (core/recs/feed-key.ts). */
  feedKeyGeneration: number;
}
