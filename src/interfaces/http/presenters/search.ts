/**
 * Wire format of search results: the Hugging Face `/api/papers/search` entry shape (paper,
 * title, summary, publishedAt, numComments), plus paperboy's score, match kind and highlight.
 */

import type { Paper } from '../../../core/papers/model.ts';
import type { SearchHit } from '../../../core/search/search-papers.ts';
import type { SimilarPaper } from '../../../core/search/similar-papers.ts';
import { presentHfPaper } from './paper.ts';

/** Search results also carry the paper's categories (for facets on the client). */
function hfPaper(paper: Paper) {
  return { ...presentHfPaper(paper), categories: paper.categories };
}

/** One search hit. `highlight` strings mark matches with <mark>…</mark> (text is HTML-escaped). */
export function presentSearchHit(hit: SearchHit) {
  const { paper } = hit;
  return {
    paper: hfPaper(paper),
    title: paper.title,
    summary: paper.abstract,
    publishedAt: paper.submittedAt,
    numComments: paper.community.commentCount,
    score: Number(hit.score.toFixed(6)),
    matchedBy: hit.matchedBy,
    tier: hit.tier,
    highlight: hit.highlight
      ? {
          title: markHtml(hit.highlight.title),
          snippet: markHtml(hit.highlight.snippet),
          fields: hit.highlight.fields,
        }
      : undefined,
  };
}

/** One similar paper, in the same shape. */
export function presentSimilar(s: SimilarPaper) {
  return {
    paper: hfPaper(s.paper),
    title: s.paper.title,
    summary: s.paper.abstract,
    publishedAt: s.paper.submittedAt,
    numComments: s.paper.community.commentCount,
    score: Number(s.score.toFixed(6)),
    matchedBy: s.matchedBy,
    /** Why similar: the source's key terms this paper holds too, and the meaning score. */
    sharedTerms: s.sharedTerms,
    meaning: s.meaning === null ? null : Number(s.meaning.toFixed(4)),
  };
}

function markHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('\u0002', '<mark>')
    .replaceAll('\u0003', '</mark>');
}
