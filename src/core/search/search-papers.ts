/**
 * searchPapers: the search use case behind /search, the JSON API, feeds of saved searches and
 * alerts. Parses the query, asks the lexical and vector sides for candidates, fuses them, adds the
 * documented boosts, sorts, computes facets and returns one page of papers with highlights.
 */
import type { Clock } from '../clock.ts';
import type { Embedder } from '../embeddings/ports.ts';
import { isAppError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { Paper } from '../papers/model.ts';
import type { PaperRepo } from '../papers/ports.ts';
import {
  type BoostWeights,
  boost,
  byScoreThenId,
  type FusionMethod,
  fuse,
  type Scored,
} from './fuse.ts';
import type { Highlight, PaperSignals, SearchIndex, TextQuery, VectorIndex } from './ports.ts';
import {
  hasFilters,
  type ParsedQuery,
  parseQuery,
  type SearchFilters,
  type SearchSort,
} from './query.ts';

/** How many candidates each side contributes before fusion (also the most results a query has). */
export const CANDIDATES = 200;

export type SearchMode = 'hybrid' | 'lexical' | 'vector';
/** Why a result is listed: its words matched, its meaning matched, both, or only the filters. */
export type MatchKind = 'keyword' | 'semantic' | 'both' | 'filter';

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
  highlight: Highlight | null;
}

export interface Facets {
  categories: { value: string; count: number }[];
  years: { value: string; count: number }[];
}

export interface SearchResult {
  query: ParsedQuery;
  hits: SearchHit[];
  /** Number of results over all pages (at most CANDIDATES, or the filter limit). */
  total: number;
  facets: Facets;
  /** The mode that actually ran (hybrid falls back to lexical when the model is unavailable). */
  mode: SearchMode;
  /** Things the user should know (unbalanced quote, semantic side unavailable, …). */
  notices: string[];
}

interface Candidate extends Scored {
  matchedBy: MatchKind;
}

/** Runs a search and returns one page of results. Throws `invalid_query` for bad queries. */
export async function searchPapers(deps: SearchDeps, req: SearchRequest): Promise<SearchResult> {
  const query = typeof req.query === 'string' ? parseQuery(req.query, req.filters) : req.query;
  const notices = [...query.notices];
  const sort = req.sort ?? 'relevance';
  if (query.jumpTo) {
    const paper = await deps.papers.get(query.jumpTo);
    const hits: SearchHit[] = paper
      ? [{ paper, score: 1, matchedBy: 'keyword', highlight: null }]
      : [];
    return { query, hits, total: hits.length, facets: emptyFacets(), mode: 'lexical', notices };
  }
  const { candidates, mode, known } = await findCandidates(
    deps,
    query,
    req.mode ?? 'hybrid',
    notices,
  );
  const signals = await signalsOf(deps.index, candidates, known);
  const ranked = order(candidates, signals, sort, deps, query);
  const offset = req.offset ?? 0;
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
      ? [{ paper, score: c.score, matchedBy: c.matchedBy, highlight: highlights.get(c.id) ?? null }]
      : [];
  });
  return {
    query,
    hits,
    total: ranked.length,
    facets: facetsOf(ranked, signals),
    mode,
    notices,
  };
}

