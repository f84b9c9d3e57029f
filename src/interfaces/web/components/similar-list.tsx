/**
 * A compact list of similar papers (paper page section, similar pages), each with why it is
 * similar: the key terms it shares with the source and how alike in meaning it is.
 */
import type { SimilarPaper } from '../../../core/search/similar-papers.ts';
import { formatByline, formatDay, paperPath } from '../format.ts';
import { RichText } from './rich-text.tsx';

export function SimilarList({
  similar,
  start = 1,
  why = false,
}: {
  similar: SimilarPaper[];
  /** Number of the first item (pages after the first). */
  start?: number;
  /** Show the shared terms and the meaning score under each paper. */
  why?: boolean;
}) {
  return (
    <ol class="similar-list" start={start}>
      {similar.map((s) => (
        <li data-paper-id={s.paper.id} data-matched-by={s.matchedBy}>
          <a href={paperPath(s.paper.id)}>
            <RichText text={s.paper.title} />
          </a>
          <span class="byline">
            {' '}
            — {formatByline(s.paper.authors, 2)}
            {s.paper.submittedAt ? `, ${formatDay(s.paper.submittedAt)}` : ''}
          </span>
          {why && <Why s={s} />}
        </li>
      ))}
    </ol>
  );
}

function Why({ s }: { s: SimilarPaper }) {
  return (
    <p class="why">
      {s.sharedTerms.length > 0 ? (
        <>Shares: {s.sharedTerms.slice(0, 8).join(', ')}</>
      ) : (
        'No key terms shared'
      )}
      {s.meaning !== null && <> · meaning {Math.round(s.meaning * 100)}% alike</>}
    </p>
  );
}
