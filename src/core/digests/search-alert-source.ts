/**
 * Saved-search alerts over the search area's parts: its query language (words, "phrases",
 * -exclusions, author:/cat:/year:/from:/to: and the /search URL filters), its full-text index
 * for filters and exclusions, and its embedder and stored vectors for meaning.
 *
 * Why not `findNewMatches` as is: an alert needs (1) papers *added to this store* since the last
 * send — a paper harvested days after submission is still news once — where findNewMatches
 * selects by submission time; (2) an absolute relevance to compare with a threshold, where fused
 * search scores are min-max normalised per call; (3) ten thousand alerts against one day's
 * papers, so the window's vectors are read once and every query is scored against them.
 *
 * Relevance, in [0, 1], is the better of two absolute signals:
 *  - keyword: the share of the query's words found in the paper, weighted by where (title 1,
 *    AI keywords 0.9, abstract 0.7) — keyword-relevance.ts;
 *  - meaning: cosine similarity, calibrated so that `SEMANTIC_MATCH_SIMILARITY` (the cosine at
 *    which the search counts a meaning-only match) is 0.5 and 1.0 stays 1.0.
 * With the default threshold 0.5 a paper is in when half the query's words are in its title (or
 * all in its abstract), or when its meaning is as close as a semantic search match.
 */
