/**
 * What the embedded store says about itself: SQLite's version and file, FTS5 compiled in,
 * migrations, and how plain keyword queries are ranked (the impact-ordered index or FTS5).
 */
import { sql } from 'kysely';
import type { Check, StoreHealth } from '../../../core/store/ports.ts';
import type { SqliteSearchIndex } from '../../search/sqlite-search-index.ts';
import type { SqliteStore } from '../connect.ts';
import { check, migrationsCheck, ping } from '../store-checks.ts';

export class SqliteHealth implements StoreHealth {
  constructor(
    private readonly store: SqliteStore,
    private readonly search: SqliteSearchIndex,
  ) {}

  async checks(): Promise<Check[]> {
    const { db, gate } = this.store;
    const checks = [
      await check('store', async () => {
        const row = await sql<{ v: string }>`select sqlite_version() as v`.execute(db);
        return `SQLite ${row.rows[0]?.v} at ${this.store.path}`;
      }),
      await check('fts5', async () => {
        const on = await gate.run(
          (sqlite) =>
            sqlite
              .prepare("select sqlite_compileoption_used('ENABLE_FTS5')")
              .pluck()
              .get() as number,
        );
        if (!on) throw new Error('SQLite was built without FTS5; reinstall better-sqlite3');
        return 'FTS5 available';
      }),
      await migrationsCheck(db),
    ];
    if (checks.every((c) => c.ok)) checks.push(await this.keywordIndex());
    return checks;
  }

  ping(): Promise<boolean> {
    return ping(this.store.db);
  }

  /** How plain keyword queries are ranked: the impact-ordered index, or FTS5 until it is built. */
  private async keywordIndex(): Promise<Check> {
    const status = await this.search.impactStatus();
    return {
      name: 'keyword index',
      ok: true,
      detail: status
        ? `impact-ordered index covers ${status.docs} papers; ${status.behind} newer and ${status.stale} changed papers are ranked by FTS5 until the next store:optimize`
        : 'FTS5 ranking (the impact-ordered index for large stores is built by store:optimize / paperboy optimize)',
    };
  }
}
