/**
 * Upkeep of a PostgreSQL store: the search's term statistics, the impact-ordered keyword index
 * (rebuilt daily, or sooner when it lags, by core's rule as on SQLite) and the planner's
 * statistics (ANALYZE). Autovacuum does the
 * rest of PostgreSQL's housekeeping in the background without holding up commits, so there is
 * nothing to hold while a mail's commit point runs.
 */
import { type Kysely, sql } from 'kysely';
import type { Clock } from '../../../core/clock.ts';
import type { Logger } from '../../../core/logger.ts';
import type { ProgressFactory } from '../../../core/progress.ts';
import type { StoreUpkeep } from '../../../core/store/ports.ts';
import type { PostgresSearchIndex } from '../../search/postgres-search-index.ts';
import type { Database } from '../schema.ts';

const KEY = 'upkeep.optimized_at';
const DAY_MS = 24 * 60 * 60_000;

export class PostgresUpkeep implements StoreUpkeep {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly search?: PostgresSearchIndex,
    private readonly log?: Logger,
  ) {}

  async optimize(progress?: ProgressFactory): Promise<void> {
    const terms = await this.search?.refreshTermStats();
    const built = await this.search?.buildImpacts(progress?.('keyword index', terms ?? 0));
    if (built) this.log?.info('keyword index built', { ...built });
    await sql`analyze`.execute(this.db);
    const at = this.clock.now().toISOString();
    await this.db
      .insertInto('settings')
      .values({ key: KEY, value: at, updated_at: at })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: at, updated_at: at }))
      .execute();
  }

  async optimizeDue(now: Date): Promise<boolean> {
    const row = await this.db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', KEY)
      .executeTakeFirst();
    if (!row || now.getTime() - Date.parse(row.value) >= DAY_MS) return true;
    return (await this.search?.impactsDue(now, DAY_MS)) ?? false;
  }

  async holdHousekeeping(): Promise<() => Promise<void>> {
    return async () => {};
  }
}
