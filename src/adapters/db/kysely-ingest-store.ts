/**
 * IngestStore over Kysely: a page's papers, their embedding-queue entries and the source cursor
 * are written in one transaction (see core/ingest/ports.ts for why).
 */
import type { Kysely, Selectable } from 'kysely';
import type { Clock } from '../../core/clock.ts';
import type { IngestStore, SourceCursor } from '../../core/ingest/ports.ts';
import type { Paper } from '../../core/papers/model.ts';
import type { UpsertOutcome } from '../../core/papers/ports.ts';
import { enqueueIn } from './kysely-embedding-queue.ts';
import { upsertPapersIn } from './kysely-paper-repo.ts';
import type { Database, SourceCursorsTable } from './schema.ts';
import { transact } from './transact.ts';

export class KyselyIngestStore implements IngestStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async getCursor(source: string, set: string): Promise<SourceCursor | null> {
    const row = await this.db
      .selectFrom('source_cursors')
      .selectAll()
      .where('source', '=', source)
      .where('set_spec', '=', set)
      .executeTakeFirst();
    return row ? toCursor(row) : null;
  }

  async listCursors(): Promise<SourceCursor[]> {
    const rows = await this.db
      .selectFrom('source_cursors')
      .selectAll()
      .orderBy('source')
      .orderBy('set_spec')
      .execute();
    return rows.map(toCursor);
  }

  async commitPage(
    papers: Paper[],
    cursor: { source: string; set: string; state: string; records: number } | null,
  ): Promise<UpsertOutcome> {
    const now = this.clock.now().toISOString();
    return transact(this.db, async (trx) => {
      const outcome = await upsertPapersIn(trx, papers, now);
      await enqueueIn(trx, outcome.changedIds, now);
      if (cursor === null) return outcome;
      await trx
        .insertInto('source_cursors')
        .values({
          source: cursor.source,
          set_spec: cursor.set,
          state: cursor.state,
          pages: 1,
          records: cursor.records,
          updated_at: now,
        })
        .onConflict((oc) =>
          oc.columns(['source', 'set_spec']).doUpdateSet((eb) => ({
            state: eb.ref('excluded.state'),
            pages: eb('source_cursors.pages', '+', 1),
            records: eb('source_cursors.records', '+', eb.ref('excluded.records')),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
      return outcome;
    });
  }

  async resetCursor(source: string, set: string): Promise<void> {
    await this.db
      .deleteFrom('source_cursors')
      .where('source', '=', source)
      .where('set_spec', '=', set)
      .execute();
  }
}

function toCursor(row: Selectable<SourceCursorsTable>): SourceCursor {
  return {
    source: row.source,
    set: row.set_spec,
    state: row.state,
    pages: row.pages,
    records: row.records,
    updatedAt: row.updated_at,
  };
}
