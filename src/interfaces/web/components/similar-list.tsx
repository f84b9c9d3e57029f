/**
 * A compact list of similar papers (paper page section, similar pages).
 */
import type { SimilarPaper } from '../../../core/search/similar-papers.ts';
import { formatByline, formatDay, paperPath } from '../format.ts';
import { RichText } from './rich-text.tsx';

export function SimilarList({ similar }: { similar: SimilarPaper[] }) {
  return (
    <ol class="similar-list">
      {similar.map((s) => (
        <li data-paper-id={s.paper.id}>
          <a href={paperPath(s.paper.id)}>
            <RichText text={s.paper.title} />
          </a>
          <span class="byline">
            {' '}
            — {formatByline(s.paper.authors, 2)}
            {s.paper.submittedAt ? `, ${formatDay(s.paper.submittedAt)}` : ''}
          </span>
        </li>
      ))}
    </ol>
  );
}
