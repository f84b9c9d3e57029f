/**
 * searchPapers: the search use case behind /search, the JSON API, feeds of saved searches and
 * alerts. Parses the query, finds candidates in two tiers (papers that match the words, then
 * papers close in meaning: search-candidates.ts), puts a known author's papers first, adds the
 * documented boosts, sorts each tier, computes facets and returns one page with highlights and
 * true counts; when nothing is found, spelling suggestions from the index's own vocabulary.
 */
import type { Clock } from '../clock.ts';
import type { Embedder } from '../embeddings/ports.ts';
import type { Logger } from '../logger.ts';
import type { Paper } from '../papers/model.ts';
import type { PaperRepo } from '../papers/ports.ts';
import { type AuthorMatch, findAuthor } from './author-query.ts';
import { type BoostWeights, boost, byScoreThenId, type FusionMethod } from './fuse.ts';
import type { Feedback } from './meaning-feedback.ts';
import type {
  AuthorLookup,
  Highlight,
  PaperSignals,
  SearchIndex,
  TextQuery,
  VectorIndex,
} from './ports.ts';
import { type ParsedQuery, parseQuery, type SearchFilters, type SearchSort } from './query.ts';
import {
  type Candidate,
  type Count,
  embedQueryText,
  findCandidates,
  MAX_RESULTS,
  type MatchKind,
  type SearchMode,
  type Tier,
} from './search-candidates.ts';
import { type Suggestion, suggestSpellings } from './spelling.ts';

export {
  CANDIDATES,
  type Count,
  MAX_RESULTS,
  type MatchKind,
  type SearchMode,
  type Tier,
} from './search-candidates.ts';

export interface SearchDeps {
  index: SearchIndex;
  papers: PaperRepo;
  clock: Clock;
  log: Logger;
  /** Null when semantic search is off (PAPERBOY_EMBEDDER=none). */
  embedder: Embedder | null;
  vectors: VectorIndex | null;
  fusion: FusionMethod;
  boosts: BoostWeights;
  /** Cosine at or above which a paper counts as close in meaning (meaning-thresholds.ts). */
  meaningThreshold: number;
  /** Authors' papers, so a query that is an author's name finds them first (optional). */
  authors?: AuthorLookup;
  /** Evaluation only: a long query's match holds this share of what the best match holds. */
  relativeShare?: number;
  /** Evaluation only: false lists every keyword hit and every vector neighbour (no cut-off). */
  cutoff?: boolean;
  /** Evaluation only: false leaves out papers holding only some of the words. */
  partial?: boolean;
  /** Evaluation only: meaning-side feedback other than the shipped default (meaning-feedback.ts). */
  feedback?: Feedback;
}

export interface SearchRequest {
  /** The query as typed, or already parsed. */
  query: string | ParsedQuery;
  /** Filters from URL parameters, added to those in the query. */
  filters?: Partial<SearchFilters>;
  sort?: SearchSort;
  mode?: SearchMode;
  limit: number;
  offset?: number;
}

export interface SearchHit {
  paper: Paper;
  /** Fused score (plus boosts for relevance order); higher is better. */
  score: number;
  matchedBy: MatchKind;
  /** Above the boundary (matches the words) or below it (close in meaning only). */
  tier: Tier;
  highlight: Highlight | null;
}

export interface Facets {
  categories: { value: string; count: number }[];
  years: { value: string; count: number }[];
}

export interface SearchResult {
  query: ParsedQuery;
  hits: SearchHit[];
  /** Results over all pages (word matches listed, at most MAX_RESULTS, then meaning matches). */
  total: number;
  /** Papers that match the words, and papers that only come close in meaning. */
  counts: { words: Count; meaning: Count };
  /** Position in the whole list where meaning-only results start (= listed word matches). */
  boundary: number;
  /** The query names a known author: their papers come first; `author:` offered. */
  author: AuthorMatch | null;
  /** Query words no paper holds, with the nearest words that papers do hold. */
  suggestions: Suggestion[];
  facets: Facets;
  /** The mode that actually ran (hybrid falls back to lexical when the model is unavailable). */
  mode: SearchMode;
  /** Things the user should know (unbalanced quote, semantic side unavailable, …). */
  notices: string[];
}

