/**
 * The RateLimit port over rate-limiter-flexible: per-process limits in memory, shared ones in the
 * store (adapters/db/kysely-rate-limiter.ts, with a memory limiter as insurance when the store
 * cannot answer). createLimits builds every limit the edges apply from plain numbers.
 */
import type { Kysely } from 'kysely';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { LimitDecision, Limits, RateLimit } from '../../core/limits/ports.ts';
import { KyselyRateLimiter } from '../db/kysely-rate-limiter.ts';
import type { Database } from '../db/schema.ts';

interface Limiter {
  consume(key: string, points?: number): Promise<RateLimiterRes>;
  reward(key: string, points?: number): Promise<RateLimiterRes>;
  delete(key: string): Promise<boolean>;
}

function wrap(name: string, limit: number, windowSeconds: number, limiter: Limiter): RateLimit {
  const decision = (allowed: boolean, res: RateLimiterRes): LimitDecision => ({
    allowed,
    limit,
    remaining: allowed ? res.remainingPoints : 0,
    resetMs: res.msBeforeNext,
  });
  return {
    name,
    limit,
    windowSeconds,
    async consume(key, points = 1) {
      try {
        return decision(true, await limiter.consume(key, points));
      } catch (error) {
        if (error instanceof RateLimiterRes) return decision(false, error);
        throw error;
      }
    },
    async refund(key, points = 1) {
      await limiter.reward(key, points);
    },
    async reset(key) {
      await limiter.delete(key);
    },
  };
}

/** A limit counted in this process only. */
export function memoryRateLimit(name: string, limit: number, windowSeconds: number): RateLimit {
  return wrap(
    name,
    limit,
    windowSeconds,
    new RateLimiterMemory({ points: limit, duration: windowSeconds, keyPrefix: name }),
  );
}

/** A limit counted in the store, shared by every process on it. */
export function storeRateLimit(
  db: Kysely<Database>,
  name: string,
  limit: number,
  windowSeconds: number,
): RateLimit {
  const insurance = new RateLimiterMemory({ points: limit, duration: windowSeconds });
  const limiter = new KyselyRateLimiter(db, {
    points: limit,
    duration: windowSeconds,
    keyPrefix: name,
    insuranceLimiter: insurance,
  }) as unknown as Limiter;
  return wrap(name, limit, windowSeconds, limiter);
}

/** The numbers behind Limits (from config.ts); 0 switches a limit off. */
export interface LimitSettings {
  mailPerIpHour: number;
  mailPerAddressHour: number;
  mailGlobalHour: number;
  apiPerIpMinute: number;
  passwordFailuresPerAccount: number;
  passwordFailuresPerIp: number;
}

const HOUR = 3600;
const FAILURE_WINDOW = 15 * 60;

/** Every limit, mail and password ones in the store, the API one in memory. */
export function createLimits(db: Kysely<Database>, s: LimitSettings): Limits {
  const shared = (name: string, n: number, seconds: number) =>
    n > 0 ? storeRateLimit(db, name, n, seconds) : null;
  return {
    mailPerIp: shared('mail_per_ip', s.mailPerIpHour, HOUR),
    mailPerMailbox: shared('mail_per_mailbox', s.mailPerAddressHour, HOUR),
    mailGlobal: shared('mail_global', s.mailGlobalHour, HOUR),
    apiPerIp: s.apiPerIpMinute > 0 ? memoryRateLimit('api_per_ip', s.apiPerIpMinute, 60) : null,
    passwordPerAccount: shared(
      'password_per_account',
      s.passwordFailuresPerAccount,
      FAILURE_WINDOW,
    ),
    passwordPerIp: shared('password_per_ip', s.passwordFailuresPerIp, FAILURE_WINDOW),
  };
}
