/**
 * Upvotes, local counters and the stored trending score (paper_stats) over Kysely.
 * A toggle and its counter update share one transaction, and the counter is recounted from the
 * votes table rather than incremented, so it always equals the number of votes.
 */
import { type Kysely, sql } from 'kysely';
import type { LocalStats } from '../../core/community/model.ts';
import type { StatsRepo, TrendInput, TrendingRepo, VoteRepo } from '../../core/community/ports.ts';
import type { Database } from './schema.ts';
import { transact } from './transact.ts';

const CHUNK = 500;
const AS_OF_KEY = 'trending.as_of';

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

export class KyselyVoteRepo implements VoteRepo, StatsRepo {
  constructor(private readonly db: Kysely<Database>) {}

  toggle(
    userId: string,
    paperId: string,
    now: string,
  ): Promise<{ voted: boolean; upvotes: number }> {
    return this.write(userId, paperId, now, 'toggle');
  }

  set(
    userId: string,
    paperId: string,
    voted: boolean,
    now: string,
  ): Promise<{ voted: boolean; upvotes: number }> {
    return this.write(userId, paperId, now, voted ? 'on' : 'off');
  }

  private write(
    userId: string,
    paperId: string,
    now: string,
    mode: 'toggle' | 'on' | 'off',
  ): Promise<{ voted: boolean; upvotes: number }> {
    return transact(
      this.db,
      async (trx) => {
        let voted = mode === 'on';
        if (mode !== 'on') {
          const removed = await trx
            .deleteFrom('votes')
            .where('user_id', '=', userId)
            .where('paper_id', '=', paperId)
            .executeTakeFirst();
          voted = mode === 'toggle' && Number(removed.numDeletedRows) === 0;
        }
        if (voted) {
          await trx
            .insertInto('votes')
            .values({ user_id: userId, paper_id: paperId, created_at: now })
            .onConflict((oc) => oc.doNothing())
            .execute();
        }
        const { n } = await trx
          .selectFrom('votes')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('paper_id', '=', paperId)
          .executeTakeFirstOrThrow();
        const upvotes = Number(n);
        await trx
          .insertInto('paper_stats')
          .values({ paper_id: paperId, upvotes })
          .onConflict((oc) => oc.column('paper_id').doUpdateSet({ upvotes }))
          .execute();
        return { voted, upvotes };
      },
      { lockKeys: [`votes:${paperId}`] },
    );
  }

  async votedAmong(userId: string, paperIds: string[]): Promise<Set<string>> {
    const voted = new Set<string>();
    for (const chunk of chunks([...new Set(paperIds)])) {
      const rows = await this.db
        .selectFrom('votes')
        .select('paper_id')
        .where('user_id', '=', userId)
        .where('paper_id', 'in', chunk)
        .execute();
      for (const r of rows) voted.add(r.paper_id);
    }
    return voted;
  }

  async papersVotedBy(userId: string, limit: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('votes')
      .select('paper_id')
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => r.paper_id);
  }

  async forPapers(paperIds: string[]): Promise<Map<string, LocalStats>> {
    const out = new Map<string, LocalStats>();
    for (const chunk of chunks([...new Set(paperIds)])) {
      const rows = await this.db
        .selectFrom('paper_stats')
        .select(['paper_id', 'upvotes', 'comments'])
        .where('paper_id', 'in', chunk)
        .execute();
      for (const r of rows) out.set(r.paper_id, { upvotes: r.upvotes, comments: r.comments });
    }
    return out;
  }
}

export class KyselyTrendingRepo implements TrendingRepo {
  constructor(private readonly db: Kysely<Database>) {}

  async featuredDayHolding(count: number): Promise<string | null> {
    // At most `count` days are needed: every featured day holds at least one paper.
    const days = await this.db
      .selectFrom('featured_days')
      .select(['day', (eb) => eb.fn.countAll<number>().as('papers')])
      .groupBy('day')
      .orderBy('day', 'desc')
      .limit(count)
      .execute();
    let total = 0;
    for (const { day, papers } of days) {
      total += Number(papers);
      if (total >= count) return day;
    }
    return days.at(-1)?.day ?? null;
  }

