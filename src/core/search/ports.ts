/**
 * Ports of search: the lexical index (BM25 over titles, abstracts and authors) and the vector
 * index (nearest neighbours by cosine similarity). SQLite (FTS5 + usearch) and PostgreSQL
 * (tsvector + pgvector) implement both, ranking alike. See docs/DESIGN.md.
 */
import type { Scored } from './fuse.ts';
import type { TermStats } from './key-terms.ts';
import type { SearchFilters } from './query.ts';

/** The lexical part of a query (see ParsedQuery). */
export interface TextQuery {
  words: string[];
  phrases: string[][];
  excluded: string[][];
  /**
   * Whole-number weights of words (missing: 1), for "more like this" queries built from key
   * terms: a word of weight n adds n times its BM25 score, as if it were typed n times.
   * Weighted queries are not looked for as a whole title.
   */
  weights?: ReadonlyMap<string, number>;
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
  /** Which key terms it holds (see MatchTally), when the index worked that out. */
  matched?: number;
}

/**
 * Key terms get tally bits: bit i (1 << i) stands for the i-th of `keyTerms(query.words)`, for
 * the first MATCH_BITS of them (later ones get no bit).
 */
export const MATCH_BITS = 30;

/** How many matching papers hold which key terms: bits → papers holding exactly those. */
export interface MatchTally {
  counts: Map<number, number>;
  /**
   * False when the index did not see every matching paper (bounded work on common words): the
   * counts are then lower bounds.
   */
  complete: boolean;
}

/** The best keyword hits, each with its key-term bits, and the tally of all matches. */
export interface TextMatches {
  hits: TextHit[];
  tally: MatchTally;
}

/** The full-text index. Kept in step with the papers table by the store itself. */
export interface SearchIndex {
  /**
   * The best `limit` papers for the query's words and phrases by BM25 (title weighted above
   * abstract and authors), without excluded words, within `filters`. Higher score is better.
   * Needs at least one word or phrase. Hits may carry their signals (spares a second read).
   */
  searchText(query: TextQuery, filters: SearchFilters, limit: number): Promise<TextHit[]>;
  /**
   * searchText, plus each hit's key-term bits and a tally of every matching paper by bits (for
   * relevance cut-offs and true result counts, decided in core: relevance.ts).
   */
  matchText(query: TextQuery, filters: SearchFilters, limit: number): Promise<TextMatches>;
  /**
   * Stems and document frequencies of `words` as the index sees them, and how many papers it
   * holds (for key-term selection and relevance cut-offs, computed in core).
   */
  termStats(words: string[]): Promise<TermStats>;
  /**
   * Index terms that `word` might be a misspelling of: terms (stems) with its first letter, of
   * about its stem's length, held by at least two papers; the most common first, at most `limit`.
   * Which one is suggested is decided in core (spelling.ts).
   */
  spellingCandidates(word: string, limit: number): Promise<{ term: string; df: number }[]>;
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

/** Papers by author name (the author index of the community area). */
export interface AuthorLookup {
  /** Papers whose byline holds the name with this author key, newest first, and their number. */
  papersBy(
    key: string,
    page: { limit: number; offset: number },
  ): Promise<{ name: string | null; ids: string[]; total: number }>;
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
  /** Stored vectors of `ids` (those that have one), in one pass. */
  vectorsOf(ids: string[]): Promise<Map<string, Float32Array>>;
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
