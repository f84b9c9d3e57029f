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
  /** When it was put on that day's feed (ISO 8601; Hugging Face's `submittedOnDailyAt`), if known. */
  featuredAt: string | null;
}

/** Links beyond arXiv's own (abs and PDF URLs are derived from the id). */
export interface PaperLinks {
  /** Code repository, usually GitHub. */
  code: string | null;
  /** Project page. */
  project: string | null;
}

/** An account as listed beside a paper: the source's (Hugging Face's user shape) or this instance's. */
export interface ListingUser {
  /** The account's id where it lives (Hugging Face `_id`), if known. */
  id: string | null;
  /** Username (handle). */
  name: string;
  fullname: string | null;
  avatarUrl: string | null;
  /** `user` or `org` on Hugging Face. */
  type: string | null;
}

/** An organisation a paper was posted under (Hugging Face's organization shape). */
export interface ListingOrganization {
  id: string | null;
  name: string;
  fullname: string | null;
  avatar: string | null;
}

/** What the source says about one author of the byline beyond the name. */
export interface ListingAuthor {
  name: string;
  /** The author entry's id at the source (Hugging Face `_id`). */
  id: string | null;
  /** Hidden authors stay in the byline but clients leave them out. */
  hidden: boolean;
  /** Claim state of the author's account link, e.g. `claimed_verified`. */
  status: string | null;
  statusChangedAt: string | null;
  /** The account that claimed this authorship, if any. */
  user: ListingUser | null;
}

/**
 * How a daily-papers source listed the paper, kept so the Hugging Face-compatible API answers
 * with the same identifiers and details (see docs/DESIGN.md, API).
 */
export interface PaperListing {
  /** When the entry was posted to the source's daily list (Hugging Face's top-level `publishedAt`). */
  listedAt: string | null;
  /** The source's discussion thread id. */
  discussionId: string | null;
  submitter: ListingUser | null;
  organization: ListingOrganization | null;
  /** Per-author details, in byline order (matched to Paper.authors by name). */
  authors: ListingAuthor[];
  /** Images and videos uploaded with the entry. */
  mediaUrls: string[];
  /** Whether an author takes part in the discussion, when the source says. */
  authorParticipating: boolean | null;
  /** Who linked the code repository (`user`, `author`, …). */
  githubRepoAddedBy: string | null;
  /** The model that wrote the AI summary. */
  aiSummaryModel: string | null;
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
  /** The source's listing details, for papers that came from a daily-papers source. */
  listing: PaperListing | null;
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
    listing: null,
  };
}
