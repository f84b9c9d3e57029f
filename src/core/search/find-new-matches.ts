/**
 * findNewMatches: papers submitted since a time that match a saved search, each with a relevance
 * score — for saved-search alerts (email) and feeds. Keyword hits always count; papers that only
 * match by meaning count when their cosine similarity reaches `minSimilarity`. The candidate set
 * (papers since a day) is small, so the semantic side is exact, not approximate.
 */
import { isAppError } from '../errors.ts';
import type { Paper } from '../papers/model.ts';
import { byScoreThenId, fuse } from './fuse.ts';
import { mergeFilters, type ParsedQuery, parseQuery, type SearchFilters } from './query.ts';
import { type MatchKind, type SearchDeps, toTextQuery } from './search-papers.ts';

/** Most recent papers compared by meaning per call. */
const MAX_RECENT = 5000;

export interface NewMatchesRequest {
  query: string | ParsedQuery;
  filters?: Partial<SearchFilters>;
  /** ISO instant: only papers first submitted at or after it. */
  since: string;
  limit: number;
  /** Cosine similarity a meaning-only match needs (default 0.5; model dependent). */
  minSimilarity?: number;
}

export interface NewMatch {
  paper: Paper;
  /** Fused relevance, higher is better (comparable within one call only). */
  score: number;
  matchedBy: MatchKind;
}

/** Matching papers submitted since `since`, most relevant first. Throws `invalid_query`. */
export async function findNewMatches(
  deps: SearchDeps,
  req: NewMatchesRequest,
): Promise<NewMatch[]> {
  const parsed = typeof req.query === 'string' ? parseQuery(req.query) : req.query;
  const filters = mergeFilters(parsed.filters, { ...req.filters, from: req.since.slice(0, 10) });
  const hasText = parsed.words.length + parsed.phrases.length > 0;
  const lexical = hasText
    ? await deps.index.searchText(toTextQuery(parsed), filters, MAX_RECENT)
    : (await deps.index.listFiltered(filters, MAX_RECENT)).map((id) => ({ id, score: 1 }));
  let semantic: { id: string; score: number }[] = [];
  if (hasText && parsed.phrases.length === 0 && deps.embedder && deps.vectors) {
    try {
      const [vector] = await deps.embedder.embed([parsed.text], 'query');
      const recent = await deps.index.keepMatching(
        await deps.index.listFiltered(filters, MAX_RECENT),
        filters,
        parsed.excluded,
      );
      const sims = vector
        ? await deps.vectors.similarity(vector, recent)
        : new Map<string, number>();
      const min = req.minSimilarity ?? 0.5;
      semantic = [...sims].filter(([, s]) => s >= min).map(([id, score]) => ({ id, score }));
    } catch (error) {
      if (!isAppError(error, 'model_unavailable')) throw error;
      deps.log.warn('alert matching without semantic side', { error });
    }
  }
  const lexicalIds = new Set(lexical.map((h) => h.id));
  const semanticIds = new Set(semantic.map((h) => h.id));
  const fused = fuse(lexical, semantic, deps.fusion).sort(byScoreThenId);
  const signals = await deps.index.signals(fused.map((f) => f.id));
  const since = Date.parse(req.since);
  const kept = fused
    .filter((f) => {
      const at = signals.get(f.id)?.submittedAt;
      return at !== null && at !== undefined && Date.parse(at) >= since;
    })
    .slice(0, req.limit);
  const papers = new Map((await deps.papers.getMany(kept.map((f) => f.id))).map((p) => [p.id, p]));
  return kept.flatMap((f) => {
    const paper = papers.get(f.id);
    if (!paper) return [];
    const kind: MatchKind = lexicalIds.has(f.id)
      ? semanticIds.has(f.id)
        ? 'both'
        : hasText
          ? 'keyword'
          : 'filter'
      : 'semantic';
    return [{ paper, score: f.score, matchedBy: kind }];
  });
}
