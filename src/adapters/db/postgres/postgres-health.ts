/**
 * What a PostgreSQL store says about itself: the server's version and where it is (no
 * credentials), pgvector's version, and migrations.
 */
import { sql } from 'kysely';
import type { Check, StoreHealth } from '../../../core/store/ports.ts';
import { check, migrationsCheck, ping } from '../store-checks.ts';
import type { PostgresStore } from './postgres-store.ts';

export class PostgresHealth implements StoreHealth {
  constructor(private readonly store: PostgresStore) {}

  async checks(): Promise<Check[]> {
    const { db } = this.store;
    return [
      await check('store', async () => {
        const row = await sql<{ v: string }>`select current_setting('server_version') as v`.execute(
          db,
        );
        return `PostgreSQL ${row.rows[0]?.v ?? '?'} at ${this.store.label.replace(/^PostgreSQL /, '')}`;
      }),
      await check('pgvector', async () => {
        const installed = await sql<{ v: string }>`
          select extversion as v from pg_extension where extname = 'vector'`.execute(db);
        const version = installed.rows[0]?.v;
        if (version) return `pgvector ${version}`;
        const available = await sql<{ v: string | null }>`
          select default_version as v from pg_available_extensions where name = 'vector'`.execute(
          db,
        );
        if (available.rows[0]?.v) {
          return `pgvector ${available.rows[0].v} available, not yet created (migrations create it)`;
        }
        throw new Error(
          'pgvector is not installed on the server; install it (Debian: postgresql-15-pgvector, or ../shared/scripts/install-pgvector.sh) — semantic search needs it',
        );
      }),
      await migrationsCheck(db),
    ];
  }

  ping(): Promise<boolean> {
    return ping(this.store.db);
  }
}
