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

/** Embeddings, one per paper and model (migration 0202). */
export interface PaperVectorsTable {
  seq: Generated<number>;
  paper_id: string;
  model_id: string;
  dimensions: number;
  /** Little-endian float32 values. */
  vector: Uint8Array;
  text_hash: string;
  embedded_at: string;
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
}

/** Helper for tables with database-generated ids (used by later migrations). */
export type Id = Generated<number>;
