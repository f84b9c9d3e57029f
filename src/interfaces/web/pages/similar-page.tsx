/**
 * Papers similar to a paper (/papers/:id/similar) or to a pasted text (POST /search/similar):
 * the key terms searched for, each result's shared terms and meaning score ("why similar"), and
 * pages (a pasted text's pages re-post the text).
 */
import type { Paper } from '../../../core/papers/model.ts';
import type { SimilarPaper, SimilarResult } from '../../../core/search/similar-papers.ts';
import { formatByline, formatDay, paperPath } from '../format.ts';
import { Layout } from '../layout.tsx';

export interface SimilarPageProps {
  heading: string;
  source: Paper | null;
  /** The pasted text (its pages re-post it), or null for a stored paper. */
  text: string | null;
  result: SimilarResult;
  page: number;
  pageSize: number;
}

export function SimilarPage({ heading, source, text, result, page, pageSize }: SimilarPageProps) {
  const pages = Math.max(1, Math.ceil(result.total / pageSize));
  const terms = result.keyTerms.slice(0, 12).map((t) => t.word);
  return (
    <Layout title={heading}>
      <h1>{heading}</h1>
      {source && (
        <p class="subtitle">
          <a href={paperPath(source.id)}>← back to arXiv:{source.id}</a>
        </p>
      )}
      {result.hits.length === 0 ? (
        <p class="empty">No similar papers found yet.</p>
      ) : (
        <section class="similar">
          <p class="subtitle">
            {result.total} papers, most similar first, by{' '}
            {result.mode === 'hybrid' ? 'shared key terms and meaning' : 'shared key terms'}
            {terms.length > 0 && <> · key terms: {terms.join(', ')}</>}
          </p>
          <ol class="similar-list" start={(page - 1) * pageSize + 1}>
            {result.hits.map((s) => (
              <SimilarItem s={s} />
            ))}
          </ol>
          {pages > 1 && (
            <nav class="pager" aria-label="Pages">
              {page > 1 ? <PageLink source={source} text={text} page={page - 1} /> : <span />}
              <span>
                Page {page} of {pages}
              </span>
              {page < pages ? <PageLink source={source} text={text} page={page + 1} /> : <span />}
            </nav>
          )}
        </section>
      )}
    </Layout>
  );
}

function SimilarItem({ s }: { s: SimilarPaper }) {
  return (
    <li data-paper-id={s.paper.id} data-matched-by={s.matchedBy}>
      <a href={paperPath(s.paper.id)}>{s.paper.title}</a>
      <span class="byline">
        {' '}
        — {formatByline(s.paper.authors, 2)}
        {s.paper.submittedAt ? `, ${formatDay(s.paper.submittedAt)}` : ''}
      </span>
      <p class="why">
        {s.sharedTerms.length > 0 ? (
          <>Shares: {s.sharedTerms.slice(0, 8).join(', ')}</>
        ) : (
          'No key terms shared'
        )}
        {s.meaning !== null && <> · meaning {Math.round(s.meaning * 100)}% alike</>}
      </p>
    </li>
  );
}

/** A link to another page: a plain link for a paper, a re-post of the text for a pasted text. */
function PageLink({
  source,
  text,
  page,
}: {
  source: Paper | null;
  text: string | null;
  page: number;
}) {
  if (source) return <a href={`${paperPath(source.id)}/similar?page=${page}`}>Page {page}</a>;
  return (
    <form method="post" action="/search/similar" class="inline">
      <input type="hidden" name="text" value={text ?? ''} />
      <input type="hidden" name="page" value={String(page)} />
      <button class="link" type="submit">
        Page {page}
      </button>
    </form>
  );
}
