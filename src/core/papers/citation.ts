/**
 * Citations of papers — BibTeX, RIS and CSL-JSON exports, and the records a library import reads —
 * as one neutral record. Turning records into a format (and back) is the CitationCodec port's job
 * (adapters/citations); this module only decides what a paper's citation says.
 */
import { arxivAbsUrl } from './arxiv-id.ts';
import type { Paper } from './model.ts';

export type CitationFormat = 'bibtex' | 'ris' | 'csl-json';
export const CITATION_FORMATS: readonly CitationFormat[] = ['bibtex', 'ris', 'csl-json'];

/** How each format is sent: media type and file extension. */
export const CITATION_MEDIA: Record<CitationFormat, { contentType: string; extension: string }> = {
  bibtex: { contentType: 'application/x-bibtex; charset=utf-8', extension: 'bib' },
  ris: { contentType: 'application/x-research-info-systems; charset=utf-8', extension: 'ris' },
  'csl-json': { contentType: 'application/vnd.citationstyles.csl+json', extension: 'json' },
};

/** What a citation says about one paper. */
export interface CitationRecord {
  title: string;
  /** Display names in byline order ("Ada Lovelace"); the codec splits them. */
  authors: string[];
  /** Publication date, YYYY-MM-DD (or YYYY), when known. */
  issued: string | null;
  /** arXiv id without version (2608.19880, hep-th/9901001), when it has one. */
  arxivId: string | null;
  primaryCategory: string | null;
  /** The journal DOI when known, else arXiv's own (10.48550/arXiv.<id>). */
  doi: string | null;
  url: string | null;
  abstract: string | null;
  /** Where it was published, free text (arXiv's journal-ref). */
  journalRef: string | null;
  keywords: string[];
}

/** The DOI arXiv registers for every paper (DataCite, 10.48550). */
export function arxivDoi(id: string): string {
  return `10.48550/arXiv.${id}`;
}

/** Runs of white space as one space: arXiv wraps titles and abstracts, and RIS is line-based. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The citation of a stored paper. */
export function paperCitation(paper: Paper): CitationRecord {
  return {
    title: oneLine(paper.title),
    authors: paper.authors.map(oneLine),
    issued: paper.submittedAt?.slice(0, 10) ?? null,
    arxivId: paper.id,
    primaryCategory: paper.categories[0] ?? null,
    doi: paper.doi ?? arxivDoi(paper.id),
    url: arxivAbsUrl(paper.id),
    abstract: oneLine(paper.abstract) || null,
    journalRef: paper.journalRef,
    keywords: paper.categories,
  };
}

/** A safe download name: `2608.19880.bib`, `reading-list.ris`. */
export function citationFileName(base: string, format: CitationFormat): string {
  const name = base
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `${name || 'papers'}.${CITATION_MEDIA[format].extension}`;
}
