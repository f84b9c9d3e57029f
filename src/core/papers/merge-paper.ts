/**
 * Merging two records of the same paper. arXiv sources win bibliographic fields (title, abstract,
 * authors, dates, categories…), community sources (Hugging Face) win community fields (upvotes,
 * comments, AI summary…); featured days and versions are unions. Pure, so it is tested as a table.
 */
import type { FeaturedDay, Paper, PaperCommunity, PaperVersion } from './model.ts';

/** Sources whose bibliographic data is authoritative (arXiv itself and its snapshots). */
const BIBLIOGRAPHIC_SOURCES = /^(arxiv|snapshot)/;

/** True when `source` is an arXiv-derived source whose bibliographic fields win a merge. */
export function isBibliographicSource(source: string): boolean {
  return BIBLIOGRAPHIC_SOURCES.test(source);
}

/**
 * The record to store when `incoming` arrives for a paper already stored as `existing`.
 * Bibliographic fields come from the newer version, else from the more authoritative source, else
 * from incoming where it has them. Community fields come from incoming when it carries any.
 */
export function mergePaper(existing: Paper, incoming: Paper): Paper {
  const bib = incomingWinsBibliography(existing, incoming);
  const primary = bib ? incoming : existing;
  const secondary = bib ? existing : incoming;
  return {
    id: existing.id,
    version: maxNullable(existing.version, incoming.version),
    title: primary.title || secondary.title,
    abstract: primary.abstract || secondary.abstract,
    authors: primary.authors.length > 0 ? primary.authors : secondary.authors,
    categories: primary.categories.length > 0 ? primary.categories : secondary.categories,
    submittedAt: primary.submittedAt ?? secondary.submittedAt,
    updatedAt: primary.updatedAt ?? secondary.updatedAt,
    doi: primary.doi ?? secondary.doi,
    journalRef: primary.journalRef ?? secondary.journalRef,
    comments: primary.comments ?? secondary.comments,
    links: {
      code: incoming.links.code ?? existing.links.code,
      project: incoming.links.project ?? existing.links.project,
    },
    versions: mergeVersions(existing.versions, incoming.versions),
    community: mergeCommunity(existing.community, incoming.community, incoming),
    provenance: bib ? incoming.provenance : existing.provenance,
  };
}

function incomingWinsBibliography(existing: Paper, incoming: Paper): boolean {
  if (existing.version !== null && incoming.version !== null) {
    if (incoming.version !== existing.version) return incoming.version > existing.version;
  }
  const incomingAuthoritative = isBibliographicSource(incoming.provenance.source);
  const existingAuthoritative = isBibliographicSource(existing.provenance.source);
  if (incomingAuthoritative !== existingAuthoritative) return incomingAuthoritative;
  return true;
}

function carriesCommunity(paper: Paper): boolean {
  const c = paper.community;
  return (
    c.featuredDays.length > 0 ||
    c.upvotes > 0 ||
    c.commentCount > 0 ||
    c.aiSummary !== null ||
    c.submittedBy !== null
  );
}

function mergeCommunity(a: PaperCommunity, b: PaperCommunity, incoming: Paper): PaperCommunity {
  const featuredDays = mergeDays(a.featuredDays, b.featuredDays);
  if (!carriesCommunity(incoming)) return { ...a, featuredDays };
  return {
    featuredDays,
    submittedBy: b.submittedBy ?? a.submittedBy,
    upvotes: b.upvotes,
    commentCount: b.commentCount,
    aiSummary: b.aiSummary ?? a.aiSummary,
    aiKeywords: b.aiKeywords.length > 0 ? b.aiKeywords : a.aiKeywords,
    organization: b.organization ?? a.organization,
    githubStars: b.githubStars ?? a.githubStars,
    thumbnail: b.thumbnail ?? a.thumbnail,
    listing: b.listing ?? a.listing,
  };
}

function mergeDays(a: FeaturedDay[], b: FeaturedDay[]): FeaturedDay[] {
  const byDay = new Map<string, FeaturedDay>();
  for (const d of a) byDay.set(d.day, d);
  for (const d of b) {
    const known = byDay.get(d.day);
    byDay.set(d.day, {
      day: d.day,
      rank: d.rank ?? known?.rank ?? null,
      featuredAt: d.featuredAt ?? known?.featuredAt ?? null,
    });
  }
  return [...byDay.values()].sort((x, y) => x.day.localeCompare(y.day));
}

function mergeVersions(a: PaperVersion[], b: PaperVersion[]): PaperVersion[] {
  const byVersion = new Map<number, PaperVersion>();
  for (const v of [...a, ...b]) {
    const known = byVersion.get(v.version);
    byVersion.set(v.version, {
      version: v.version,
      submittedAt: v.submittedAt ?? known?.submittedAt ?? null,
    });
  }
  return [...byVersion.values()].sort((x, y) => x.version - y.version);
}

function maxNullable(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.max(a, b);
}
