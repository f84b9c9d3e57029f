/**
 * One paper in a list: upvotes, title, byline, AI summary (or the start of the abstract), links.
 */
import type { UserRef } from '../../../core/community/model.ts';
import type { Paper } from '../../../core/papers/model.ts';
import { webLink } from '../../../core/papers/web-link.ts';
import { excerpt, formatByline, formatDay, paperPath } from '../format.ts';
import { VoteButton } from './vote-button.tsx';

export interface PaperCardProps {
  paper: Paper;
  /** Position in the list (1-based), shown to screen readers. */
  position?: number;
  /** Whether the viewer upvoted it. */
  voted?: boolean;
  /** Who submitted it on this instance. */
  submitter?: UserRef;
  /** A note shown under the summary (collections). */
  note?: string;
}

/** A list item card for a paper. */
export function PaperCard({ paper, position, voted, submitter, note }: PaperCardProps) {
  const c = paper.community;
  return (
    <li class="card" data-paper-id={paper.id}>
      <VoteButton paperId={paper.id} upvotes={c.upvotes} voted={voted ?? false} />
      <article>
        <h2>
          {position !== undefined && <span class="visually-hidden">{position}. </span>}
          <a href={paperPath(paper.id)}>{paper.title}</a>
        </h2>
        <p class="byline">{formatByline(paper.authors)}</p>
        {note && <p class="note">{note}</p>}
        <p class="summary">{c.aiSummary ?? excerpt(paper.abstract)}</p>
        <ul class="meta">
          <li>
            <a href={paperPath(paper.id)}>arXiv:{paper.id}</a>
          </li>
          {paper.submittedAt && <li>{formatDay(paper.submittedAt)}</li>}
          <li>
            <a href={`${paperPath(paper.id)}#discussion`}>
              {c.commentCount} comment{c.commentCount === 1 ? '' : 's'}
            </a>
          </li>
          {submitter && (
            <li>
              submitted by <a href={`/users/${submitter.handle}`}>@{submitter.handle}</a>
            </li>
          )}
          {webLink(paper.links.code) && (
            <li>
              <a href={webLink(paper.links.code) ?? undefined} rel="noopener nofollow">
                Code{c.githubStars !== null ? ` ★ ${c.githubStars}` : ''}
              </a>
            </li>
          )}
          {c.organization && <li class="chip">{c.organization}</li>}
        </ul>
      </article>
    </li>
  );
}
