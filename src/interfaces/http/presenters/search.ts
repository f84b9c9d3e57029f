/**
 * Wire format of search results: the Hugging Face `/api/papers/search` entry shape (paper,
 * title, summary, publishedAt, numComments), plus paperboy's score, match kind and highlight.
 */

import type { Paper } from '../../../core/papers/model.ts';
import type { SearchHit } from '../../../core/search/search-papers.ts';
import type { SimilarPaper } from '../../../core/search/similar-papers.ts';
import { type LocalSubmitters, listedAt, presentHfPaper } from './hf.ts';

/** The entry fields shared by search hits and similar papers. */
function entry(paper: Paper, submitters?: LocalSubmitters) {
  const c = paper.community;
  const listing = c.listing;
  return {
    // Search results also carry the paper's categories (for facets on the client).
    paper: { ...presentHfPaper(paper, null, submitters), categories: paper.categories },
    publishedAt: listedAt(paper, null),
    title: paper.title,
    summary: paper.abstract,
    ...(c.thumbnail ? { thumbnail: c.thumbnail } : {}),
    numComments: c.commentCount,
    ...(listing?.authorParticipating != null
      ? { isAuthorParticipating: listing.authorParticipating }
      : {}),
  };
}

/** One search hit. `highlight` strings mark matches with <mark>…</mark> (text is HTML-escaped). */
export function presentSearchHit(hit: SearchHit, submitters?: LocalSubmitters) {
  return {
    ...entry(hit.paper, submitters),
    score: Number(hit.score.toFixed(6)),
    matchedBy: hit.matchedBy,
    tier: hit.tier,
    ...(hit.highlight
      ? {
          highlight: {
            title: markHtml(hit.highlight.title),
            snippet: markHtml(hit.highlight.snippet),
            fields: hit.highlight.fields,
          },
        }
      : {}),
  };
}

/** One similar paper, in the same shape. */
export function presentSimilar(s: SimilarPaper, submitters?: LocalSubmitters) {
  return {
    ...entry(s.paper, submitters),
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
