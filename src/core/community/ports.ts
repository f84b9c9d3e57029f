/**
 * Storage ports of the community layer. The Kysely adapters implement them for SQLite (and,
 * being dialect-neutral, PostgreSQL); use cases depend only on these shapes.
 */
import type {
  ApiToken,
  AuditEntry,
  Collection,
  CollectionItem,
  Comment,
  LocalStats,
  ReportedComment,
  Role,
  User,
  UserRef,
} from './model.ts';

export interface NewUser {
  id: string;
  email: string;
  handle: string;
  displayName: string;
  role: Role;
  createdAt: string;
}

export interface UserPatch {
  handle?: string;
  displayName?: string;
  role?: Role;
  bannedAt?: string | null;
  banReason?: string | null;
  passwordHash?: string | null;
}

export interface UserRepo {
  get(id: string): Promise<User | null>;
  getByEmail(email: string): Promise<User | null>;
  getByHandle(handle: string): Promise<User | null>;
  /** Creates a user; rejects with AppError `conflict` when the email or handle is taken. */
  create(user: NewUser): Promise<User>;
  /** Applies `patch`; rejects with `conflict` when a new handle is taken. */
  update(id: string, patch: UserPatch): Promise<User>;
  passwordHash(id: string): Promise<string | null>;
  /** Users whose email or handle contains `query` (admin page), newest first. */
  search(query: string, limit: number): Promise<User[]>;
  count(): Promise<number>;
}

export interface SessionRepo {
  create(session: {
    idHash: string;
    userId: string;
    createdAt: string;
    expiresAt: string;
  }): Promise<void>;
  /** The user of a live session (not expired at `now`), or null. */
  find(idHash: string, now: string): Promise<User | null>;
  delete(idHash: string): Promise<void>;
  /** Ends every session of a user; returns how many. */
  deleteAllFor(userId: string): Promise<number>;
  count(userId: string, now: string): Promise<number>;
  /** Deletes sessions that expired before `now`; returns how many. */
  purgeExpired(now: string): Promise<number>;
}

export interface ApiTokenRepo {
  create(token: ApiToken & { tokenHash: string }): Promise<void>;
  /** The user's tokens, newest first, revoked ones included. */
  listByUser(userId: string): Promise<ApiToken[]>;
  /** The token with this hash and its owner, whatever its state (revoked, expired), or null. */
  find(tokenHash: string): Promise<{ token: ApiToken; user: User } | null>;
  /** Revokes the user's token; false when the user has no such unrevoked token. */
  revoke(id: string, userId: string, at: string): Promise<boolean>;
  /** Records a use at `at` unless one was recorded at or after `since` (one write a minute at most). */
  touch(id: string, at: string, since: string): Promise<void>;
}

export interface LoginTokenRepo {
  create(token: {
    tokenHash: string;
    email: string;
    createdAt: string;
    expiresAt: string;
  }): Promise<void>;
  /** The email of an unused, unexpired token, without using it (for the confirmation page). */
  peek(tokenHash: string, now: string): Promise<string | null>;
  /**
   * Marks the token used and returns its email — atomically, so a token works once even when
   * two requests race. Null when unknown, used or expired.
   */
  consume(tokenHash: string, now: string): Promise<string | null>;
  /** Tokens issued for `email` since `since` (rate limit). */
  countSince(email: string, since: string): Promise<number>;
  /** Deletes tokens created before `before` (used or not); returns how many. */
  purgeBefore(before: string): Promise<number>;
}

/** What a signed-out reader was doing when sign-in interrupted them (core/community/pending-actions.ts). */
export type PendingAction =
  | { kind: 'return'; next: string }
  | { kind: 'vote'; paperId: string; next: string }
  | { kind: 'save'; paperId: string; note: string; next: string }
  | { kind: 'comment'; paperId: string; parentId: string | null; body: string; next: string };

/** Pending actions, keyed by the hash of the token in the reader's cookie. */
export interface PendingActionRepo {
  /** Stores (or replaces) the action under the token hash. */
  put(tokenHash: string, action: PendingAction, createdAt: string): Promise<void>;
  /** The action stored under the hash since `since`, else null. */
  get(tokenHash: string, since: string): Promise<PendingAction | null>;
  delete(tokenHash: string): Promise<void>;
  /** Deletes actions created before `before`; returns how many. */
  purgeBefore(before: string): Promise<number>;
}

export interface VoteRepo {
  /**
   * Adds the user's vote on the paper, or removes it when present, and keeps the paper's local
   * upvote counter equal to its number of votes — in one transaction, so concurrent toggles
   * never lose or double a vote. Returns whether the user now votes for it and the local count.
   */
  toggle(
    userId: string,
    paperId: string,
    now: string,
  ): Promise<{ voted: boolean; upvotes: number }>;
  /** Like toggle, but sets the vote to `voted` whatever it was (idempotent: for the JSON API). */
  set(
    userId: string,
    paperId: string,
    voted: boolean,
    now: string,
  ): Promise<{ voted: boolean; upvotes: number }>;
  /** Which of `paperIds` the user has voted for. */
  votedAmong(userId: string, paperIds: string[]): Promise<Set<string>>;
  /** Papers the user voted for, most recent vote first. */
  papersVotedBy(userId: string, limit: number): Promise<string[]>;
}

/** Local counters per paper (votes and comments on this instance). */
export interface StatsRepo {
  forPapers(paperIds: string[]): Promise<Map<string, LocalStats>>;
}

