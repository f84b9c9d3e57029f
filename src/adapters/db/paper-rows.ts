/**
 * Mapping between the Paper domain object and its rows (papers, paper_versions, featured_days).
 */
import type { Paper, PaperListing } from '../../core/papers/model.ts';
import type { FeaturedDaysTable, PapersTable, PaperVersionsTable } from './schema.ts';

/** The papers row for `paper`; `now` fills created_at/modified_at. */
export function toPaperRow(paper: Paper, now: string): PapersTable {
  const c = paper.community;
  return {
    id: paper.id,
    version: paper.version,
    title: paper.title,
    abstract: paper.abstract,
    authors: JSON.stringify(paper.authors),
    categories: JSON.stringify(paper.categories),
    primary_category: paper.categories[0] ?? null,
    submitted_at: paper.submittedAt,
    updated_at: paper.updatedAt,
    doi: paper.doi,
    journal_ref: paper.journalRef,
    comments: paper.comments,
    code_url: paper.links.code,
    project_url: paper.links.project,
    github_stars: c.githubStars,
    submitted_by: c.submittedBy,
    upvotes: c.upvotes,
    comment_count: c.commentCount,
    ai_summary: c.aiSummary,
    ai_keywords: JSON.stringify(c.aiKeywords),
    organization: c.organization,
    thumbnail_url: c.thumbnail,
    source: paper.provenance.source,
    fetched_at: paper.provenance.fetchedAt,
    created_at: now,
    modified_at: now,
  };
}

/** Rebuilds a Paper from its row and its version and featured-day rows. */
export function fromPaperRow(
  row: PapersTable,
  versions: PaperVersionsTable[],
  days: FeaturedDaysTable[],
  listing: PaperListing | null = null,
): Paper {
  return {
    id: row.id,
    version: row.version,
    title: row.title,
    abstract: row.abstract,
    authors: parseList(row.authors),
    categories: parseList(row.categories),
    submittedAt: row.submitted_at,
    updatedAt: row.updated_at,
    doi: row.doi,
    journalRef: row.journal_ref,
    comments: row.comments,
    links: { code: row.code_url, project: row.project_url },
    versions: versions
      .map((v) => ({ version: v.version, submittedAt: v.submitted_at }))
      .sort((a, b) => a.version - b.version),
    community: {
      featuredDays: days
        .map((d) => ({ day: d.day, rank: d.rank, featuredAt: d.featured_at }))
        .sort((a, b) => a.day.localeCompare(b.day)),
      submittedBy: row.submitted_by,
      upvotes: row.upvotes,
      commentCount: row.comment_count,
      aiSummary: row.ai_summary,
      aiKeywords: parseList(row.ai_keywords),
      organization: row.organization,
      githubStars: row.github_stars,
      thumbnail: row.thumbnail_url,
      listing,
    },
    provenance: { source: row.source, fetchedAt: row.fetched_at },
  };
}

function parseList(json: string): string[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
