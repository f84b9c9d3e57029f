/**
 * Rate limits as a port: a named allowance of requests per key (a client IP, a mailbox, one
 * global key) in a time window. Adapters keep the counts in process memory or in the store
 * (limits that must hold across several web processes, such as mails sent).
 */

/** The outcome of taking one unit from an allowance. */
export interface LimitDecision {
  allowed: boolean;
  /** Units in one window. */
  limit: number;
  /** Units left in this window after this one (0 when refused). */
  remaining: number;
  /** Milliseconds until the window resets (and, when refused, until trying again helps). */
  resetMs: number;
}

export interface RateLimit {
  /** What it limits, for logs and metrics (`mail_per_ip`, …). */
  readonly name: string;
  readonly limit: number;
  readonly windowSeconds: number;
  /** Takes `points` (default 1) units for `key`. Never throws on a refusal: `allowed` says it. */
  consume(key: string, points?: number): Promise<LimitDecision>;
  /** Gives back `points` (default 1) units taken for a request that turned out to cost nothing. */
  refund(key: string, points?: number): Promise<void>;
  /** Gives the key its whole allowance back (a successful sign-in clears its failures). */
  reset(key: string): Promise<void>;
}

/** The limits the edges apply; a limit of 0 in the config switches one off (null here). */
export interface Limits {
  /** Mail-sending requests per client IP. */
  mailPerIp: RateLimit | null;
  /** Mail-sending requests per canonical mailbox (core/mail/mailbox.ts). */
  mailPerMailbox: RateLimit | null;
  /** Mail-sending requests for the whole instance. */
  mailGlobal: RateLimit | null;
  /** API and feed requests per client IP. */
  apiPerIp: RateLimit | null;
  /** Failed password sign-ins per account (canonical mailbox). */
  passwordPerAccount: RateLimit | null;
  /** Failed password sign-ins per client IP. */
  passwordPerIp: RateLimit | null;
}
