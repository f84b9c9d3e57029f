/**
 * 0203: term statistics for the lexical index — the document frequency of every FTS5 term (its
 * stem), copied from `papers_fts_vocab` by `SqliteSearchIndex.refreshTermStats` (the daily
 * `store:optimize` job). Counting a term's documents through fts5vocab reads its whole posting
 * list (hundreds of ms for a common word at 1M papers); this table answers in microseconds.
 * `generation` tells rows of the last refresh from stale ones. PostgreSQL's search schema has migrations of its own.
 */
import type { Kysely } from 'kysely';
import { sqliteOnly } from './engine.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sqliteOnly(db, [
    `CREATE TABLE search_terms (
       term TEXT PRIMARY KEY,
       df INTEGER NOT NULL,
       generation INTEGER NOT NULL) WITHOUT ROWID`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sqliteOnly(db, ['DROP TABLE search_terms']);
}
