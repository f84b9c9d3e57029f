/**
 * One search result: title and abstract snippet with the matched words highlighted, and a hint
 * of why it matched (keywords, meaning, both).
 */
import type { MatchKind, SearchHit } from '../../../core/search/search-papers.ts';
import { excerpt, formatDay, paperPath } from '../format.ts';
import { Authors } from './authors.tsx';
import { RichText } from './rich-text.tsx';
import { VoteButton } from './vote-button.tsx';

const WHY: Record<MatchKind, string> = {
  keyword: 'Keyword match',
  semantic: 'Similar in meaning',
  both: 'Keywords and meaning',
  filter: 'Matches the filters',
};

/** Explains a match: which fields held the words, or that it matched by meaning. */
export function whyMatched(hit: Pick<SearchHit, 'matchedBy' | 'highlight'>): string {
  const fields = hit.highlight?.fields ?? [];
  const where = fields.length > 0 ? ` in ${fields.join(', ')}` : '';
  if (hit.matchedBy === 'keyword') return `${WHY.keyword}${where}`;
  if (hit.matchedBy === 'both') return `${WHY.both}${where}`;
  return WHY[hit.matchedBy];
}

export function SearchResultCard({
  hit,
  position,
  voted,
}: {
  hit: SearchHit;
  position: number;
  /** Whether the viewer upvoted it. */
  voted?: boolean;
}) {
  const { paper, highlight } = hit;
  const c = paper.community;
  return (
    <li class="card" data-paper-id={paper.id} data-matched-by={hit.matchedBy}>
      <VoteButton paperId={paper.id} upvotes={c.upvotes} voted={voted ?? false} />
      <article>
        <h2>
          <span class="visually-hidden">{position}. </span>
          <a href={paperPath(paper.id)}>
            <RichText text={highlight ? highlight.title : paper.title} marked />
          </a>
        </h2>
        <Authors names={paper.authors} />
        <p class="summary">
          <RichText
            text={
              highlight?.fields.includes('abstract') ? highlight.snippet : excerpt(paper.abstract)
            }
            links
            marked
          />
        </p>
        <ul class="meta">
          <li class={`why why-${hit.matchedBy}`}>{whyMatched(hit)}</li>
          <li>
            <a href={paperPath(paper.id)}>arXiv:{paper.id}</a>
          </li>
          {paper.categories[0] && <li>{paper.categories[0]}</li>}
          {paper.submittedAt && <li>{formatDay(paper.submittedAt)}</li>}
          <li>
            <a href={`${paperPath(paper.id)}/similar`}>Similar</a>
          </li>
        </ul>
      </article>
    </li>
  );
}
