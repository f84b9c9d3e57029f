/**
 * Discussion on a paper: comments with one level of replies (a reply to a reply joins the same
 * thread), Markdown bodies (rendered and sanitised on display), edit and delete your own,
 * reports to moderators.
 */
import { createError } from '../errors.ts';
import type { CommunityContext } from './context.ts';
import { type Comment, type CommentThread, isModerator, type User } from './model.ts';
import { assertCanAct } from './permissions.ts';
import { newId } from './secrets.ts';
import { rescore } from './trending.ts';

/** Longest comment body accepted, in characters. */
export const MAX_COMMENT_LENGTH = 10_000;

type Ctx = CommunityContext;

function cleanBody(body: string): string {
  const text = body.replace(/\r\n?/g, '\n').trim();
  if (text.length === 0) throw createError('invalid_input', 'a comment cannot be empty');
  if (text.length > MAX_COMMENT_LENGTH) {
    throw createError(
      'invalid_input',
      `a comment has at most ${MAX_COMMENT_LENGTH} characters, this one has ${text.length}`,
    );
  }
  return text;
}

async function commentOr404(ctx: Ctx, id: string): Promise<Comment> {
  const comment = await ctx.comments.get(id);
  if (!comment || comment.deletedAt) throw createError('not_found', `comment ${id}`);
  return comment;
}

/** Trending follows every visible change (the repo keeps the counters with the change itself). */
async function afterChange(ctx: Ctx, paperId: string, fallbackClock: string): Promise<void> {
  await ctx.trending.startClock(paperId, fallbackClock);
  await rescore(ctx, [paperId]);
}

/** Posts a comment, or a reply when `parentId` is given. Returns the new comment's id. */
export async function addComment(
  ctx: Ctx,
  user: User | null,
  input: { paperId: string; body: string; parentId?: string | null },
): Promise<string> {
  assertCanAct(user);
  const body = cleanBody(input.body);
  const paper = await ctx.papers.brief(input.paperId);
  if (!paper) throw createError('paper_not_found', input.paperId);
  let parentId: string | null = null;
  if (input.parentId) {
    const parent = await commentOr404(ctx, input.parentId);
    if (parent.paperId !== paper.id)
      throw createError('invalid_input', 'that reply belongs to another paper');
    parentId = parent.parentId ?? parent.id; // one level deep
  }
  const id = newId();
  const now = ctx.clock.now().toISOString();
  await ctx.comments.create({
    id,
    paperId: paper.id,
    userId: user.id,
    parentId,
    body,
    createdAt: now,
  });
  await afterChange(ctx, paper.id, paper.submittedAt ?? now);
  return id;
}

/** Edits one's own comment. Nobody edits another's words, moderators included. */
export async function editComment(
  ctx: Ctx,
  user: User | null,
  id: string,
  body: string,
): Promise<Comment> {
  assertCanAct(user);
  const comment = await commentOr404(ctx, id);
  if (comment.author.id !== user.id)
    throw createError('forbidden', 'you can only edit your own comments');
  if (comment.hiddenAt)
    throw createError('forbidden', 'a moderator hid this comment; it cannot be edited');
  await ctx.comments.edit(id, cleanBody(body), ctx.clock.now().toISOString());
  return commentOr404(ctx, id);
}

/** Deletes a comment: its author may, and so may moderators (recorded in the audit log). */
export async function deleteComment(ctx: Ctx, user: User | null, id: string): Promise<Comment> {
  assertCanAct(user);
  const comment = await commentOr404(ctx, id);
  const own = comment.author.id === user.id;
  if (!own && !isModerator(user))
    throw createError('forbidden', 'you can only delete your own comments');
  const now = ctx.clock.now().toISOString();
  await ctx.comments.markDeleted(id, now);
  if (!own) {
    await ctx.audit.record({
      actorId: user.id,
      action: 'comment.delete',
      targetType: 'comment',
      targetId: id,
      detail: `on ${comment.paperId} by @${comment.author.handle}`,
      createdAt: now,
    });
    await ctx.comments.resolveReports(id, now);
  }
  await afterChange(ctx, comment.paperId, now);
  return comment;
}

/** Reports a comment to the moderators. */
export async function reportComment(
  ctx: Ctx,
  user: User | null,
  id: string,
  reason: string,
): Promise<Comment> {
  assertCanAct(user);
  const comment = await commentOr404(ctx, id);
  const why = reason.trim().slice(0, 500) || 'no reason given';
  await ctx.comments.report({
    commentId: id,
    userId: user.id,
    reason: why,
    createdAt: ctx.clock.now().toISOString(),
  });
  return comment;
}

/** Hides or shows a comment (moderators), recorded in the audit log. */
export async function setCommentHidden(
  ctx: Ctx,
  user: User | null,
  id: string,
  hidden: boolean,
): Promise<Comment> {
  assertCanAct(user);
  if (!isModerator(user)) throw createError('forbidden', 'only moderators can hide comments');
  const comment = await commentOr404(ctx, id);
  const now = ctx.clock.now().toISOString();
  await ctx.comments.setHidden(id, hidden ? now : null);
  if (hidden) await ctx.comments.resolveReports(id, now);
  await ctx.audit.record({
    actorId: user.id,
    action: hidden ? 'comment.hide' : 'comment.show',
    targetType: 'comment',
    targetId: id,
    detail: `on ${comment.paperId} by @${comment.author.handle}`,
    createdAt: now,
  });
  await afterChange(ctx, comment.paperId, now);
  return comment;
}

/** A paper's discussion as threads, oldest first. Deleted comments without replies are dropped. */
export async function listThreads(ctx: Ctx, paperId: string): Promise<CommentThread[]> {
  const all = await ctx.comments.listForPaper(paperId);
  const threads = new Map<string, CommentThread>();
  for (const c of all) if (!c.parentId) threads.set(c.id, { comment: c, replies: [] });
  for (const c of all) {
    if (c.parentId && !c.deletedAt) threads.get(c.parentId)?.replies.push(c);
  }
  return [...threads.values()].filter((t) => !t.comment.deletedAt || t.replies.length > 0);
}
