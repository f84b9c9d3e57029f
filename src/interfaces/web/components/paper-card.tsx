/**
 * One paper in a list: upvotes, title, linked authors, AI summary (or the start of the abstract),
 * and a line of facts — where its comments are (here, or on Hugging Face), category, date, code.
 */
import type { Child } from 'hono/jsx';
import type { Social } from '../../../core/community/social.ts';
import type { Paper } from '../../../core/papers/model.ts';
import { webLink } from '../../../core/papers/web-link.ts';
import { excerpt, formatDay, paperPath } from '../format.ts';
import { Authors } from './authors.tsx';
import { CommentCounts } from './comment-counts.tsx';
import { MarkButtons } from './mark-buttons.tsx';
import { RichText } from './rich-text.tsx';
import { VoteButton } from './vote-button.tsx';

/** What a list knows about its papers beyond the papers themselves (from withSocial). */
export type CardSocial = Pick<Social, 'voted' | 'submitters' | 'localComments'>;

export interface PaperCardProps {
  paper: Paper;
  /** Position in the list (1-based), shown to screen readers. */
  position?: number;
  social?: CardSocial;
  /** A note shown under the summary (collections). */
  note?: string;
  /** Extra lines under the summary (For you: why it is recommended). */
  extra?: Child;
}

/** A list item card for a paper. */
export function PaperCard({ paper, position, social, note, extra }: PaperCardProps) {
  const c = paper.community;
  const submitter = social?.submitters.get(paper.id);
  const category = paper.categories[0];
  return (
    <li class="card" data-paper-id={paper.id}>
      <VoteButton
        paperId={paper.id}
        upvotes={c.upvotes}
        voted={social?.voted.has(paper.id) ?? false}
      />
      <article>
        <h2>
          {position !== undefined && <span class="visually-hidden">{position}. </span>}
          <a href={paperPath(paper.id)}>
            <RichText text={paper.title} />
          </a>
        </h2>
        <Authors names={paper.authors} />
        {note && <p class="note">{note}</p>}
        <p class="summary">
          <RichText text={c.aiSummary ?? excerpt(paper.abstract)} links />
        </p>
        {extra}
        <ul class="meta">
          <CommentCounts paper={paper} here={social?.localComments.get(paper.id) ?? 0} />
          {category && (
            <li>
              <a href={`/search?cat=${encodeURIComponent(category)}`} class="chip">
                {category}
              </a>
            </li>
          )}
          {paper.submittedAt && <li>{formatDay(paper.submittedAt)}</li>}
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
          <MarkButtons paperId={paper.id} />
        </ul>
      </article>
    </li>
  );
}
