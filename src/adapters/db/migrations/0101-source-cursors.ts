/**
 * 0101: where each (source, set) harvest stands — the opaque resume state the source adapter wrote
 * with the last committed page (OAI-PMH window + resumptionToken, last Hugging Face day, snapshot
 * line), committed in the same transaction as that page's papers.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('source_cursors')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('set_spec', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('pages', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('records', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('source_cursors_pk', ['source', 'set_spec'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('source_cursors').execute();
}
