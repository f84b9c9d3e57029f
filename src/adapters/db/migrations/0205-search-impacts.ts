/**
 * 0205: the impact-ordered index of large stores (SqliteImpactIndex): for every term, its
 * postings with their quantised BM25 impacts, in segments best first, built by the `store:optimize` job from
 * FTS5's own index. `search_impacts_meta` names the live generation and the highest docid it
 * covers; papers stored later, and papers whose texts changed since (`search_impacts_stale`,
 * filled by a trigger only once an index exists), are ranked by FTS5. `search_impacts_builds`
 * holds the one running build (two at once would write one generation twice). PostgreSQL's
 * search schema has migrations of its own.
 */
import type { Kysely } from 'kysely';
import { sqliteOnly } from './engine.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sqliteOnly(db, [
    `CREATE TABLE search_impacts (
       id INTEGER PRIMARY KEY,
       generation INTEGER NOT NULL,
       term TEXT NOT NULL,
       weight REAL NOT NULL,
       scale REAL NOT NULL,
       count INTEGER NOT NULL,
       docids BLOB)`,
    'CREATE INDEX search_impacts_term ON search_impacts (generation, term, weight DESC, scale, count)',
    `CREATE TABLE search_impacts_meta (
       id INTEGER PRIMARY KEY CHECK (id = 1),
       generation INTEGER NOT NULL,
       watermark INTEGER NOT NULL,
       docs INTEGER NOT NULL,
       built_at TEXT NOT NULL)`,
    `CREATE TABLE search_impacts_builds (
       id INTEGER PRIMARY KEY CHECK (id = 1),
       pid INTEGER NOT NULL,
       started_at TEXT NOT NULL)`,
    `CREATE TABLE search_impacts_stale (
       id INTEGER PRIMARY KEY,
       docid INTEGER NOT NULL)`,
    `CREATE TRIGGER search_impacts_stale_update AFTER UPDATE OF title, abstract, authors ON papers
     WHEN (old.title IS NOT new.title OR old.abstract IS NOT new.abstract
           OR old.authors IS NOT new.authors)
       AND EXISTS (SELECT 1 FROM search_impacts_meta)
     BEGIN
       INSERT INTO search_impacts_stale (docid)
         SELECT docid FROM paper_docids WHERE paper_id = new.id;
     END`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sqliteOnly(db, [
    'DROP TRIGGER search_impacts_stale_update',
    'DROP TABLE search_impacts_stale',
    'DROP TABLE search_impacts_builds',
    'DROP TABLE search_impacts_meta',
    'DROP TABLE search_impacts',
  ]);
}
