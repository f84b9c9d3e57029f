/**
 * A searched arXiv id that is not stored here is not a dead end: say so, and offer to add it
 * (the submit form, which looks it up on arXiv) or to read it on arXiv now.
 */
import { arxivAbsUrl } from '../../../core/papers/arxiv-id.ts';

export function MissingPaperNotice(props: { id: string }) {
  return (
    <p class="notice">
      arXiv:{props.id} is not in this paperboy yet.{' '}
      <a href={`/submit?paper=${encodeURIComponent(props.id)}`}>Add it to today's papers</a> or{' '}
      <a href={arxivAbsUrl(props.id)} rel="noopener">
        open it on arXiv
      </a>
      .
    </p>
  );
}
