/**
 * Email subscriptions and the digests sent for them. An address subscribes (double opt-in) to the
 * trending digest, to a saved search (an alert) or to an author; each subscription gets at most
 * one digest per period, recorded in a ledger before it is sent.
 */

/** What a subscription follows (`for-you`: the account's For you, ranked from its library). */
export type SubscriptionKind = 'trending' | 'search' | 'author' | 'for-you';
export const SUBSCRIPTION_KINDS: readonly SubscriptionKind[] = [
  'trending',
  'search',
  'author',
  'for-you',
];

/** How often: `daily` is every weekday morning in the subscriber's time zone, `weekly` Monday. */
export type Cadence = 'daily' | 'weekly';
export const CADENCES: readonly Cadence[] = ['daily', 'weekly'];

/** `pending` until the confirmation link is followed; `unsubscribed` is kept for the record. */
export type SubscriptionStatus = 'pending' | 'active' | 'unsubscribed';

export interface Subscription {
  /** Random, unguessable id (also shown to operators: `paperboy digest preview <id>`). */
  id: string;
  /** Normalised address (trimmed, lower-case). */
  address: string;
  kind: SubscriptionKind;
  cadence: Cadence;
  /**
   * search: the saved search as the search page's query string (`q=…&category=…`);
   * author: the author's name; trending and for-you: ''.
   */
  query: string;
  /** IANA time zone that decides when "daily" and "weekly" begin. */
  timeZone: string;
  status: SubscriptionStatus;
  /** Alerts: minimum relevance (0–1) a paper needs; null means the instance default. */
  minScore: number | null;
  /** Account this subscription belongs to, when it was made signed in. */
  userId: string | null;
  createdAt: string;
  confirmedAt: string | null;
  unsubscribedAt: string | null;
  /** Alerts: papers added to the store before this instant have been considered already. */
  cursor: string | null;
  /**
   * Saved-search alerts: papers must match this keyword expression (search syntax with AND, OR,
   * NOT; core/search/keyword-filter.ts) to be mailed; '' = any.
   */
  includeTerms: string;
  /** Saved-search alerts: papers matching this expression are left out; '' = none. */
  excludeTerms: string;
}

/** Delivery state of one address, shared by all its subscriptions. */
export interface EmailAddress {
  address: string;
  /** First time a confirmation link sent to it was followed. */
  verifiedAt: string | null;
  /** Set after too many permanent failures in a row; nothing is sent until it confirms again. */
  disabledAt: string | null;
  /** Permanent (5xx) failures in a row; reset by a successful delivery. */
  bounceCount: number;
  lastBounce: string | null;
  /** Confirmation mails sent in the current window, for rate limiting. */
  confirmationsSent: number;
  lastConfirmationAt: string | null;
  createdAt: string;
}

/**
 * pending: recorded, not sent yet (or to be retried); sent: the commit point was passed (the
 * server has or may have it); failed: given up; empty: nothing new for the period, no mail.
 */
export type DigestStatus = 'pending' | 'sent' | 'failed' | 'empty';

/** One paper chosen for a digest, with why. */
export interface DigestPick {
  paperId: string;
  /** Trending score or relevance (0–1), as the source gave it. */
  score: number;
}

export interface Digest {
  id: string;
  subscriptionId: string;
  address: string;
  /** The period: a local day (2026-08-25) for daily digests, an ISO week (2026-W35) for weekly. */
  period: string;
  status: DigestStatus;
  /** The window of papers considered (alerts: added in [from, to); trending: feed days). */
  windowFrom: string;
  windowTo: string;
  picks: DigestPick[];
  /** Message-ID (without brackets), fixed when the digest is recorded. */
  messageId: string;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  createdAt: string;
  /** When the commit point was passed. */
  sentAt: string | null;
  /** When the server answered 250 (null with status sent: unconfirmed). */
  confirmedAt: string | null;
  smtpResponse: string | null;
}

/** A candidate paper from a source (trending list, search, author match). */
export interface Candidate {
  paperId: string;
  /** Trending score (any scale, higher first) or relevance in [0, 1] for alerts. */
  score: number;
  /** When the paper was added to this store (ISO); alerts use it against their cursor. */
  addedAt: string;
}

/** Papers first submitted longer ago than this are not news, even when just added (backfills). */
export const MAX_PAPER_AGE_DAYS = 30;

/** A half-open time window [since, until). */
export interface TimeWindow {
  since: Date;
  until: Date;
}

/** Instance-wide digest settings (from config). */
export interface DigestSettings {
  /** Local hour (0–23) at which daily and weekly digests become due. */
  sendHour: number;
  /** Papers in a trending digest. */
  trendingSize: number;
  /** Most papers in one alert. */
  alertSize: number;
  /** Default relevance (0–1) an alert's papers need. */
  minScore: number;
  /** Permanent failures in a row before an address is disabled. */
  maxBounces: number;
  /** Domain for Message-IDs and List-Id (the base URL's host). */
  mailDomain: string;
}

/** The oldest submission time a paper added in `window` may have to count as new. */
export function submittedAfter(window: TimeWindow): Date {
  return new Date(window.until.getTime() - MAX_PAPER_AGE_DAYS * 86_400_000);
}