/** What the trending score of one paper is computed from. */
export interface TrendInput {
  paperId: string;
  /** Imported upvotes + local upvotes. */
  upvotes: number;
  /** Imported comment count + distinct local commenters. */
  discussion: number;
  /** When the paper's clock started (ISO instant), or null when unknown. */
  trendAt: string | null;
}

/** Storage of the incrementally maintained trending score (paper_stats). */
export interface TrendingRepo {
  /**
   * The latest featured day D such that at least `count` papers were featured on D or later (the
   * earliest featured day when fewer ever were); null when nothing was ever featured.
   */
  featuredDayHolding(count: number): Promise<string | null>;
  /** Gives every paper featured on or after `day` a stats row whose clock starts at its first featured day. */
  startFeaturedSince(day: string): Promise<void>;
  /**
   * Starts the clock of a paper that has none yet (on its first local activity): at its first
   * featured day when it has one, else at `fallback`.
   */
  startClock(paperId: string, fallback: string): Promise<void>;
  /** Score inputs of the given papers. */
  inputs(paperIds: string[]): Promise<TrendInput[]>;
  /** Score inputs of every paper whose clock started at or after `since`. */
  inputsSince(since: string): Promise<TrendInput[]>;
  writeScores(scores: { paperId: string; score: number }[]): Promise<void>;
  /** Sets the score of papers whose clock started before `cutoff` to 0 (they left the window). */
  retireBefore(cutoff: string): Promise<number>;
  /** The instant scores were last computed for (null before the first refresh). */
  asOf(): Promise<string | null>;
  setAsOf(at: string): Promise<void>;
  /** Papers by score, highest first, among those whose clock started at or after `since`. */
  top(
    since: string,
    page: { limit: number; offset: number },
  ): Promise<{ ids: string[]; total: number }>;
}

/**
 * Comments. `create`, `markDeleted` and `setHidden` update the paper's comment counters in the
 * same transaction as the change, so the counts are exact even if the process dies right after.
 */
export interface CommentRepo {
  create(comment: {
    id: string;
    paperId: string;
    userId: string;
    parentId: string | null;
    body: string;
    createdAt: string;
  }): Promise<void>;
  get(id: string): Promise<Comment | null>;
  edit(id: string, body: string, at: string): Promise<void>;
  /** Soft delete: the body is cleared, replies stay. */
  markDeleted(id: string, at: string): Promise<void>;
  setHidden(id: string, at: string | null): Promise<void>;
  /** All comments of a paper, oldest first (deleted and hidden ones included; views decide). */
  listForPaper(paperId: string): Promise<Comment[]>;
  listByUser(userId: string, limit: number): Promise<Comment[]>;
  /** Recounts the paper's visible comments and commenters into its stats row (repairs). */
  recount(paperId: string): Promise<void>;
  /** Files (or refreshes) a user's report on a comment. */
  report(report: {
    commentId: string;
    userId: string;
    reason: string;
    createdAt: string;
  }): Promise<void>;
  openReports(limit: number): Promise<ReportedComment[]>;
  resolveReports(commentId: string, at: string): Promise<void>;
}

export interface SubmissionRepo {
  /** Submissions by the user on a feed day. */
  countOn(userId: string, day: string): Promise<number>;
  /** True when the paper was ever submitted here. */
  wasSubmitted(paperId: string): Promise<boolean>;
  /**
   * Features the paper on `day` (featured_days), records who submitted it (when a user did) and
   * starts its trending clock — in one transaction. With `dailyQuota`, the user's submissions
   * that day are counted in the same transaction, so racing submissions cannot exceed it: false
   * (and nothing stored) when the quota is used. Rejects with `conflict` when the paper was
   * already submitted.
   */
  feature(entry: {
    paperId: string;
    day: string;
    userId: string | null;
    at: string;
    dailyQuota?: number;
  }): Promise<boolean>;
  /** Removes the paper from every featured day. */
  unfeature(paperId: string): Promise<void>;
  listByUser(userId: string, limit: number): Promise<{ paperId: string; day: string }[]>;
  /** Who submitted each paper here (local submissions only). */
  submitters(paperIds: string[]): Promise<Map<string, UserRef>>;
}

export interface CollectionRepo {
  create(collection: {
    id: string;
    userId: string;
    name: string;
    description: string;
    isPublic: boolean;
    at: string;
  }): Promise<void>;
  get(id: string): Promise<Collection | null>;
  update(
    id: string,
    patch: { name: string; description: string; isPublic: boolean },
    at: string,
  ): Promise<void>;
  delete(id: string): Promise<void>;
  listByUser(userId: string, includePrivate: boolean): Promise<Collection[]>;
  items(collectionId: string): Promise<CollectionItem[]>;
  /** Adds the paper or updates its note when it is already in the collection. */
  putItem(collectionId: string, paperId: string, note: string, at: string): Promise<void>;
  removeItem(collectionId: string, paperId: string, at: string): Promise<void>;
}

export interface AuditLog {
  record(entry: Omit<AuditEntry, 'actor' | 'id'> & { actorId: string }): Promise<void>;
  recent(limit: number): Promise<AuditEntry[]>;
}

/** Papers by author, through the author index. */
export interface AuthorIndex {
  /** Papers with an author whose key (authorKey) is `key`, newest first; the name as written. */
  papersBy(
    key: string,
    page: { limit: number; offset: number },
  ): Promise<{ name: string | null; ids: string[]; total: number }>;
}

/** Renders user Markdown to safe HTML (no scripts, event handlers or javascript: URLs). */
export interface MarkdownRenderer {
  render(markdown: string): string;
}
