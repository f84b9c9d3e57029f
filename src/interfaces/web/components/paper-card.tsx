/**
 * One paper in a list: upvotes, title, byline, AI summary (or the start of the abstract), links.
 */
import type { Paper } from '../../../core/papers/model.ts';
import { excerpt, formatByline, formatDay, paperPath } from '../format.ts';

export interface PaperCardProps {
  paper: Paper;
  /** Position in the list (1-based), shown to screen readers. */
  position?: number;
}

/** A list item card for a paper. */
export function PaperCard({ paper, position }: PaperCardProps) {
  const c = paper.community;
  return (
    <li class="card" data-paper-id={paper.id}>
      <div class="votes" title={`${c.upvotes} upvotes`}>
        <span class="arrow" aria-hidden="true">
          ▲
        </span>
        <span>{c.upvotes}</span>
        <span class="label">votes</span>
      </div>
      <article>
        <h2>
          {position !== undefined && <span class="visually-hidden">{position}. </span>}
          <a href={paperPath(paper.id)}>{paper.title}</a>
        </h2>
        <p class="byline">{formatByline(paper.authors)}</p>
        <p class="summary">{c.aiSummary ?? excerpt(paper.abstract)}</p>
        <ul class="meta">
          <li>
            <a href={paperPath(paper.id)}>arXiv:{paper.id}</a>
          </li>
          {paper.submittedAt && <li>{formatDay(paper.submittedAt)}</li>}
          <li>
            {c.commentCount} comment{c.commentCount === 1 ? '' : 's'}
          </li>
          {paper.links.code && (
            <li>
              <a href={paper.links.code} rel="noopener nofollow">
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
