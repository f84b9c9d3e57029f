/**
 * 0302: an index of papers by author (one row per byline position), so author pages and author
 * feeds are an index lookup instead of a scan over every paper's JSON author list. Maintained by
 * the paper repo's write path; this migration backfills the papers already stored.
 */
import type { Kysely } from 'kysely';
import { authorKey } from '../../../core/papers/author-key.ts';

const BATCH = 500;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('paper_authors')
    .addColumn('paper_id', 'text', (c) => c.notNull().references('papers.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('paper_authors_pk', ['paper_id', 'position'])
    .execute();
  await db.schema
    .createIndex('paper_authors_key')
    .on('paper_authors')
    .columns(['name_key', 'paper_id'])
    .execute();

  // biome-ignore lint/suspicious/noExplicitAny: migrations run against the untyped schema
  const typed = db as Kysely<any>;
  let after = '';
  for (;;) {
    const rows: { id: string; authors: string }[] = await typed
      .selectFrom('papers')
      .select(['id', 'authors'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(BATCH)
      .execute();
    if (rows.length === 0) break;
    const values = rows.flatMap((r) => authorRows(r.id, r.authors));
    for (let i = 0; i < values.length; i += BATCH) {
      await typed
        .insertInto('paper_authors')
        .values(values.slice(i, i + BATCH))
        .execute();
    }
    after = rows[rows.length - 1]?.id ?? after;
  }
}

function authorRows(paperId: string, json: string) {
  const parsed: unknown = JSON.parse(json);
  const names = Array.isArray(parsed)
    ? parsed.filter((n): n is string => typeof n === 'string')
    : [];
  return names.map((name, position) => ({
    paper_id: paperId,
    position,
    name,
    name_key: authorKey(name),
  }));
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('paper_authors').execute();
}
