/**
 * 0209: papers the impact-ordered index on PostgreSQL does not cover. Every search row inserted,
 * or whose tsvector changes, is recorded in `search_impacts_stale` (statement triggers with
 * transition tables: one insert per statement). A build deletes the rows its snapshot saw, so a
 * paper committed after the snapshot — even one with a lower docid, committed late — stays
 * recorded and is ranked apart until the next build.
 */
import type { Kysely } from 'kysely';
import { postgresOnly } from './engine.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await postgresOnly(db, [
    `CREATE FUNCTION search_impacts_added() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       INSERT INTO search_impacts_stale (docid) SELECT docid FROM added;
       RETURN NULL;
     END $$`,
    `CREATE FUNCTION search_impacts_changed() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       INSERT INTO search_impacts_stale (docid)
         SELECT a.docid FROM added a JOIN removed r ON r.docid = a.docid WHERE a.tsv <> r.tsv;
       RETURN NULL;
     END $$`,
    `CREATE TRIGGER search_impacts_insert AFTER INSERT ON search_docs
       REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION search_impacts_added()`,
    `CREATE TRIGGER search_impacts_update AFTER UPDATE ON search_docs
       REFERENCING NEW TABLE AS added OLD TABLE AS removed
       FOR EACH STATEMENT EXECUTE FUNCTION search_impacts_changed()`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await postgresOnly(db, [
    'DROP TRIGGER search_impacts_update ON search_docs',
    'DROP TRIGGER search_impacts_insert ON search_docs',
    'DROP FUNCTION search_impacts_changed',
    'DROP FUNCTION search_impacts_added',
  ]);
}
