/**
 * Running migrations. Returns what happened instead of throwing, like Kysely's MigrationResultSet,
 * so `doctor` can report pending migrations and `serve` can refuse to start with a clear message.
 */
import { type Kysely, type Migration, type MigrationResult, Migrator } from 'kysely';
import { migrations } from './migrations/index.ts';
import type { Database } from './schema.ts';

export interface MigrationReport {
  /** Migrations applied by this run, in order (none when it failed: the run is one transaction). */
  applied: string[];
  /** The error that stopped the run, if any (later migrations were not attempted). */
  error: Error | null;
}

export interface MigrationStatus {
  executed: string[];
  pending: string[];
}

function migrator(db: Kysely<Database>, list: Record<string, Migration> = migrations): Migrator {
  return new Migrator({
    db: db as unknown as Kysely<unknown>,
    provider: { getMigrations: async () => list },
    allowUnorderedMigrations: true,
  });
}

/** Applies every pending migration, each in its own transaction. */
export async function migrateToLatest(
  db: Kysely<Database>,
  list: Record<string, Migration> = migrations,
): Promise<MigrationReport> {
  const { error, results } = await migrator(db, list).migrateToLatest();
  const applied = (results ?? [])
    .filter((r: MigrationResult) => r.status === 'Success')
    .map((r) => r.migrationName);
  const failed = (results ?? []).find((r) => r.status === 'Error');
  if (error === undefined) return { applied, error: null };
  const base = error instanceof Error ? error : new Error(String(error));
  const message = failed
    ? `migration ${failed.migrationName} failed: ${base.message}`
    : base.message;
  // Every pending migration runs in one transaction (see connect.ts), so a failure rolls back all.
  return { applied: [], error: new Error(message, { cause: base }) };
}

/** Which migrations have run and which are pending. */
export async function migrationStatus(db: Kysely<Database>): Promise<MigrationStatus> {
  const all = await migrator(db).getMigrations();
  return {
    executed: all.filter((m) => m.executedAt !== undefined).map((m) => m.name),
    pending: all.filter((m) => m.executedAt === undefined).map((m) => m.name),
  };
}
