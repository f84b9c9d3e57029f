/**
 * Submissions over Kysely. Featuring writes the shared featured_days table (the daily feed) and
 * the submissions record in one transaction; a paper can be submitted once (primary key).
 */
import type { Kysely } from 'kysely';
import type { UserRef } from '../../core/community/model.ts';
import type { SubmissionRepo } from '../../core/community/ports.ts';
import { createError } from '../../core/errors.ts';
import type { Database } from './schema.ts';
import { transact } from './transact.ts';

export class KyselySubmissionRepo implements SubmissionRepo {
  constructor(private readonly db: Kysely<Database>) {}

  async countOn(userId: string, day: string): Promise<number> {
    const row = await this.db
      .selectFrom('submissions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId)
      .where('day', '=', day)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async wasSubmitted(paperId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('submissions')
      .select('paper_id')
      .where('paper_id', '=', paperId)
      .executeTakeFirst();
    return row !== undefined;
  }

  async feature(entry: {
    paperId: string;
    day: string;
    userId: string | null;
    at: string;
    dailyQuota?: number;
  }): Promise<boolean> {
    const { userId, dailyQuota } = entry;
    // A user's submissions of one day queue behind each other (PostgreSQL: an advisory lock per
    // user and day; SQLite writes one at a time anyway), so the count below is the last word.
    const lockKeys =
      userId && dailyQuota !== undefined ? [`submissions:${userId}:${entry.day}`] : [];
    return transact(
      this.db,
      async (trx) => {
        if (userId && dailyQuota !== undefined) {
          const { n } = await trx
            .selectFrom('submissions')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('user_id', '=', userId)
            .where('day', '=', entry.day)
            .executeTakeFirstOrThrow();
          if (Number(n) >= dailyQuota) return false;
        }
        if (entry.userId) {
          const inserted = await trx
            .insertInto('submissions')
            .values({
              paper_id: entry.paperId,
              user_id: entry.userId,
              day: entry.day,
              created_at: entry.at,
            })
            .onConflict((oc) => oc.doNothing())
            .executeTakeFirst();
          if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) {
            throw createError(
              'conflict',
              `arXiv:${entry.paperId} was already submitted; a paper is featured once`,
            );
          }
        }
        await trx
          .insertInto('featured_days')
          .values({ paper_id: entry.paperId, day: entry.day, rank: null, featured_at: entry.at })
          .onConflict((oc) => oc.doNothing())
          .execute();
        const trendAt = `${entry.day}T00:00:00.000Z`;
        await trx
          .insertInto('paper_stats')
          .values({ paper_id: entry.paperId, trend_at: trendAt })
          .onConflict((oc) => oc.column('paper_id').doUpdateSet({ trend_at: trendAt }))
          .execute();
        return true;
      },
      { lockKeys },
    );
  }

  async unfeature(paperId: string): Promise<void> {
    await transact(this.db, async (trx) => {
      await trx.deleteFrom('featured_days').where('paper_id', '=', paperId).execute();
      await trx
        .updateTable('paper_stats')
        .set({ score: 0 })
        .where('paper_id', '=', paperId)
        .execute();
    });
  }

  async listByUser(userId: string, limit: number) {
    const rows = await this.db
      .selectFrom('submissions')
      .select(['paper_id', 'day'])
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ paperId: r.paper_id, day: r.day }));
  }

  async submitters(paperIds: string[]): Promise<Map<string, UserRef>> {
    const out = new Map<string, UserRef>();
    const ids = [...new Set(paperIds)];
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await this.db
        .selectFrom('submissions as s')
        .innerJoin('users as u', 'u.id', 's.user_id')
        .select(['s.paper_id', 'u.id', 'u.handle', 'u.display_name'])
        .where('s.paper_id', 'in', ids.slice(i, i + 500))
        .execute();
      for (const r of rows)
        out.set(r.paper_id, { id: r.id, handle: r.handle, displayName: r.display_name });
    }
    return out;
  }
}
