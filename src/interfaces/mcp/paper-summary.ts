/**
 * What the MCP tools say about a paper: compact, self-contained JSON an agent can read and cite
 * (ids, title, authors, abstract, dates, counts and links), built from the store's Paper.
 */
import { arxivAbsUrl, arxivPdfUrl } from '../../core/papers/arxiv-id.ts';
import type { Paper } from '../../core/papers/model.ts';

export interface PaperSummary {
  id: string;
  title: string;
  authors: string[];
  abstract: string;
  publishedAt: string | null;
  categories: string[];
  upvotes: number;
  comments: number;
  featuredOn: string[];
  aiSummary: string | null;
  url: string;
  arxivUrl: string;
  pdfUrl: string;
  code: string | null;
  /** Similarity to the paper asked about (similar_papers only). */
  score?: number;
}

export function paperSummary(paper: Paper, baseUrl: string): PaperSummary {
  return {
    id: paper.id,
    title: paper.title,
    authors: paper.authors,
    abstract: paper.abstract,
    publishedAt: paper.submittedAt,
    categories: paper.categories,
    upvotes: paper.community.upvotes,
    comments: paper.community.commentCount,
    featuredOn: paper.community.featuredDays.map((d) => d.day),
    aiSummary: paper.community.aiSummary,
    url: new URL(`/papers/${paper.id}`, baseUrl).toString(),
    arxivUrl: arxivAbsUrl(paper.id),
    pdfUrl: arxivPdfUrl(paper.id),
    code: paper.links.code,
  };
}
