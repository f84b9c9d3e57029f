/**
 * Comments and their reports over Kysely. Every change to a comment's visibility (posting,
 * deleting, hiding) counts the paper's visible comments back into paper_stats in the same
 * transaction, under the paper's comment lock: a process killed between the two could otherwise
 * leave a count one short until the paper's next comment.
 */
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Comment, ReportedComment } from '../../core/community/model.ts';
import type { CommentRepo } from '../../core/community/ports.ts';
import { ownerOf } from './row-mapping.ts';
import type { CommentsTable, Database, UsersTable } from './schema.ts';
import { transact } from './transact.ts';

/** A comment with its author's handle and name (what select() returns). */
type CommentRow = CommentsTable & Pick<UsersTable, 'handle' | 'display_name'>;

function toComment(r: CommentRow): Comment {
  return {
    id: r.id,
    paperId: r.paper_id,
    author: ownerOf(r),
    parentId: r.parent_id,
    body: r.deleted_at ? '' : r.body,
    createdAt: r.created_at,
    editedAt: r.edited_at,
    deletedAt: r.deleted_at,
    hiddenAt: r.hidden_at,
  };
}

/** A count over the paper's visible comments (not deleted, not hidden). */
function visibleCount(paperId: string) {
  return (column: string) => sql<number>`(select count(${sql.raw(column)}) from comments
      where paper_id = ${paperId} and deleted_at is null and hidden_at is null)`;
}

export class KyselyCommentRepo implements CommentRepo {
  constructor(private readonly db: Kysely<Database>) {}

  private select() {
    return this.db
      .selectFrom('comments as c')
      .innerJoin('users as u', 'u.id', 'c.user_id')
      .selectAll('c')
      .select(['u.handle', 'u.display_name']);
  }

  async create(c: {
    id: string;
    paperId: string;
    userId: string;
    parentId: string | null;
    body: string;
    createdAt: string;
  }) {
    await this.changeCounted(c.paperId, (trx) =>
      trx
        .insertInto('comments')
        .values({
          id: c.id,
          paper_id: c.paperId,
          user_id: c.userId,
          parent_id: c.parentId,
          body: c.body,
          created_at: c.createdAt,
          edited_at: null,
          deleted_at: null,
          hidden_at: null,
        })
        .execute(),
    );
  }

  async get(id: string): Promise<Comment | null> {
    const row = await this.select().where('c.id', '=', id).executeTakeFirst();
    return row ? toComment(row) : null;
  }

  async edit(id: string, body: string, at: string) {
    await this.db
      .updateTable('comments')
      .set({ body, edited_at: at })
      .where('id', '=', id)
      .execute();
  }

  async markDeleted(id: string, at: string) {
    await this.changeCounted(await this.paperOf(id), (trx) =>
      trx.updateTable('comments').set({ body: '', deleted_at: at }).where('id', '=', id).execute(),
    );
  }

  async setHidden(id: string, at: string | null) {
    await this.changeCounted(await this.paperOf(id), (trx) =>
      trx.updateTable('comments').set({ hidden_at: at }).where('id', '=', id).execute(),
    );
  }

  private async paperOf(id: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('comments')
      .select('paper_id')
      .where('id', '=', id)
      .executeTakeFirst();
    return row?.paper_id ?? null;
  }

  /** Runs `change` and recounts the paper's visible comments in one transaction. */
  private async changeCounted(
    paperId: string | null,
    change: (trx: Kysely<Database>) => Promise<unknown>,
  ): Promise<void> {
    if (paperId === null) return; // no such comment: nothing to change
    await transact(
      this.db,
      async (trx) => {
        await change(trx);
        await this.writeCounts(trx, paperId, visibleCount(paperId));
      },
      { lockKeys: [`comments:${paperId}`] },
    );
  }

  async listForPaper(paperId: string): Promise<Comment[]> {
    const rows = await this.select()
      .where('c.paper_id', '=', paperId)
      .orderBy('c.created_at')
      .orderBy('c.id')
      .execute();
    return rows.map(toComment);
  }

  async listByUser(userId: string, limit: number): Promise<Comment[]> {
    const rows = await this.select()
      .where('c.user_id', '=', userId)
      .where('c.deleted_at', 'is', null)
      .orderBy('c.created_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toComment);
  }

  async recount(paperId: string): Promise<void> {
    // Counted under the paper's comment lock (see transact): a recount sees every comment
    // committed before it, and the last recount of a paper writes the last word.
    await transact(this.db, (trx) => this.writeCounts(trx, paperId, visibleCount(paperId)), {
      lockKeys: [`comments:${paperId}`],
    });
  }

  private async writeCounts(
    trx: Kysely<Database>,
    paperId: string,
    visible: (column: string) => RawBuilder<number>,
  ): Promise<void> {
    await trx
      .insertInto('paper_stats')
      .values({
        paper_id: paperId,
        comments: visible('*'),
        commenters: visible('distinct user_id'),
      })
      .onConflict((oc) =>
        oc.column('paper_id').doUpdateSet((eb) => ({
          comments: eb.ref('excluded.comments'),
          commenters: eb.ref('excluded.commenters'),
        })),
      )
      .execute();
  }

  async report(r: { commentId: string; userId: string; reason: string; createdAt: string }) {
    await this.db
      .insertInto('comment_reports')
      .values({
        comment_id: r.commentId,
        user_id: r.userId,
        reason: r.reason,
        created_at: r.createdAt,
        resolved_at: null,
      })
      .onConflict((oc) =>
        oc
          .columns(['comment_id', 'user_id'])
          .doUpdateSet({ reason: r.reason, created_at: r.createdAt, resolved_at: null }),
      )
      .execute();
  }

  async openReports(limit: number): Promise<ReportedComment[]> {
    const reports = await this.db
      .selectFrom('comment_reports as r')
      .innerJoin('users as u', 'u.id', 'r.user_id')
      .select(['r.comment_id', 'r.reason', 'r.created_at', 'u.id', 'u.handle', 'u.display_name'])
      .where('r.resolved_at', 'is', null)
      .orderBy('r.created_at', 'desc')
      .limit(limit * 5)
      .execute();
    const byComment = new Map<string, ReportedComment['reports']>();
    for (const r of reports) {
      const list = byComment.get(r.comment_id) ?? [];
      list.push({
        reporter: { id: r.id, handle: r.handle, displayName: r.display_name },
        reason: r.reason,
        createdAt: r.created_at,
      });
      byComment.set(r.comment_id, list);
    }
    const ids = [...byComment.keys()].slice(0, limit);
    if (ids.length === 0) return [];
    const comments = await this.select().where('c.id', 'in', ids).execute();
    const found = new Map(comments.map((c) => [c.id, toComment(c)]));
    return ids.flatMap((id) => {
      const comment = found.get(id);
      return comment ? [{ comment, reports: byComment.get(id) ?? [] }] : [];
    });
  }

  async resolveReports(commentId: string, at: string) {
    await this.db
      .updateTable('comment_reports')
      .set({ resolved_at: at })
      .where('comment_id', '=', commentId)
      .where('resolved_at', 'is', null)
      .execute();
  }
}
