/**
 * 0204: a covering index of the ranking signals (submitted_at, upvotes, categories) and the
 * title by paper id, so ranking, sorting and facets of a search's 200–400 candidates, and the
 * whole-title check of up to 300 papers, read one small index instead of each paper's whole row
 * (the papers table holds every abstract: 6 GB at 1M papers).
 * `SqliteSearchIndex.signals` names it with INDEXED BY: without ANALYZE the planner prefers the
 * primary-key index. PostgreSQL's planner keeps
 * statistics itself (ANALYZE); its search schema has migrations of its own.
 */
import type { Kysely } from 'kysely';
import { sqliteOnly } from './engine.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sqliteOnly(db, [
    'CREATE INDEX papers_signals ON papers (id, submitted_at, upvotes, categories, title)',
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sqliteOnly(db, ['DROP INDEX papers_signals']);
}