  async startFeaturedSince(day: string): Promise<void> {
    await this.db
      .insertInto('paper_stats')
      .columns(['paper_id', 'trend_at'])
      .expression((eb) =>
        eb
          .selectFrom('featured_days')
          .select(['paper_id', sql<string>`min(day) || 'T00:00:00.000Z'`.as('trend_at')])
          .where('day', '>=', day)
          .groupBy('paper_id'),
      )
      .onConflict((oc) =>
        oc
          .column('paper_id')
          .doUpdateSet((eb) => ({ trend_at: eb.ref('excluded.trend_at') }))
          .where((eb) =>
            eb.or([
              eb('paper_stats.trend_at', 'is', null),
              eb('paper_stats.trend_at', '<', eb.ref('excluded.trend_at')),
            ]),
          ),
      )
      .execute();
  }

  async startClock(paperId: string, fallback: string): Promise<void> {
    // The first featured day, else the fallback — looked up inside the statement (one round trip).
    const firstDay = this.db
      .selectFrom('featured_days')
      .select((eb) => eb.fn.min('day').as('day'))
      .where('paper_id', '=', paperId);
    const at = sql<string>`coalesce((${firstDay}) || 'T00:00:00.000Z', ${fallback})`;
    await this.db
      .insertInto('paper_stats')
      .values({ paper_id: paperId, trend_at: at })
      .onConflict((oc) =>
        oc
          .column('paper_id')
          .doUpdateSet({ trend_at: (eb) => eb.ref('excluded.trend_at') })
          .where('paper_stats.trend_at', 'is', null),
      )
      .execute();
  }

  private inputQuery() {
    return this.db
      .selectFrom('paper_stats as s')
      .innerJoin('papers as p', 'p.id', 's.paper_id')
      .select((eb) => [
        's.paper_id as paperId',
        eb('p.upvotes', '+', eb.ref('s.upvotes')).as('upvotes'),
        eb('p.comment_count', '+', eb.ref('s.commenters')).as('discussion'),
        's.trend_at as trendAt',
      ]);
  }

  async inputs(paperIds: string[]): Promise<TrendInput[]> {
    const out: TrendInput[] = [];
    for (const chunk of chunks([...new Set(paperIds)])) {
      out.push(
        ...(await this.inputQuery().where('s.paper_id', 'in', chunk).execute()).map(toInput),
      );
    }
    return out;
  }

  async inputsSince(since: string): Promise<TrendInput[]> {
    return (await this.inputQuery().where('s.trend_at', '>=', since).execute()).map(toInput);
  }

  async writeScores(scores: { paperId: string; score: number }[]): Promise<void> {
    if (scores.length === 0) return;
    const [only] = scores;
    if (scores.length === 1 && only) {
      // One statement is atomic by itself: no transaction's round trips (a vote, a comment).
      await this.db
        .updateTable('paper_stats')
        .set({ score: only.score })
        .where('paper_id', '=', only.paperId)
        .execute();
      return;
    }
    await transact(this.db, async (trx) => {
      for (const { paperId, score } of scores) {
        await trx
          .updateTable('paper_stats')
          .set({ score })
          .where('paper_id', '=', paperId)
          .execute();
      }
    });
  }

  async retireBefore(cutoff: string): Promise<number> {
    const result = await this.db
      .updateTable('paper_stats')
      .set({ score: 0 })
      .where('score', '>', 0)
      .where((eb) => eb.or([eb('trend_at', '<', cutoff), eb('trend_at', 'is', null)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async asOf(): Promise<string | null> {
    const row = await this.db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', AS_OF_KEY)
      .executeTakeFirst();
    return row?.value ?? null;
  }

  async setAsOf(at: string): Promise<void> {
    await this.db
      .insertInto('settings')
      .values({ key: AS_OF_KEY, value: at, updated_at: at })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: at, updated_at: at }))
      .execute();
  }

  async top(
    since: string,
    page: { limit: number; offset: number },
  ): Promise<{ ids: string[]; total: number }> {
    const base = this.db
      .selectFrom('paper_stats')
      .where('score', '>', 0)
      .where('trend_at', '>=', since);
    const [rows, total] = await Promise.all([
      base
        .select('paper_id')
        .orderBy('score', 'desc')
        .orderBy('paper_id')
        .limit(page.limit)
        .offset(page.offset)
        .execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { ids: rows.map((r) => r.paper_id), total: Number(total.n) };
  }
}

function toInput(row: {
  paperId: string;
  upvotes: number;
  discussion: number;
  trendAt: string | null;
}): TrendInput {
  return {
    paperId: row.paperId,
    upvotes: Number(row.upvotes),
    discussion: Number(row.discussion),
    trendAt: row.trendAt,
  };
}
