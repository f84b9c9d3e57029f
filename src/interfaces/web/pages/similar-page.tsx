/**
 * Papers similar to a paper (/papers/:id/similar) or to a pasted text (POST /search/similar).
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
}

export function SimilarPage({ heading, source, similar }: SimilarPageProps) {
  const how = similar[0]?.matchedBy === 'keyword' ? 'by shared keywords' : 'by meaning';
  return (
    <Layout title={heading}>
      <h1>{heading}</h1>
      {source && (
        <p class="subtitle">
          <a href={paperPath(source.id)}>← back to arXiv:{source.id}</a>
        </p>
      )}
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
