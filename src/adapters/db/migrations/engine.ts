/**
 * What one migration track needs to run on both engines: which engine a migration is running on,
 * the column types that are spelled differently, and steps that belong to one engine only —
 * named as such in each migration (`sqliteOnly`, `postgresOnly`), so reading a migration tells
 * what each engine gets.
 */
import { type ColumnDataType, type Kysely, PostgresAdapter, sql } from 'kysely';

export type Engine = 'sqlite' | 'postgres';

export function engineOf(db: Kysely<unknown>): Engine {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** Binary data: BLOB on SQLite, BYTEA on PostgreSQL (both read back as a Buffer). */
export function binary(db: Kysely<unknown>): ColumnDataType {
  return engineOf(db) === 'postgres' ? 'bytea' : 'blob';
}

/**
 * An 8-byte float: REAL on SQLite (always 8 bytes there), DOUBLE PRECISION on PostgreSQL (whose
 * REAL is 4 bytes). Use it, not 'real', for fractional columns.
 */
export function double(db: Kysely<unknown>): ColumnDataType {
  return engineOf(db) === 'postgres' ? 'double precision' : 'real';
}

/** Runs `statements` (raw SQL, in order) when the migration runs on `engine`. */
export async function onEngine(
  db: Kysely<unknown>,
  engine: Engine,
  statements: string[],
): Promise<void> {
  if (engineOf(db) !== engine) return;
  for (const statement of statements) await sql.raw(statement).execute(db);
}

/** Steps of a migration that exist on SQLite only (FTS5, SQLite's own index features). */
export const sqliteOnly = (db: Kysely<unknown>, statements: string[]) =>
  onEngine(db, 'sqlite', statements);

/** Steps of a migration that exist on PostgreSQL only (extensions, tsvector, pgvector). */
export const postgresOnly = (db: Kysely<unknown>, statements: string[]) =>
  onEngine(db, 'postgres', statements);