/** Runs a search and returns one page of results. Throws `invalid_query` for bad queries. */
export async function searchPapers(deps: SearchDeps, req: SearchRequest): Promise<SearchResult> {
  const query = typeof req.query === 'string' ? parseQuery(req.query, req.filters) : req.query;
  const notices = [...query.notices];
  const sort = req.sort ?? 'relevance';
  const offset = req.offset ?? 0;
  if (query.jumpTo) return jump(deps, query, notices);
  const set =
    query.words.length === 0 && query.phrases.length === 0
      ? await filterOnly(deps, query)
      : await findCandidates(
          deps,
          query,
          req.mode ?? 'hybrid',
          () =>
            embedQueryText(deps.embedder, query.text, (error) => {
              deps.log.warn('semantic search unavailable', { error });
              notices.push(
                'Semantic search is unavailable right now; these are keyword matches only.',
              );
            }),
          sort === 'relevance' ? Math.min(MAX_RESULTS, offset + req.limit) : MAX_RESULTS,
        );
  const author = deps.authors ? await findAuthor(deps.authors, query) : null;
  const candidates = author ? authorFirst(set.candidates, author.ids) : set.candidates;
  const signals = await signalsOf(deps.index, candidates, set.known);
  const ranked = order(candidates, signals, sort, deps, query);
  const page = ranked.slice(offset, offset + req.limit);
  const textQuery = toTextQuery(query);
  // The page's papers are loaded once; highlights are marked on those texts.
  const papers = await deps.papers.getMany(page.map((c) => c.id));
  const highlights =
    textQuery.words.length + textQuery.phrases.length > 0
      ? await deps.index.highlight(papers, textQuery)
      : new Map<string, Highlight>();
  const byId = new Map(papers.map((p) => [p.id, p]));
  const hits = page.flatMap((c) => {
    const paper = byId.get(c.id);
    return paper
      ? [
          {
            paper,
            score: c.score,
            matchedBy: c.matchedBy,
            tier: c.tier,
            highlight: highlights.get(c.id) ?? null,
          },
        ]
      : [];
  });
  const suggestions =
    set.unknown.length > 0 ? await suggestSpellings(deps.index, deps.papers, set.unknown) : [];
  return {
    query,
    hits,
    total: ranked.length,
    counts: { words: set.words, meaning: set.meaning },
    boundary: ranked.filter((c) => c.tier === 'words').length,
    author: author && { name: author.name, total: author.total, ids: author.ids },
    suggestions,
    facets: facetsOf(ranked, signals),
    mode: set.mode,
    notices,
  };
}

/** The words, phrases and exclusions of a parsed query. */
export function toTextQuery(q: ParsedQuery): TextQuery {
  return { words: q.words, phrases: q.phrases, excluded: q.excluded };
}

/** A query that is an arXiv id: that paper, if stored. */
async function jump(
  deps: SearchDeps,
  query: ParsedQuery,
  notices: string[],
): Promise<SearchResult> {
  const paper = await deps.papers.get(query.jumpTo as string);
  const hits: SearchHit[] = paper
    ? [{ paper, score: 1, matchedBy: 'keyword', tier: 'words', highlight: null }]
    : [];
  return {
    query,
    hits,
    total: hits.length,
    counts: {
      words: { count: hits.length, atLeast: false },
      meaning: { count: 0, atLeast: false },
    },
    boundary: hits.length,
    author: null,
    suggestions: [],
    facets: emptyFacets(),
    mode: 'lexical',
    notices,
  };
}

/** A query of filters only: the newest papers within them (MAX_RESULTS, counted beyond). */
async function filterOnly(deps: SearchDeps, query: ParsedQuery) {
  const ids = await deps.index.listFiltered(query.filters, MAX_RESULTS + 1);
  const listed = ids.slice(0, MAX_RESULTS);
  return {
    candidates: listed.map((id, i) => ({
      id,
      score: 1 - i / (listed.length + 1),
      matchedBy: 'filter' as const,
      tier: 'words' as const,
    })),
    mode: 'lexical' as const,
    known: new Map<string, PaperSignals>(),
    words: { count: listed.length, atLeast: ids.length > MAX_RESULTS },
    meaning: { count: 0, atLeast: false },
    unknown: [],
  };
}

