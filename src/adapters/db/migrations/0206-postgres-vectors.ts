/**
 * 0206: vectors on PostgreSQL live in pgvector: the extension, and an `embedding` column on
 * `paper_vectors` that holds them there (any dimension; each model's rows share one). The
 * portable `vector` bytes column stays the source of truth on SQLite and is left empty on
 * PostgreSQL. Nothing changes on SQLite.
 */
import { type Kysely, sql } from 'kysely';
import { engineOf, postgresOnly } from './engine.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  if (engineOf(db) !== 'postgres') return;
  try {
    await sql`CREATE EXTENSION IF NOT EXISTS vector`.execute(db);
  } catch (cause) {
    const why = cause instanceof Error ? cause.message : String(cause);
    throw new Error(
      `pgvector is needed on PostgreSQL and could not be created (${why}). Install it on the server (Debian: postgresql-15-pgvector, or ../shared/scripts/install-pgvector.sh), or have a superuser run CREATE EXTENSION vector in this database, then start again.`,
      { cause },
    );
  }
  await postgresOnly(db, [
    'ALTER TABLE paper_vectors ALTER COLUMN vector DROP NOT NULL',
    'ALTER TABLE paper_vectors ADD COLUMN embedding vector',
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await postgresOnly(db, [
    'ALTER TABLE paper_vectors DROP COLUMN embedding',
    'DELETE FROM paper_vectors WHERE vector IS NULL',
    'ALTER TABLE paper_vectors ALTER COLUMN vector SET NOT NULL',
  ]);
}
