/**
 * Wire formats for papers: our own JSON (camelCase, what `paperboy import` reads), and the
 * Hugging Face daily_papers entry shape for tools that already speak that API.
 */
import { arxivAbsUrl, arxivPdfUrl } from '../../../core/papers/arxiv-id.ts';
import type { Paper } from '../../../core/papers/model.ts';
import type { FeaturedPaper } from '../../../core/papers/ports.ts';

/** A paper in paperboy's JSON format, plus derived arXiv links. */
export function presentPaper(paper: Paper) {
  return {
    ...paper,
    links: {
      abs: arxivAbsUrl(paper.id, paper.version),
      pdf: arxivPdfUrl(paper.id, paper.version),
      ...paper.links,
    },
  };
}

/** The `paper` object of Hugging Face's daily_papers and papers/search entries. */
export function presentHfPaper(paper: Paper) {
  const c = paper.community;
  return {
    id: paper.id,
    authors: paper.authors.map((name) => ({ name })),
    publishedAt: paper.submittedAt,
    title: paper.title,
    summary: paper.abstract,
    upvotes: c.upvotes,
    ai_summary: c.aiSummary ?? undefined,
    ai_keywords: c.aiKeywords.length > 0 ? c.aiKeywords : undefined,
    githubRepo: paper.links.code ?? undefined,
    githubStars: c.githubStars ?? undefined,
    projectPage: paper.links.project ?? undefined,
  };
}

/** A feed entry in the shape of `GET https://huggingface.co/api/daily_papers`. */
export function presentHfDailyEntry(entry: FeaturedPaper) {
  const { paper } = entry;
  const c = paper.community;
  return {
    paper: presentHfPaper(paper),
    publishedAt: `${entry.day}T00:00:00.000Z`,
    title: paper.title,
    summary: paper.abstract,
    thumbnail: c.thumbnail ?? undefined,
    numComments: c.commentCount,
  };
}
