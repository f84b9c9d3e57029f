/**
 * 0210: PostgreSQL's covering indexes for a keyword search's candidates (SQLite's 0204 in idea).
 * A search maps its 200–400 best docids to papers and reads their ranking signals and titles;
 * through the tables that is a `search_docs` row (with its tsvector) and a `papers` row (with its
 * abstract) per candidate, scattered over 700 MB at 200k papers, far past shared_buffers, so most
 * lookups read a page from the OS. These indexes answer both by index-only scans from 37 MB
 * (docs/benchmarks/postgres-search.md: docid → papers 21 → ~4 ms a search at 200k papers).
 * SQLite needs neither: `paper_docids` is already docid → paper id alone, and 0204 covers papers.
 */
import type { Kysely } from 'kysely';
import { postgresOnly } from './engine.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await postgresOnly(db, [
    'CREATE INDEX search_docs_papers ON search_docs (docid) INCLUDE (paper_id)',
    'CREATE INDEX papers_signals ON papers (id) INCLUDE (submitted_at, upvotes, categories, title)',
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await postgresOnly(db, ['DROP INDEX search_docs_papers', 'DROP INDEX papers_signals']);
}
