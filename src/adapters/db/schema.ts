/**
 * Kysely table types for the store. Column types are chosen to work on SQLite and PostgreSQL alike:
 * ISO-8601 text for instants and days, JSON text for small ordered lists.
 */
import type { Generated } from 'kysely';

export interface PapersTable {
  id: string;
  version: number | null;
  title: string;
  abstract: string;
  /** JSON array of author names in byline order. */
  authors: string;
  /** JSON array of categories, primary first. */
  categories: string;
  primary_category: string | null;
  submitted_at: string | null;
  updated_at: string | null;
  doi: string | null;
  journal_ref: string | null;
  comments: string | null;
  code_url: string | null;
  project_url: string | null;
  github_stars: number | null;
  submitted_by: string | null;
  /** Upvotes imported from the source: the baseline local votes add to. */
  upvotes: number;
  comment_count: number;
  ai_summary: string | null;
  /** JSON array of keywords. */
  ai_keywords: string;
  organization: string | null;
  thumbnail_url: string | null;
  source: string;
  fetched_at: string;
  created_at: string;
  modified_at: string;
}

export interface PaperVersionsTable {
  paper_id: string;
  version: number;
  submitted_at: string | null;
}

export interface FeaturedDaysTable {
  paper_id: string;
  /** Feed day, YYYY-MM-DD. */
  day: string;
  rank: number | null;
  /** When it was put on that day's feed (migration 0304). */
  featured_at: string | null;
}

/** How a daily-papers source listed a paper (migration 0304); JSON text for nested values. */
export interface PaperListingsTable {
  paper_id: string;
  listed_at: string | null;
  discussion_id: string | null;
  /** JSON ListingUser or null. */
  submitter: string | null;
  /** JSON ListingOrganization or null. */
  organization: string | null;
  /** JSON array of ListingAuthor. */
  authors: string;
  /** JSON array of URLs. */
  media_urls: string;
  /** 0/1, null when the source did not say. */
  author_participating: number | null;
  github_repo_added_by: string | null;
  ai_summary_model: string | null;
}

export interface SettingsTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface JobSchedulesTable {
  name: string;
  next_run_at: string;
  last_started_at: string | null;
  last_success_at: string | null;
  last_error: string | null;
  error_count: number;
  lease_owner: string | null;
  lease_until: string | null;
}

export interface EmbeddingQueueTable {
  paper_id: string;
  queued_at: string;
}

/** Resume state of one (source, set) harvest; see migrations/0101-source-cursors.ts. */
export interface SourceCursorsTable {
  source: string;
  /** OAI-PMH set, snapshot file, or '' when the source has no sets. */
  set_spec: string;
  /** Adapter-defined JSON. */
  state: string;
  /** Pages and records committed under this cursor (totals across runs). */
  pages: number;
  records: number;
  updated_at: string;
}

/** Stable integer ids of papers for the full-text and vector indexes (migration 0201). */
export interface PaperDocidsTable {
  docid: Generated<number>;
  paper_id: string;
}

/** Document frequency of each FTS5 term, refreshed by `store:optimize` (migration 0203). */
export interface SearchTermsTable {
  term: string;
  df: number;
  generation: number;
}

/** Impact-ordered postings: one segment of one term (migration 0205). */
export interface SearchImpactsTable {
  id: Generated<number>;
  generation: number;
  term: string;
  weight: number;
  scale: number;
  count: number;
  docids: Uint8Array | null;
}

/** Which generation of search_impacts is live and what it covers (migration 0205). */
export interface SearchImpactsMetaTable {
  id: number;
  generation: number;
  watermark: number;
  docs: number;
  built_at: string;
}

/** The impact-index build running now, if any (migration 0205). */
export interface SearchImpactsBuildsTable {
  id: number;
  pid: number;
  started_at: string;
}

/** Papers whose texts changed since the impact index was built (migration 0205). */
export interface SearchImpactsStaleTable {
  id: Generated<number>;
  docid: number;
}

