/**
 * The paper as paperboy knows it: bibliographic record (from arXiv or another source), links,
 * provenance, and the community layer (featured days, submitter, upvotes, comments, AI summary).
 * Pure types; storage and wire formats map to and from these.
 */

/** Where a paper's record came from, e.g. `hf-daily`, `arxiv-oai`, `arxiv-atom`, `snapshot`. */
export type SourceName = string;

/** One stored version of a paper (arXiv `v1`, `v2`, …). */
export interface PaperVersion {
  version: number;
  /** When this version was submitted (ISO 8601), if known. */
  submittedAt: string | null;
}

/** A day the paper was featured in the daily feed, with its position that day (1 = top). */
export interface FeaturedDay {
  /** Feed day, YYYY-MM-DD in the feed's time zone (America/New_York by default, as Hugging Face). */
  day: string;
  /** Rank within the day as the source listed it, if known. */
  rank: number | null;
}

/** Links beyond arXiv's own (abs and PDF URLs are derived from the id). */
export interface PaperLinks {
  /** Code repository, usually GitHub. */
  code: string | null;
  /** Project page. */
  project: string | null;
}

/** The community layer: what people did with the paper here or on the source it came from. */
export interface PaperCommunity {
  featuredDays: FeaturedDay[];
  /** Display name or handle of who submitted it to the daily feed. */
  submittedBy: string | null;
  /** Upvotes as imported from the source (a baseline; local votes add to it). */
  upvotes: number;
  commentCount: number;
  aiSummary: string | null;
  aiKeywords: string[];
  /** Organisation the paper was posted under, if any. */
  organization: string | null;
  githubStars: number | null;
  thumbnail: string | null;
}

/** Where and when this record was last fetched. */
export interface Provenance {
  source: SourceName;
  fetchedAt: string;
}

/** A research paper. `id` is the canonical arXiv id (no version). */
export interface Paper {
  id: string;
  /** Latest known version, null when the source did not say. */
  version: number | null;
  title: string;
  abstract: string;
  /** Author display names in byline order. */
  authors: string[];
  /** arXiv categories; the first is the primary one, the rest are cross-lists. */
  categories: string[];
  /** First submission (ISO 8601). */
  submittedAt: string | null;
  /** Latest revision (ISO 8601). */
  updatedAt: string | null;
  doi: string | null;
  journalRef: string | null;
  comments: string | null;
  links: PaperLinks;
  versions: PaperVersion[];
  community: PaperCommunity;
  provenance: Provenance;
}

/** The primary category of a paper, or null when it has none. */
export function primaryCategory(paper: Pick<Paper, 'categories'>): string | null {
  return paper.categories[0] ?? null;
}

/** An empty community layer, for papers nobody has featured or voted on. */
export function emptyCommunity(): PaperCommunity {
  return {
    featuredDays: [],
    submittedBy: null,
    upvotes: 0,
    commentCount: 0,
    aiSummary: null,
    aiKeywords: [],
    organization: null,
    githubStars: null,
    thumbnail: null,
  };
}
