/**
 * What lists show beside each paper: upvotes and comments as totals (the imported baseline plus
 * this instance's), how many of the comments are here (pages say which is which: the thread
 * holds only these), whether the viewer upvoted it, and who submitted it here.
 */
import type { Paper } from '../papers/model.ts';
import type { CommunityContext } from './context.ts';
import type { User, UserRef } from './model.ts';

export interface Social {
  /** Display copies of the papers with community.upvotes/commentCount as totals. Never store these. */
  papers: Paper[];
  /** Ids of the papers the viewer upvoted. */
  voted: Set<string>;
  /** Local submitters by paper id. */
  submitters: Map<string, UserRef>;
  /** Comments posted on this instance, by paper id (absent: none). */
  localComments: Map<string, number>;
}

/** Adds local counters, the viewer's votes and local submitters to a list of papers. */
export async function withSocial(
  ctx: Pick<CommunityContext, 'stats' | 'votes' | 'submissions'>,
  papers: Paper[],
  viewer: User | null,
): Promise<Social> {
  const ids = papers.map((p) => p.id);
  const [stats, voted, submitters] = await Promise.all([
    ctx.stats.forPapers(ids),
    viewer ? ctx.votes.votedAmong(viewer.id, ids) : Promise.resolve(new Set<string>()),
    ctx.submissions.submitters(ids),
  ]);
  return {
    papers: papers.map((p) => {
      const local = stats.get(p.id);
      if (!local) return p;
      return {
        ...p,
        community: {
          ...p.community,
          upvotes: p.community.upvotes + local.upvotes,
          commentCount: p.community.commentCount + local.comments,
        },
      };
    }),
    voted,
    submitters,
    localComments: new Map([...stats].map(([id, local]) => [id, local.comments])),
  };
}
