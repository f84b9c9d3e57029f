/**
 * Ports For you stores through: the reader's own data (one repo, private by construction: every
 * call is keyed by the reader's id) and the lookups a library import matches papers with.
 */
import type {
  Feedback,
  FeedbackSignal,
  Follow,
  FollowKind,
  LibraryEntry,
  ReaderData,
  ReaderSettings,
} from './model.ts';

export interface ReaderLibraryRepo {
  /** Adds imported papers in one transaction (all or none); papers already there keep their date. */
  addImported(userId: string, entries: LibraryEntry[]): Promise<number>;
  /**
   * The reader's whole library, newest first: imports, papers they upvoted and papers in their
   * collections (each paper once, at its earliest date), and papers marked "more like this".
   */
  library(userId: string): Promise<LibraryEntry[]>;
  /** Removes an imported paper (upvotes and collections are undone where they were made). */
  removeImported(userId: string, paperId: string): Promise<void>;
  /** Sets (or with null clears) a paper's mark. */
  setFeedback(
    userId: string,
    paperId: string,
    signal: FeedbackSignal | null,
    at: string,
  ): Promise<void>;
  feedback(userId: string): Promise<Feedback[]>;
  follow(userId: string, follow: Follow): Promise<void>;
  unfollow(userId: string, kind: FollowKind, value: string): Promise<void>;
  follows(userId: string): Promise<Follow[]>;
  settings(userId: string): Promise<ReaderSettings>;
  saveSettings(userId: string, settings: ReaderSettings, at: string): Promise<void>;
  /** The reader's feed-key generation: 0 until they first revoke their feed URL. */
  feedKeyGeneration(userId: string): Promise<number>;
  /** Adds one to it (old feed URLs stop working); returns the new generation. */
  bumpFeedKeyGeneration(userId: string, at: string): Promise<number>;
  /** Everything above, for export. */
  exportAll(userId: string): Promise<ReaderData>;
  /**
   * Deletes imports, marks, follows and settings (not votes or collections: those are public acts;
   * not the feed-key generation: going back to 0 would bring revoked feed URLs back).
   */
  deleteAll(userId: string): Promise<void>;
}

/** Finds stored papers by DOI or exact title (case-folded), for library imports. */
export interface PaperMatcher {
  /** Lower-cased DOI → paper id, for the DOIs that match a stored paper. */
  byDois(dois: string[]): Promise<Map<string, string>>;
  /** Lower-cased title → paper ids with exactly that title. */
  byTitles(titles: string[]): Promise<Map<string, string[]>>;
}