/** Embeddings, one per paper and model (migration 0202). */
export interface PaperVectorsTable {
  seq: Generated<number>;
  paper_id: string;
  model_id: string;
  dimensions: number;
  /** Little-endian float32 values (SQLite); null on PostgreSQL, which keeps `embedding`. */
  vector: Uint8Array | null;
  /** pgvector's `vector` (PostgreSQL only, migration 0206), written as '[x,y,…]' text. */
  embedding?: string | null;
  text_hash: string;
  embedded_at: string;
}

/** Community layer (migration 0301): accounts, votes, comments, submissions, collections. */
export interface UsersTable {
  id: string;
  /** Lower-cased; unique. */
  email: string;
  handle: string;
  display_name: string;
  /** scrypt$N$r$p$salt$hash, or null for magic-link-only accounts. */
  password_hash: string | null;
  role: string;
  banned_at: string | null;
  ban_reason: string | null;
  created_at: string;
}

export interface SessionsTable {
  /** SHA-256 of the cookie's token; the token itself is never stored. */
  id_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
}

export interface LoginTokensTable {
  token_hash: string;
  email: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** Personal access tokens (migration 0303). */
export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  /** read | write */
  scope: string;
  /** SHA-256 of the token, hex; the token itself is shown once and never stored. */
  token_hash: string;
  /** The token's first characters (`pb_AbCd`), so its owner can tell tokens apart. */
  hint: string;
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
  revoked_at: string | null;
}

/** Actions started signed out, finished after sign-in (migration 0801). */
export interface PendingActionsTable {
  token_hash: string;
  kind: string;
  paper_id: string | null;
  /** JSON: the action's fields (note, comment body). */
  payload: string;
  next: string;
  created_at: string;
}

export interface VotesTable {
  user_id: string;
  paper_id: string;
  created_at: string;
}

/** Local counters and the trending score of a paper (see docs/DESIGN.md, Trending). */
export interface PaperStatsTable {
  paper_id: string;
  /** Local upvotes; the imported baseline stays in papers.upvotes. */
  upvotes: Generated<number>;
  /** Visible local comments. */
  comments: Generated<number>;
  /** Distinct users with visible local comments. */
  commenters: Generated<number>;
  /** When the paper's trending clock started (first featured day, else first submission). */
  trend_at: string | null;
  score: Generated<number>;
}

export interface CommentsTable {
  id: string;
  paper_id: string;
  user_id: string;
  parent_id: string | null;
  /** Markdown source; rendered and sanitised on display. */
  body: string;
  created_at: string;
  edited_at: string | null;
  deleted_at: string | null;
  hidden_at: string | null;
}

export interface CommentReportsTable {
  comment_id: string;
  user_id: string;
  reason: string;
  created_at: string;
  resolved_at: string | null;
}

export interface SubmissionsTable {
  paper_id: string;
  user_id: string;
  day: string;
  created_at: string;
}

export interface CollectionsTable {
  id: string;
  user_id: string;
  name: string;
  description: string;
  /** 1 public, 0 private. */
  is_public: number;
  created_at: string;
  updated_at: string;
}

export interface CollectionItemsTable {
  collection_id: string;
  paper_id: string;
  note: string;
  added_at: string;
}

export interface AuditLogTable {
  id: string;
  actor_id: string;
  action: string;
  target_type: string;
  target_id: string;
  detail: string;
  created_at: string;
}

/** Papers by author (migration 0302), maintained by the paper repo's write path. */
export interface PaperAuthorsTable {
  paper_id: string;
  position: number;
  name: string;
  name_key: string;
}

export interface EmailAddressesTable {
  address: string;
  verified_at: string | null;
  disabled_at: string | null;
  bounce_count: number;
  last_bounce: string | null;
  confirmations_sent: number;
  last_confirmation_at: string | null;
  created_at: string;
}

export interface EmailSubscriptionsTable {
  id: string;
  address: string;
  kind: string;
  cadence: string;
  query: string;
  time_zone: string;
  status: string;
  min_score: number | null;
  user_id: string | null;
  created_at: string;
  confirmed_at: string | null;
  unsubscribed_at: string | null;
  cursor: string | null;
  /** Keyword expressions (0905); '' = no condition. */
  include_terms: string;
  exclude_terms: string;
}

export interface EmailDigestsTable {
  id: string;
  subscription_id: string;
  address: string;
  period: string;
  status: string;
  window_from: string;
  window_to: string;
  /** JSON array of {paperId, score}. */
  picks: string;
  message_id: string;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
  confirmed_at: string | null;
  smtp_response: string | null;
}