/** The author's papers first among the word matches (they hold every word of the name). */
function authorFirst(candidates: Candidate[], ids: string[]): Candidate[] {
  if (ids.length === 0) return candidates;
  const first = new Set(ids);
  const top = Math.max(1, ...candidates.map((c) => c.score)) + 1;
  const byId = new Map(candidates.map((c) => [c.id, c]));
  return [
    ...ids.map((id, i) => ({
      id,
      score: top + (ids.length - i) * 1e-3,
      matchedBy: byId.get(id)?.matchedBy ?? ('keyword' as const),
      tier: 'words' as const,
    })),
    ...candidates.filter((c) => !first.has(c.id)),
  ];
}

/** Signals of every candidate: those the keyword side brought along, the rest read now. */
async function signalsOf(
  index: SearchIndex,
  candidates: Candidate[],
  known: Map<string, PaperSignals>,
): Promise<Map<string, PaperSignals>> {
  const missing = candidates.filter((c) => !known.has(c.id)).map((c) => c.id);
  if (missing.length === 0) return known;
  const read = await index.signals(missing);
  for (const [id, s] of known) read.set(id, s);
  return read;
}

const DAY_MS = 86_400_000;

/**
 * Orders each tier (word matches first, then meaning only): by relevance with boosts, or by the
 * chosen sort key — so "most upvoted" sorts the relevant papers only, never past the boundary.
 * Ties fall back to relevance, then id.
 */
function order(
  candidates: Candidate[],
  signals: Map<string, PaperSignals>,
  sort: SearchSort,
  deps: SearchDeps,
  query: ParsedQuery,
): Candidate[] {
  const now = deps.clock.now().getTime();
  const known = candidates.filter((c) => signals.has(c.id));
  const tierOf = (c: Candidate) => (c.tier === 'words' ? 0 : 1);
  if (sort === 'relevance') {
    const filterOnly = query.words.length === 0 && query.phrases.length === 0;
    return known
      .map((c) => {
        const s = signals.get(c.id);
        const ageDays = s?.submittedAt ? (now - Date.parse(s.submittedAt)) / DAY_MS : null;
        const extra = filterOnly ? 0 : boost({ upvotes: s?.upvotes ?? 0, ageDays }, deps.boosts);
        return { ...c, score: c.score + extra };
      })
      .sort((a, b) => tierOf(a) - tierOf(b) || byScoreThenId(a, b));
  }
  const key = (c: Candidate): string | number => {
    const s = signals.get(c.id);
    return sort === 'newest' ? (s?.submittedAt ?? '') : (s?.upvotes ?? 0);
  };
  return [...known].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    return tierOf(a) - tierOf(b) || (ka < kb ? 1 : ka > kb ? -1 : byScoreThenId(a, b));
  });
}

function facetsOf(ranked: Candidate[], signals: Map<string, PaperSignals>): Facets {
  const categories = new Map<string, number>();
  const years = new Map<string, number>();
  for (const c of ranked) {
    const s = signals.get(c.id);
    if (!s) continue;
    const primary = s.categories[0];
    if (primary) categories.set(primary, (categories.get(primary) ?? 0) + 1);
    const year = s.submittedAt?.slice(0, 4);
    if (year) years.set(year, (years.get(year) ?? 0) + 1);
  }
  const top = (m: Map<string, number>, byValue: boolean) =>
    [...m]
      .map(([value, count]) => ({ value, count }))
      .sort((a, b) =>
        byValue
          ? b.value.localeCompare(a.value)
          : b.count - a.count || a.value.localeCompare(b.value),
      )
      .slice(0, 12);
  return { categories: top(categories, false), years: top(years, true) };
}

function emptyFacets(): Facets {
  return { categories: [], years: [] };
}
