/**
 * Papers similar to a paper (/papers/:id/similar) or to a pasted text (POST /search/similar, or
 * a long paste into a search box): the text is shown back in full, editable, with why it was
 * read as a text rather than a query; the key terms searched for, each result's shared terms and
 * meaning score ("why similar"), and pages (a pasted text's pages re-post the text).
 */
import type { Paper } from '../../../core/papers/model.ts';
import type { SimilarResult } from '../../../core/search/similar-papers.ts';
import { SimilarList } from '../components/similar-list.tsx';
import { paperPath } from '../format.ts';
import { Layout } from '../layout.tsx';

export interface SimilarPageProps {
  heading: string;
  source: Paper | null;
  /** Null when the text could not be used (see `error`). */
  result: SimilarResult | null;
  page: number;
  pageSize: number;
  /** The pasted text, and whether it came from a search box (so the page says why). */
  pasted?: { text: string; fromSearch: boolean };
  /** Why the text could not be used (too long, empty). */
  error?: string;
}

export function SimilarPage(props: SimilarPageProps) {
  const { heading, source, result, page, pageSize, pasted, error } = props;
  const text = pasted?.text ?? null;
  return (
    <Layout title={heading}>
      <h1>{heading}</h1>
      {source && (
        <p class="subtitle">
          <a href={paperPath(source.id)}>← back to arXiv:{source.id}</a>
        </p>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {pasted && <PastedText text={pasted.text} fromSearch={pasted.fromSearch && !error} />}
      {result && (
        <Results result={result} source={source} text={text} page={page} size={pageSize} />
      )}
    </Layout>
  );
}

function Results(props: {
  result: SimilarResult;
  source: Paper | null;
  text: string | null;
  page: number;
  size: number;
}) {
  const { result, source, text, page, size: pageSize } = props;
  const pages = Math.max(1, Math.ceil(result.total / pageSize));
  const terms = result.keyTerms.slice(0, 12).map((t) => t.word);
  return (
    <>
      {result.hits.length === 0 ? (
        <p class="empty">No similar papers found yet.</p>
      ) : (
        <section class="similar">
          <p class="subtitle">
            {result.total} papers, most similar first, by{' '}
            {result.mode === 'hybrid' ? 'shared key terms and meaning' : 'shared key terms'}
            {terms.length > 0 && <> · key terms: {terms.join(', ')}</>}
          </p>
          <SimilarList similar={result.hits} start={(page - 1) * pageSize + 1} why />
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
    </>
  );
}

function PastedText({ text, fromSearch }: { text: string; fromSearch: boolean }) {
  const chars = text.trim().length;
  return (
    <>
      {fromSearch && (
        <p class="notice" role="status">
          That reads as a pasted text ({chars.toLocaleString('en')} characters), not a query, so
          these are papers similar to all of it. For a keyword search, use fewer words.
        </p>
      )}
      <form method="post" action="/search/similar" class="stack paste-again">
        <label for="pasted-text">
          Your text ({chars.toLocaleString('en')} characters, all used)
        </label>
        <textarea id="pasted-text" name="text" rows={5} required>
          {text}
        </textarea>
        <button class="button" type="submit">
          Find similar papers again
        </button>
      </form>
    </>
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