export interface EmailSentPapersTable {
  address: string;
  paper_id: string;
  digest_id: string;
  created_at: string;
}

export interface EmailQueryVectorsTable {
  model_id: string;
  text: string;
  /** Little-endian float32 values. */
  vector: Uint8Array;
  created_at: string;
}

export interface EmailLocksTable {
  name: string;
  owner: string;
  until: string;
}

export interface Database {
  papers: PapersTable;
  paper_versions: PaperVersionsTable;
  featured_days: FeaturedDaysTable;
  settings: SettingsTable;
  job_schedules: JobSchedulesTable;
  embedding_queue: EmbeddingQueueTable;
  source_cursors: SourceCursorsTable;
  paper_docids: PaperDocidsTable;
  paper_vectors: PaperVectorsTable;
  search_terms: SearchTermsTable;
  search_impacts: SearchImpactsTable;
  search_impacts_meta: SearchImpactsMetaTable;
  search_impacts_stale: SearchImpactsStaleTable;
  search_impacts_builds: SearchImpactsBuildsTable;
  users: UsersTable;
  sessions: SessionsTable;
  login_tokens: LoginTokensTable;
  api_tokens: ApiTokensTable;
  pending_actions: PendingActionsTable;
  votes: VotesTable;
  paper_stats: PaperStatsTable;
  comments: CommentsTable;
  comment_reports: CommentReportsTable;
  submissions: SubmissionsTable;
  collections: CollectionsTable;
  collection_items: CollectionItemsTable;
  audit_log: AuditLogTable;
  paper_authors: PaperAuthorsTable;
  paper_listings: PaperListingsTable;
  email_addresses: EmailAddressesTable;
  email_subscriptions: EmailSubscriptionsTable;
  email_digests: EmailDigestsTable;
  email_sent_papers: EmailSentPapersTable;
  email_locks: EmailLocksTable;
  email_query_vectors: EmailQueryVectorsTable;
  rate_limits: RateLimitsTable;
  reader_library: ReaderLibraryTable;
  reader_feedback: ReaderFeedbackTable;
  reader_follows: ReaderFollowsTable;
  reader_settings: ReaderSettingsTable;
  embedding_models: EmbeddingModelsTable;
  reader_feed_keys: ReaderFeedKeysTable;
}

/** 0901: papers a reader imported into their library (core/recs). */
export interface ReaderLibraryTable {
  user_id: string;
  paper_id: string;
  /** 'bibtex' | 'ris' | 'csl-json' | 'ids': how it came in. */
  source: string;
  added_at: string;
}

/** 0901: "more like this" (1) and "not interested" (-1) marks. */
export interface ReaderFeedbackTable {
  user_id: string;
  paper_id: string;
  signal: number;
  at: string;
}

/** 0901: followed authors ('author', value = folded name key) and topics ('topic', value = query). */
export interface ReaderFollowsTable {
  user_id: string;
  kind: string;
  value: string;
  label: string;
  created_at: string;
  /** 0903: JSON array of the followed person's co-authors; null = any paper by the name. */
  coauthors: string | null;
}

/** 0904: how many times a reader revoked their private For-you feed URL (core/recs/feed-key.ts). */
export interface ReaderFeedKeysTable {
  user_id: string;
  generation: number;
  updated_at: string;
}

/** 0901: stated interests (JSON array of categories), alert terms and threshold (0–1). */
export interface ReaderSettingsTable {
  user_id: string;
  interests: string;
  include_terms: string;
  exclude_terms: string;
  threshold: number;
  updated_at: string;
}

/** 0902: the serving, target and retired embedding model of the store (core/embeddings/live-models). */
export interface EmbeddingModelsTable {
  role: string;
  model_id: string;
  family: string;
  version: string | null;
  updated_at: string;
}

/** 0601: one rate-limit window per limit and key (core/limits). */
export interface RateLimitsTable {
  key: string;
  points: number;
  /** ISO instant the window ends. */
  expires_at: string;
}

/** Helper for tables with database-generated ids (used by later migrations). */
export type Id = Generated<number>;
