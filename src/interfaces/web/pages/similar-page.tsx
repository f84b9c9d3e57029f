/**
 * Papers similar to a paper (/papers/:id/similar) or to a pasted text (POST /search/similar, or
 * a long paste into a search box): the text is shown back in full, editable, with why it was
 * read as a text rather than a query.
 */
import type { Paper } from '../../../core/papers/model.ts';
import type { SimilarPaper } from '../../../core/search/similar-papers.ts';
import { SimilarList } from '../components/similar-list.tsx';
import { paperPath } from '../format.ts';
import { Layout } from '../layout.tsx';

export interface SimilarPageProps {
  heading: string;
  source: Paper | null;
  similar: SimilarPaper[];
  /** The pasted text, and whether it came from a search box (so the page says why). */
  pasted?: { text: string; fromSearch: boolean };
}

export function SimilarPage({ heading, source, similar, pasted }: SimilarPageProps) {
  const how = similar[0]?.matchedBy === 'keyword' ? 'by shared keywords' : 'by meaning';
  return (
    <Layout title={heading}>
      <h1>{heading}</h1>
      {source && (
        <p class="subtitle">
          <a href={paperPath(source.id)}>← back to arXiv:{source.id}</a>
        </p>
      )}
      {pasted && <PastedText text={pasted.text} fromSearch={pasted.fromSearch} />}
      {similar.length === 0 ? (
        <p class="empty">No similar papers found yet.</p>
      ) : (
        <section class="similar">
          <p class="subtitle">
            {similar.length} papers, nearest first, {how}
          </p>
          <SimilarList similar={similar} />
        </section>
      )}
    </Layout>
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
