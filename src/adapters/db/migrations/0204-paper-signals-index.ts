/**
 * 0204: a covering index of the ranking signals (submitted_at, upvotes, categories) and the
 * title by paper id, so ranking, sorting and facets of a search's 200–400 candidates, and the
 * whole-title check of up to 300 papers, read one small index instead of each paper's whole row
 * (the papers table holds every abstract: 6 GB at 1M papers).
 * `SqliteSearchIndex.signals` names it with INDEXED BY: without ANALYZE the planner prefers the
 * primary-key index. PostgreSQL gets its own migration.
 */
import { type Kysely, SqliteAdapter, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return;
  await sql
    .raw('CREATE INDEX papers_signals ON papers (id, submitted_at, upvotes, categories, title)')
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return;
  await sql.raw('DROP INDEX papers_signals').execute(db);
}
