/**
 * A rate-limiter-flexible store over Kysely (either engine), so limits that must
 * hold across several web processes — mails sent, failed password guesses — count in one place.
 * It is the library's documented extension point (a subclass of RateLimiterStoreAbstract, as its
 * Prisma and Drizzle stores are); the library keeps the window, block and insurance logic.
 */
import type { Kysely } from 'kysely';
import { type IRateLimiterStoreOptions, RateLimiterRes } from 'rate-limiter-flexible';
import type { Database } from './schema.ts';

interface Row {
  points: number;
  expires_at: string;
}

/** The abstract base is not re-exported from the package's index; its file is stable API. */
interface StoreBase {
  points: number;
}
type StoreBaseClass = new (opts: IRateLimiterStoreOptions) => StoreBase;

// @ts-expect-error: the file has no type declarations of its own (typed by StoreBaseClass above)
import StoreAbstract from 'rate-limiter-flexible/lib/RateLimiterStoreAbstract.js';

const RateLimiterStoreAbstract = StoreAbstract as StoreBaseClass;

/** A window per key in table rate_limits (migration 0601); keys carry the limiter's prefix. */
export class KyselyRateLimiter extends RateLimiterStoreAbstract {
  private readonly db: Kysely<Database>;

  constructor(db: Kysely<Database>, opts: Omit<IRateLimiterStoreOptions, 'storeClient'>) {
    super({ ...opts, storeClient: db });
    this.db = db;
  }

  /** Called by the base class: adds `points` to the key's window (a new one when it expired). */
  async _upsert(key: string, points: number, msDuration: number, forceExpire = false) {
    const now = new Date();
    const expires = new Date(now.getTime() + (msDuration > 0 ? msDuration : 3650 * 86_400_000));
    const values = { key, points, expires_at: expires.toISOString() };
    if (!forceExpire) {
      // An expired window starts again; concurrent increments are all counted by the upsert.
      await this.db
        .deleteFrom('rate_limits')
        .where('key', '=', key)
        .where('expires_at', '<=', now.toISOString())
        .execute();
    }
    return this.db
      .insertInto('rate_limits')
      .values(values)
      .onConflict((oc) =>
        oc
          .column('key')
          .doUpdateSet((eb) =>
            forceExpire
              ? { points, expires_at: values.expires_at }
              : { points: eb('rate_limits.points', '+', eb.ref('excluded.points')) },
          ),
      )
      .returning(['points', 'expires_at'])
      .executeTakeFirstOrThrow();
  }

  async _get(key: string): Promise<Row | null> {
    const row = await this.db
      .selectFrom('rate_limits')
      .select(['points', 'expires_at'])
      .where('key', '=', key)
      .where('expires_at', '>', new Date().toISOString())
      .executeTakeFirst();
    return row ?? null;
  }

  async _delete(key: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('rate_limits')
      .where('key', '=', key)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  _getRateLimiterRes(_key: string, changedPoints: number, row: Row): RateLimiterRes {
    const consumed = Number(row.points);
    return new RateLimiterRes(
      Math.max(this.points - consumed, 0),
      Math.max(Date.parse(row.expires_at) - Date.now(), 0),
      consumed,
      consumed === changedPoints,
    );
  }

  /** Removes windows that ended before `before` (the store stays small). */
  async sweep(before: Date): Promise<number> {
    const result = await this.db
      .deleteFrom('rate_limits')
      .where('expires_at', '<', before.toISOString())
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
