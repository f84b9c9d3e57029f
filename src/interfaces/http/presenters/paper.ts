/**
 * paperboy's own wire format for a paper (schemas/paper.ts): our JSON (camelCase, what `paperboy
 * import` reads) plus derived arXiv links. Hugging Face's shapes are in presenters/hf.ts.
 */
import { arxivAbsUrl, arxivPdfUrl } from '../../../core/papers/arxiv-id.ts';
import type { Paper } from '../../../core/papers/model.ts';
import type { PaperV1Wire } from '../schemas/paper.ts';

/** A paper in paperboy's JSON format, plus derived arXiv links. */
export function presentPaper(paper: Paper): PaperV1Wire {
  return {
    ...paper,
    links: {
      abs: arxivAbsUrl(paper.id, paper.version),
      pdf: arxivPdfUrl(paper.id, paper.version),
      ...paper.links,
    },
  };
}
