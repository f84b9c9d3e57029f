/**
 * NewPapers over Kysely: papers by the time they were added to this store (created_at), which is
 * what "new since the last alert" means — a paper harvested late still counts as new once.
 */
import type { Kysely } from 'kysely';
import type { TimeWindow } from '../../core/digests/model.ts';
import type { NewPapers } from '../../core/digests/ports.ts';
import type { Paper } from '../../core/papers/model.ts';
import type { PaperRepo } from '../../core/papers/ports.ts';
import type { Database } from './schema.ts';

export class KyselyNewPapers implements NewPapers {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly papers: PaperRepo,
  ) {}

  async addedIn(
    window: TimeWindow,
    submittedAfter: Date,
  ): Promise<{ paper: Paper; addedAt: string }[]> {
    const rows = await this.db
      .selectFrom('papers')
      .select(['id', 'created_at'])
      .where('created_at', '>=', window.since.toISOString())
      .where('created_at', '<', window.until.toISOString())
      .where((eb) =>
        eb.or([
          eb('submitted_at', 'is', null),
          eb('submitted_at', '>=', submittedAfter.toISOString()),
        ]),
      )
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    const added = new Map(rows.map((r) => [r.id, r.created_at]));
    const papers = await this.papers.getMany(rows.map((r) => r.id));
    return papers.map((paper) => ({ paper, addedAt: added.get(paper.id) ?? '' }));
  }

  async earliestUnembedded(since: Date): Promise<Date | null> {
    const row = await this.db
      .selectFrom('embedding_queue as q')
      .innerJoin('papers as p', 'p.id', 'q.paper_id')
      .select((eb) => eb.fn.min('p.created_at').as('at'))
      .where('p.created_at', '>=', since.toISOString())
      .executeTakeFirst();
    return row?.at ? new Date(row.at) : null;
  }
}
