/**
 * 0203: term statistics for the lexical index — the document frequency of every FTS5 term (its
 * stem), copied from `papers_fts_vocab` by `SqliteSearchIndex.refreshTermStats` (the daily
 * `store:optimize` job). Counting a term's documents through fts5vocab reads its whole posting
 * list (hundreds of ms for a common word at 1M papers); this table answers in microseconds.
 * `generation` tells rows of the last refresh from stale ones. PostgreSQL gets its own migration.
 */
import { type Kysely, SqliteAdapter, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return;
  await sql
    .raw(
      `CREATE TABLE search_terms (
         term TEXT PRIMARY KEY,
         df INTEGER NOT NULL,
         generation INTEGER NOT NULL) WITHOUT ROWID`,
    )
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return;
  await sql.raw('DROP TABLE search_terms').execute(db);
}
