/**
 * Ports of the digest use cases: storage of subscriptions and of the digest ledger, and the two
 * narrow candidate sources (trending papers, papers matching a saved search or an author) that
 * container.ts implements with whatever ranking and search this instance has.
 */
import type { Paper } from '../papers/model.ts';
import type { DayRange } from '../papers/ports.ts';
import type {
  Candidate,
  Digest,
  EmailAddress,
  Subscription,
  SubscriptionKind,
  TimeWindow,
} from './model.ts';

/** For-you digests: each reader's newest papers ranked from their library (core/recs). */
export interface ForYouSource {
  /**
   * For each reader (account id), the papers submitted in `window` recommended for them, best
   * first, at most `limit`; `score` is relevance in [0, 1] and only papers at or above the
   * reader's own threshold (their settings) are given. An empty library gives none.
   */
  forReaders(
    userIds: string[],
    window: TimeWindow,
    limit: number,
  ): Promise<Map<string, Candidate[]>>;
}

/** Trending papers for a period (the community's documented trending score). */
export interface TrendingSource {
  /** Papers trending over the feed days in `days`, best first, at most `limit`. */
  trending(days: DayRange, limit: number): Promise<Candidate[]>;
}

/** New papers matching saved searches or followed authors. */
export interface AlertSource {
  /**
   * For each saved search (the search page's query string), the papers added to the store in
   * `window` that match it, best first, at most `limit` each. `score` is absolute relevance in
   * [0, 1] — comparable across searches, not normalised per result list — and semantic matches
   * count, not only keyword hits.
   */
  matchSearches(
    queries: string[],
    window: TimeWindow,
    limit: number,
  ): Promise<Map<string, Candidate[]>>;
  /** For each author name, the papers added in `window` that list that author (score 1). */
  matchAuthors(
    names: string[],
    window: TimeWindow,
    limit: number,
  ): Promise<Map<string, Candidate[]>>;
  /**
   * The instant up to which papers added to the store are fully searchable (indexed and
   * embedded), never after `now`. Alert windows end here so a paper still waiting for its vector
   * is not skipped for good.
   */
  settledUntil(now: Date): Promise<Date>;
  /** Rejects with a clear error when `query` is not a valid saved search (checked on subscribe). */
  validate(query: string): Promise<void>;
}

/** Papers as they arrive in the store, for alert matching. */
export interface NewPapers {
  /**
   * Papers added to the store in `window`, leaving out those first submitted before
   * `submittedAfter` (backfills of old papers are not news), oldest first.
   */
  addedIn(window: TimeWindow, submittedAfter: Date): Promise<{ paper: Paper; addedAt: string }[]>;
}

/** Vectors of saved-search texts, kept per embedding model (a query is embedded once). */
export interface QueryVectorCache {
  get(modelId: string, texts: string[]): Promise<Map<string, Float32Array>>;
  put(modelId: string, vectors: Map<string, Float32Array>): Promise<void>;
}

/** A subscription's digest that is ready to be recorded. */
export interface NewDigest {
  digest: Digest;
  /** The subscription's new alert cursor, when it moves. */
  cursor: string | null;
}

/** Subscriptions and their addresses. */
export interface SubscriptionRepo {
  getAddress(address: string): Promise<EmailAddress | null>;
  /** Creates the address row when missing; returns it either way. */
  ensureAddress(address: string, now: Date): Promise<EmailAddress>;
  updateAddress(
    address: string,
    changes: Partial<Omit<EmailAddress, 'address' | 'createdAt'>>,
  ): Promise<void>;
  create(subscription: Subscription): Promise<void>;
  get(id: string): Promise<Subscription | null>;
  /** The subscription of `address` to this kind and query, whatever its status. */
  find(address: string, kind: SubscriptionKind, query: string): Promise<Subscription | null>;
  listByAddress(address: string): Promise<Subscription[]>;
  update(
    id: string,
    changes: Partial<
      Pick<
        Subscription,
        | 'status'
        | 'cadence'
        | 'timeZone'
        | 'confirmedAt'
        | 'unsubscribedAt'
        | 'cursor'
        | 'minScore'
        | 'userId'
        | 'includeTerms'
        | 'excludeTerms'
      >
    >,
  ): Promise<void>;
  /**
   * Active subscriptions of addresses that are not disabled, by id after `after` (keyset
   * pagination), optionally of one address.
   */
  listDeliverable(after: string | null, limit: number, address?: string): Promise<Subscription[]>;
  /** All subscriptions, newest first (admin). */
  list(page: { limit: number; offset: number }): Promise<{ items: Subscription[]; total: number }>;
}

/** The digest ledger: one row per (subscription, period), written before anything is sent. */
export interface DigestLedger {
  /** Which of these (subscriptionId, period) keys already have a digest. Keys: `${id}|${period}`. */
  existingKeys(keys: { subscriptionId: string; period: string }[]): Promise<Set<string>>;
  /** Papers already sent (or reserved for a recorded digest) to each address, among `paperIds`. */
  sentPapers(addresses: string[], paperIds: string[]): Promise<Map<string, Set<string>>>;
  /**
   * Records digests in one transaction: each digest (skipped when its key exists), its papers
   * as sent to its address, and the subscription's new cursor. Returns how many were recorded.
   */
  record(digests: NewDigest[]): Promise<number>;
  /**
   * Pending digests due for an attempt at `now`, whose subscription is active (and was not
   * re-confirmed after the digest was recorded) and address not disabled, by id after `after`
   * (keyset pagination), optionally of one address.
   */
  listDeliverable(
    now: Date,
    after: string | null,
    limit: number,
    address?: string,
  ): Promise<{ digest: Digest; subscription: Subscription; addressBounces: number }[]>;
  get(id: string): Promise<Digest | null>;
  /** Digests by status (for `paperboy digest status` and the admin page). */
  countByStatus(): Promise<Record<string, number>>;
  /** Sent digests still waiting for the server's reply when their sender stopped. */
  countUnconfirmed(): Promise<number>;
}

/** What became of each delivery attempt. */
export interface DeliveryOutcomes {
  /**
   * The commit point: pending → sent, durably once the promise resolves. Rejects when the digest
   * is no longer pending. An adapter that can commit within the call does, so the caller's next
   * write (the end-of-data marker) follows the commit with no I/O in between.
   */
  markSent(id: string, now: Date): Promise<void>;
  /** The server said 250. */
  markConfirmed(id: string, now: Date, response: string): Promise<void>;
  /** Back to pending, to try again at `nextAttemptAt` (attempts + 1). */
  markRetry(id: string, error: string, nextAttemptAt: Date): Promise<void>;
  /** Given up (a permanent failure, or too many attempts). */
  markFailed(id: string, error: string): Promise<void>;
  /** Notes an error on a sent digest whose delivery is unconfirmed. */
  noteUnconfirmed(id: string, error: string): Promise<void>;
}

/** Permanent delivery failures per address. */
export interface BounceCounter {
  /** Counts a permanent failure against `address`; disables it at `maxBounces`. */
  recordBounce(address: string, error: string, now: Date, maxBounces: number): Promise<boolean>;
  /** A delivery succeeded: the address's failure count starts again. */
  clearBounces(address: string): Promise<void>;
}

/** One planner/sender of digests at a time, across processes and machines. */
export interface SendLock {
  /**
   * Takes the lock. Succeeds when free, expired, or held by a process on this host that no
   * longer runs.
   */
  acquire(owner: string, now: Date, until: Date): Promise<boolean>;
  renew(owner: string, until: Date): Promise<boolean>;
  release(owner: string): Promise<void>;
}
