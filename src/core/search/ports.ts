/**
 * Ports of search: the lexical index (BM25 over titles, abstracts and authors) and the vector
 * index (nearest neighbours by cosine similarity). SQLite (FTS5 + usearch) and PostgreSQL
 * (tsvector + pgvector) implement both, ranking alike. See docs/DESIGN.md.
 */
import type { Scored } from './fuse.ts';
import type { SearchFilters } from './query.ts';

/** The lexical part of a query (see ParsedQuery). */
export interface TextQuery {
  words: string[];
  phrases: string[][];
  excluded: string[][];
}

/** What ranking, sorting and facets need to know about a candidate, without loading it whole. */
export interface PaperSignals {
  id: string;
  submittedAt: string | null;
  upvotes: number;
  categories: string[];
}

/** Marks around highlighted words in `Highlight` strings (never in paper text). */
export const MARK_START = '\u0002';
export const MARK_END = '\u0003';

/** A title and a snippet of the abstract with matched words between MARK_START and MARK_END. */
export interface Highlight {
  title: string;
  snippet: string;
  /** Which fields the query's words were found in. */
  fields: ('title' | 'abstract' | 'authors')[];
}

/** The texts of a paper that highlights mark. */
export interface HighlightSource {
  id: string;
  title: string;
  abstract: string;
  authors: string[];
}

/** A keyword hit, with its ranking signals when the index read them along the way. */
export interface TextHit extends Scored {
  signals?: PaperSignals;
}

/** The full-text index. Kept in step with the papers table by the store itself. */
export interface SearchIndex {
  /**
   * The best `limit` papers for the query's words and phrases by BM25 (title weighted above
   * abstract and authors), without excluded words, within `filters`. Higher score is better.
   * Needs at least one word or phrase. Hits may carry their signals (spares a second read).
   */
  searchText(query: TextQuery, filters: SearchFilters, limit: number): Promise<TextHit[]>;
  /** Of `ids`, those within `filters` that contain none of `excluded`, in the order given. */
  keepMatching(ids: string[], filters: SearchFilters, excluded: string[][]): Promise<string[]>;
  /** Up to `limit` papers within `filters`, newest first (for queries that only filter). */
  listFiltered(filters: SearchFilters, limit: number): Promise<string[]>;
  /** Ranking signals of `ids` (unknown ids are left out). */
  signals(ids: string[]): Promise<Map<string, PaperSignals>>;
  /**
   * Highlighted title and abstract snippet for each of `papers` (already loaded by the caller)
   * that matches the query's words.
   */
  highlight(papers: HighlightSource[], query: TextQuery): Promise<Map<string, Highlight>>;
}

/** A paper's vector and the hash of the text it was computed from. */
export interface PaperVector {
  paperId: string;
  vector: Float32Array;
  /** Hash of the embedded text, so unchanged papers are not embedded again. */
  textHash: string;
}

/**
 * Vectors of one embedding model. The store keeps every vector with its model id (the source of
 * truth); an approximate index (HNSW) beside the database answers nearest-neighbour queries.
 */
export interface VectorIndex {
  /** The model whose vectors this index holds. */
  readonly modelId: string;
  /** Stores vectors (replacing older ones of the same papers) and indexes them. */
  put(items: PaperVector[]): Promise<void>;
  /** The `limit` papers nearest to `vector` by cosine similarity (higher is better). */
  search(vector: Float32Array, limit: number): Promise<Scored[]>;
  /** Exact cosine similarity of `vector` to each of `ids` that has a vector. */
  similarity(vector: Float32Array, ids: string[]): Promise<Map<string, number>>;
  /** The stored vector of a paper, or null. */
  get(paperId: string): Promise<Float32Array | null>;
  /** Text hashes of stored vectors for `ids`. */
  textHashes(ids: string[]): Promise<Map<string, string>>;
  /** Up to `limit` papers without a vector of this model (first start, model change). */
  missing(limit: number): Promise<string[]>;
  /** How many papers have a vector of this model, and how many papers there are. */
  coverage(): Promise<{ embedded: number; papers: number }>;
  /** Deletes vectors of other models (after a model change completed); returns how many. */
  pruneOtherModels(): Promise<number>;
  /** Picks up vectors stored by other processes and saves the index file. */
  sync(): Promise<void>;
  close(): Promise<void>;
}