import { isAppError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { Paper } from '../papers/model.ts';
import {
  hasFilters,
  mergeFilters,
  type ParsedQuery,
  parseCategory,
  parseQuery,
  type SearchFilters,
  wordsOf,
} from '../search/query.ts';
import type { SearchDeps } from '../search/search-papers.ts';
import { matchAuthorsIn } from './author-match.ts';
import { keywordScorer } from './keyword-relevance.ts';
import { type Candidate, submittedAfter, type TimeWindow } from './model.ts';
import type { AlertSource, NewPapers, QueryVectorCache } from './ports.ts';

/** Cosine at which a meaning-only match counts (findNewMatches' default). */
export const SEMANTIC_MATCH_SIMILARITY = 0.5;

/** Saved-search texts embedded per call to the model. */
const EMBED_BATCH = 256;

/** A paper waiting for its vector holds back alert windows at most this long. */
const MAX_EMBEDDING_WAIT_MS = 6 * 3_600_000;

export interface SearchAlertDeps {
  search: Pick<SearchDeps, 'index' | 'embedder' | 'vectors'>;
  newPapers: NewPapers & {
    /** The earliest creation time, at or after `since`, of a paper still waiting for a vector. */
    earliestUnembedded(since: Date): Promise<Date | null>;
  };
  /** Saved-search vectors kept per model, so a query is embedded once, not every morning. */
  queryVectors: QueryVectorCache;
  log: Logger;
}

/** What one alert window holds, read once per planning run (batches share the window). */
interface WindowData {
  key: string;
  ids: string[];
  addedAt: Map<string, string>;
  scoreWords: ReturnType<typeof keywordScorer>;
  /** The papers' vectors of the current model (papers without one match by keywords only). */
  docs: { id: string; vector: Float32Array }[];
}

export function searchAlertSource(deps: SearchAlertDeps): AlertSource {
  let last: WindowData | null = null;
  const windowData = async (window: TimeWindow): Promise<WindowData> => {
    const key = `${window.since.toISOString()}|${window.until.toISOString()}`;
    if (last?.key === key) return last;
    const added = await deps.newPapers.addedIn(window, submittedAfter(window));
    const { embedder, vectors } = deps.search;
    const docs: WindowData['docs'] = [];
    if (embedder && vectors) {
      for (const { paper } of added) {
        const v = await vectors.get(paper.id);
        if (v && v.length === embedder.dimensions) docs.push({ id: paper.id, vector: v });
      }
    }
    last = {
      key,
      ids: added.map((a) => a.paper.id),
      addedAt: new Map(added.map((a) => [a.paper.id, a.addedAt])),
      scoreWords: keywordScorer(added.map(({ paper }) => keywordDoc(paper))),
      docs,
    };
    return last;
  };
  return {
    async matchSearches(queries, window, limit) {
      const out = new Map<string, Candidate[]>();
      if (queries.length === 0) return out;
      const { ids, addedAt, scoreWords, docs } = await windowData(window);
      if (ids.length === 0) return out;
      const parsed = new Map<string, ParsedQuery>();
      for (const q of new Set(queries)) {
        try {
          parsed.set(q, toParsedQuery(q));
        } catch (error) {
          // A saved search that no longer parses (the language changed) matches nothing and
          // says so; it must not stop everyone else's alerts.
          deps.log.warn('saved search does not parse', { query: q, error });
        }
      }
      const vectors = await semanticSide(deps, docs, [...parsed.values()]);
      // Filters and exclusions go through the search index, once per distinct combination.
      const allowedBy = new Map<string, Promise<Set<string>>>();
      const allowedFor = (query: ParsedQuery) => {
        if (!hasFilters(query.filters) && query.excluded.length === 0) return null;
        const key = JSON.stringify([query.filters, query.excluded]);
        let found = allowedBy.get(key);
        if (!found) {
          found = deps.search.index
            .keepMatching(ids, query.filters, query.excluded)
            .then((kept) => new Set(kept));
          allowedBy.set(key, found);
        }
        return found;
      };
      for (const [q, query] of parsed) {
        const allowed = (await allowedFor(query)) ?? new Set(ids);
        const text = [...query.words, ...query.phrases.flat()].join(' ');
        const relevance = new Map<string, number>();
        if (text === '') {
          for (const id of allowed) relevance.set(id, 1); // a filter-only search: every match counts
        } else {
          for (const hit of scoreWords(text)) relevance.set(hit.id, hit.score);
          const sims = vectors.similarities(query);
          for (const [id, cos] of sims) {
            relevance.set(id, Math.max(relevance.get(id) ?? 0, calibrate(cos)));
          }
        }
        const hits = [...relevance]
          .filter(([id]) => allowed.has(id))
          .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
          .slice(0, limit)
          .map(([paperId, score]) => ({ paperId, score, addedAt: addedAt.get(paperId) ?? '' }));
        out.set(q, hits);
      }
      return out;
    },
    matchAuthors: (names, window, limit) => matchAuthorsIn(deps.newPapers, names, window, limit),
    async settledUntil(now) {
      if (!deps.search.embedder || !deps.search.vectors) return now;
      const waiting = await deps.newPapers.earliestUnembedded(
        new Date(now.getTime() - MAX_EMBEDDING_WAIT_MS),
      );
      return waiting && waiting < now ? waiting : now;
    },
    async validate(query) {
      toParsedQuery(query);
    },
  };
}

/** A saved search (the /search page's query string) in the search's own terms. */
export function toParsedQuery(saved: string): ParsedQuery {
  const params = new URLSearchParams(saved);
  const extra: Partial<SearchFilters> = {};
  const cat = params.get('cat') ?? params.get('category');
  if (cat) extra.categories = cat.split(',').filter(Boolean).map(parseCategory);
  const author = params.get('author');
  if (author && wordsOf(author).length > 0) extra.authors = [wordsOf(author).join(' ')];
  const year = params.get('year');
  const parsed = parseQuery(params.get('q') ?? '', extra);
  if (year) parsed.filters = mergeFilters(parsed.filters, parseQuery(`year:${year}`).filters);
  return parsed;
}

/** Cosine similarity as relevance: SEMANTIC_MATCH_SIMILARITY → 0.5, 1 → 1, linear on each side. */
export function calibrate(cos: number): number {
  const m = SEMANTIC_MATCH_SIMILARITY;
  const r = cos >= m ? 0.5 + (0.5 * (cos - m)) / (1 - m) : (0.5 * cos) / m;
  return Math.min(1, Math.max(0, r));
}

/**
 * The meaning side: every distinct query's vector from the cache (embedded and stored on first
 * use), cosine by dot product of unit vectors against the window's paper vectors.
 */
async function semanticSide(
  deps: SearchAlertDeps,
  docs: WindowData['docs'],
  queries: ParsedQuery[],
): Promise<{ similarities(q: ParsedQuery): Map<string, number> }> {
  const none = { similarities: () => new Map<string, number>() };
  const { embedder } = deps.search;
  const texts = [...new Set(queries.map((q) => q.text).filter((t) => t !== ''))];
  if (!embedder || docs.length === 0 || texts.length === 0) return none;
  const byText = await deps.queryVectors.get(embedder.modelId, texts);
  const missing = texts.filter((t) => !byText.has(t));
  try {
    for (let i = 0; i < missing.length; i += EMBED_BATCH) {
      const batch = missing.slice(i, i + EMBED_BATCH);
      const vectors = await embedder.embed(batch, 'query');
      const fresh = new Map(
        batch.flatMap((t, j) => (vectors[j] ? [[t, vectors[j]] as const] : [])),
      );
      await deps.queryVectors.put(embedder.modelId, fresh);
      for (const [t, v] of fresh) byText.set(t, v);
    }
  } catch (error) {
    if (!isAppError(error, 'model_unavailable')) throw error;
    deps.log.warn('some alerts matched by keywords only: the embedding model is unavailable', {
      error,
    });
  }
  if (byText.size === 0) return none;
  return {
    similarities(q) {
      const out = new Map<string, number>();
      const qv = byText.get(q.text);
      if (!qv) return out;
      for (const d of docs) out.set(d.id, dot(qv, d.vector));
      return out;
    },
  };
}

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] ?? 0) * (b[i] ?? 0);
  return s;
}

function keywordDoc(paper: Paper) {
  return {
    id: paper.id,
    title: paper.title,
    abstract: paper.abstract,
    keywords: paper.community.aiKeywords,
    categories: paper.categories,
  };
}
