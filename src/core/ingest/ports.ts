/**
 * Ports for ingestion. A Source yields pages of parsed records, each with the resume state to store
 * once that page is committed; an IngestStore commits a page's papers, its embedding-queue entries
 * and the new cursor in one transaction, so a crash at any moment resumes exactly where the last
 * committed page left off — nothing lost, nothing twice.
 */
import type { ParsedRecord } from '../papers/import-papers.ts';
import type { Paper } from '../papers/model.ts';
import type { UpsertOutcome } from '../papers/ports.ts';

/** One page (or batch) from a source. */
export interface SourcePage {
  records: ParsedRecord[];
  /** Resume state after this page (adapter-defined JSON), stored with the page's papers. */
  state: string;
  /** Expected total number of records, when the source says (for progress and ETA). */
  total?: number;
}

/** A harvestable source: arXiv OAI-PMH for one set, Hugging Face Daily Papers, a snapshot file. */
export interface Source {
  /** e.g. `arxiv-oai`, `hf-daily`, `snapshot`. */
  readonly name: string;
  /** OAI-PMH set, file, or '' — the cursor is kept per (name, set). */
  readonly set: string;
  /** Pages from `state` on (null: from the beginning / the configured start). */
  harvest(state: string | null, signal?: AbortSignal): AsyncIterable<SourcePage>;
}

/** Where one (source, set) stands. */
export interface SourceCursor {
  source: string;
  set: string;
  state: string;
  pages: number;
  records: number;
  updatedAt: string;
}

export interface IngestStore {
  getCursor(source: string, set: string): Promise<SourceCursor | null>;
  listCursors(): Promise<SourceCursor[]>;
  /**
   * In one transaction: merges `papers` into the store, queues the inserted or changed ones for
   * embedding, and (unless null) saves `state` as the cursor of (source, set).
   */
  commitPage(
    papers: Paper[],
    cursor: { source: string; set: string; state: string; records: number } | null,
  ): Promise<UpsertOutcome>;
  /** Forgets a cursor (the next harvest starts from the beginning). */
  resetCursor(source: string, set: string): Promise<void>;
}