/** The words, phrases and exclusions of a parsed query. */
export function toTextQuery(q: ParsedQuery): TextQuery {
  return { words: q.words, phrases: q.phrases, excluded: q.excluded };
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

async function findCandidates(
  deps: SearchDeps,
  query: ParsedQuery,
  wanted: SearchMode,
  notices: string[],
): Promise<{ candidates: Candidate[]; mode: SearchMode; known: Map<string, PaperSignals> }> {
  const textQuery = toTextQuery(query);
  if (query.words.length === 0 && query.phrases.length === 0) {
    const ids = await deps.index.listFiltered(query.filters, CANDIDATES);
    return {
      candidates: ids.map((id, i) => ({
        id,
        score: 1 - i / (ids.length + 1),
        matchedBy: 'filter',
      })),
      mode: 'lexical',
      known: new Map(),
    };
  }
  const lexical =
    wanted === 'vector' ? [] : await deps.index.searchText(textQuery, query.filters, CANDIDATES);
  const known = new Map<string, PaperSignals>();
  for (const h of lexical) if (h.signals) known.set(h.id, h.signals);
  const queryVector = wanted === 'lexical' ? null : await embedQuery(deps, query.text, notices);
  if (!queryVector || !deps.vectors) {
    return {
      candidates: lexical.map((h) => ({ id: h.id, score: h.score, matchedBy: 'keyword' })),
      mode: 'lexical',
      known,
    };
  }
  const semantic = await semanticCandidates(deps.vectors, deps.index, query, queryVector, lexical);
  if (wanted === 'vector') {
    return {
      candidates: semantic
        .map((h) => ({ ...h, matchedBy: 'semantic' as const }))
        .sort(byScoreThenId),
      mode: 'vector',
      known,
    };
  }
  const lexicalIds = new Set(lexical.map((h) => h.id));
  const fused = fuse(lexical, semantic, deps.fusion).slice(0, CANDIDATES);
  return {
    candidates: fused.map((f) => ({
      id: f.id,
      score: f.score,
      matchedBy: !lexicalIds.has(f.id) ? 'semantic' : isNear(f) ? 'both' : 'keyword',
    })),
    mode: 'hybrid',
    known,
  };
}

/** A keyword hit whose meaning is also close: in the upper half of the vector side. */
function isNear(f: { vector: number | null }): boolean {
  return f.vector !== null && f.vector >= 0.5;
}

/**
 * The vector side: nearest neighbours (phrases demand their words, so with phrases the vector
 * side only re-ranks keyword hits), filtered like the lexical side, plus the exact similarity of
 * every keyword hit so fusion compares like with like.
 */
async function semanticCandidates(
  vectors: VectorIndex,
  index: SearchIndex,
  query: ParsedQuery,
  queryVector: Float32Array,
  lexical: Scored[],
): Promise<Scored[]> {
  let near: Scored[] = [];
  if (query.phrases.length === 0) {
    const restricted = hasFilters(query.filters) || query.excluded.length > 0;
    const raw = await vectors.search(queryVector, restricted ? CANDIDATES * 5 : CANDIDATES);
    const kept = restricted
      ? new Set(
          await index.keepMatching(
            raw.map((h) => h.id),
            query.filters,
            query.excluded,
          ),
        )
      : null;
    near = (kept ? raw.filter((h) => kept.has(h.id)) : raw).slice(0, CANDIDATES);
  }
  const seen = new Set(near.map((h) => h.id));
  const missing = lexical.filter((h) => !seen.has(h.id)).map((h) => h.id);
  const sims = missing.length > 0 ? await vectors.similarity(queryVector, missing) : new Map();
  return [...near, ...[...sims].map(([id, score]) => ({ id, score }))];
}

async function embedQuery(
  deps: SearchDeps,
  text: string,
  notices: string[],
): Promise<Float32Array | null> {
  if (!deps.embedder || !deps.vectors || text.trim() === '') return null;
  try {
    const [vector] = await deps.embedder.embed([text], 'query');
    return vector ?? null;
  } catch (error) {
    if (!isAppError(error, 'model_unavailable')) throw error;
    deps.log.warn('semantic search unavailable', { error });
    notices.push('Semantic search is unavailable right now; these are keyword matches only.');
    return null;
  }
}

const DAY_MS = 86_400_000;

/** Applies boosts (relevance) or the chosen sort key; ties fall back to relevance, then id. */
function order(
  candidates: Candidate[],
  signals: Map<string, PaperSignals>,
  sort: SearchSort,
  deps: SearchDeps,
  query: ParsedQuery,
): Candidate[] {
  const now = deps.clock.now().getTime();
  const known = candidates.filter((c) => signals.has(c.id));
  if (sort === 'relevance') {
    const filterOnly = query.words.length === 0 && query.phrases.length === 0;
    return known
      .map((c) => {
        const s = signals.get(c.id);
        const ageDays = s?.submittedAt ? (now - Date.parse(s.submittedAt)) / DAY_MS : null;
        const extra = filterOnly ? 0 : boost({ upvotes: s?.upvotes ?? 0, ageDays }, deps.boosts);
        return { ...c, score: c.score + extra };
      })
      .sort(byScoreThenId);
  }
  const key = (c: Candidate): string | number => {
    const s = signals.get(c.id);
    return sort === 'newest' ? (s?.submittedAt ?? '') : (s?.upvotes ?? 0);
  };
  return [...known].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    return ka < kb ? 1 : ka > kb ? -1 : byScoreThenId(a, b);
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
