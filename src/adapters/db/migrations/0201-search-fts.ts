/**
 * 0201: the full-text index (SQLite FTS5) over papers' titles, abstracts and authors, with the
 * Porter stemmer. It is an external-content table over a view, so texts are stored once; triggers
 * keep it in step with `papers` inside the same transaction as every write.
 *
 * FTS5 needs stable integer rowids, and a table with a text primary key only has implicit rowids
 * that VACUUM may renumber — so `paper_docids` gives every paper a stable integer `docid`
 * (INTEGER PRIMARY KEY), which also keys the vector index. On PostgreSQL, search has its own
 * schema, in migrations of its own; nothing here applies to it.
 */
import type { Kysely } from 'kysely';
import { sqliteOnly } from './engine.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sqliteOnly(db, [
    `CREATE TABLE paper_docids (
       docid INTEGER PRIMARY KEY,
       paper_id TEXT NOT NULL UNIQUE REFERENCES papers(id) ON DELETE CASCADE)`,
    `INSERT INTO paper_docids (paper_id) SELECT id FROM papers ORDER BY created_at, id`,
    `CREATE VIEW papers_search_content AS
       SELECT d.docid AS docid, p.title AS title, p.abstract AS abstract, p.authors AS authors
       FROM paper_docids d JOIN papers p ON p.id = d.paper_id`,
    `CREATE VIRTUAL TABLE papers_fts USING fts5(
       title, abstract, authors,
       content = 'papers_search_content', content_rowid = 'docid',
       tokenize = 'porter unicode61 remove_diacritics 2')`,
    `CREATE VIRTUAL TABLE papers_fts_vocab USING fts5vocab(papers_fts, 'row')`,
    `CREATE TRIGGER papers_fts_insert AFTER INSERT ON papers BEGIN
       INSERT INTO paper_docids (paper_id) VALUES (new.id);
       INSERT INTO papers_fts (rowid, title, abstract, authors)
         VALUES (last_insert_rowid(), new.title, new.abstract, new.authors);
     END`,
    `CREATE TRIGGER papers_fts_update AFTER UPDATE OF title, abstract, authors ON papers BEGIN
       INSERT INTO papers_fts (papers_fts, rowid, title, abstract, authors)
         SELECT 'delete', docid, old.title, old.abstract, old.authors
         FROM paper_docids WHERE paper_id = old.id;
       INSERT INTO papers_fts (rowid, title, abstract, authors)
         SELECT docid, new.title, new.abstract, new.authors
         FROM paper_docids WHERE paper_id = new.id;
     END`,
    `CREATE TRIGGER papers_fts_delete BEFORE DELETE ON papers BEGIN
       INSERT INTO papers_fts (papers_fts, rowid, title, abstract, authors)
         SELECT 'delete', docid, old.title, old.abstract, old.authors
         FROM paper_docids WHERE paper_id = old.id;
       DELETE FROM paper_docids WHERE paper_id = old.id;
     END`,
    `INSERT INTO papers_fts (papers_fts) VALUES ('rebuild')`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sqliteOnly(db, [
    'DROP TRIGGER papers_fts_delete',
    'DROP TRIGGER papers_fts_update',
    'DROP TRIGGER papers_fts_insert',
    'DROP TABLE papers_fts_vocab',
    'DROP TABLE papers_fts',
    'DROP VIEW papers_search_content',
    'DROP TABLE paper_docids',
  ]);
}
