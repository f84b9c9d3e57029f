/**
 * Public pages about people: a user's profile (submissions, upvotes, comments, public
 * collections) and an author's papers (through the author index).
 */
import { createError } from '../errors.ts';
import { authorKey } from '../papers/author-key.ts';
import type { Paper } from '../papers/model.ts';
import type { CommunityContext } from './context.ts';
import type { Collection, Comment, User } from './model.ts';

type Ctx = CommunityContext;
const PROFILE_LIST = 50;

export interface Profile {
  user: User;
  submissions: { paper: Paper; day: string }[];
  upvoted: Paper[];
  /** Visible comments, newest first. */
  comments: { comment: Comment; paperTitle: string }[];
  collections: Collection[];
}

export async function getProfile(ctx: Ctx, viewer: User | null, handle: string): Promise<Profile> {
  const user = await ctx.users.getByHandle(handle.toLowerCase());
  if (!user) throw createError('not_found', `user @${handle.slice(0, 40)}`);
  const [subs, upvotedIds, comments, collections] = await Promise.all([
    ctx.submissions.listByUser(user.id, PROFILE_LIST),
    ctx.votes.papersVotedBy(user.id, PROFILE_LIST),
    ctx.comments.listByUser(user.id, PROFILE_LIST),
    ctx.collections.listByUser(user.id, viewer?.id === user.id),
  ]);
  const visibleComments = comments.filter((c) => !c.deletedAt && !c.hiddenAt);
  const ids = [
    ...subs.map((s) => s.paperId),
    ...upvotedIds,
    ...visibleComments.map((c) => c.paperId),
  ];
  const papers = new Map((await ctx.papers.getMany([...new Set(ids)])).map((p) => [p.id, p]));
  return {
    user,
    submissions: subs.flatMap((s) => {
      const paper = papers.get(s.paperId);
      return paper ? [{ paper, day: s.day }] : [];
    }),
    upvoted: upvotedIds.flatMap((id) => papers.get(id) ?? []),
    comments: visibleComments.map((comment) => ({
      comment,
      paperTitle: papers.get(comment.paperId)?.title ?? comment.paperId,
    })),
    collections,
  };
}

export interface AuthorPapers {
  /** The name as written on the newest paper (falls back to the requested name). */
  name: string;
  papers: Paper[];
  total: number;
}

/** Papers by an author (name matched case- and space-insensitively), newest first. */
export async function getAuthorPapers(
  ctx: Ctx,
  name: string,
  page: { limit: number; offset: number },
): Promise<AuthorPapers> {
  const key = authorKey(name);
  if (key.length === 0 || key.length > 200)
    throw createError('invalid_input', 'an author name has 1 to 200 characters');
  const { name: written, ids, total } = await ctx.authors.papersBy(key, page);
  return { name: written ?? name.trim(), papers: await ctx.papers.getMany(ids), total };
}
