/**
 * The candidates of a search, in two tiers with a visible boundary: papers that match the words
 * (relevance.ts decides what "match" means, the index tallies every match, so the count is true)
 * and, after them, papers that do not but are close in meaning (cosine at or above the model's
 * calibrated threshold, meaning-thresholds.ts). Everything else is left out: nonsense finds
 * nothing. Within the word tier a known author's papers come first, then fused relevance.
 */
import { isAppError } from '../errors.ts';
import { byScoreThenId, type FusionMethod, fuse, type Scored } from './fuse.ts';
import type { TermStats } from './key-terms.ts';
import { type Feedback, feedbackOn, feedbackVector, MEANING_FEEDBACK } from './meaning-feedback.ts';
import type { PaperSignals, SearchIndex, TextHit, VectorIndex } from './ports.ts';
import { hasFilters, type ParsedQuery } from './query.ts';
import {
  countWordMatches,
  DEFAULT_RELATIVE,
  matchesWords,
  unknownTerms,
  wordRule,
} from './relevance.ts';
import { keyTerms } from './stopwords.ts';

/** How many candidates each side contributes to fusion. */
export const CANDIDATES = 200;
/** Deepest a result list goes (deeper word matches are counted, as "1,000+" at most shown). */
export const MAX_RESULTS = 1000;

export type SearchMode = 'hybrid' | 'lexical' | 'vector';
/** Why a result is listed: its words matched, its meaning matched, both, or only the filters. */
export type MatchKind = 'keyword' | 'semantic' | 'both' | 'filter';
/** Which side of the boundary a result is on. */
export type Tier = 'words' | 'meaning';

export interface Candidate extends Scored {
  matchedBy: MatchKind;
  tier: Tier;
}

/** A count that is exact, or a lower bound ("1,000+"). */
export interface Count {
  count: number;
  atLeast: boolean;
}

export interface CandidateSet {
  /** Word matches (relevance order), then meaning-only matches. */
  candidates: Candidate[];
  mode: SearchMode;
  /** Signals the keyword side brought along. */
  known: Map<string, PaperSignals>;
  /** Papers that match the words (all of them, not only those listed). */
  words: Count;
  /** Papers close in meaning that do not match the words. */
  meaning: Count;
  /** Query words that no paper holds. */
  unknown: string[];
}

export interface CandidateDeps {
  index: SearchIndex;
  vectors: VectorIndex | null;
  fusion: FusionMethod;
  /** Cosine at or above which a paper is close in meaning (model dependent). */
  meaningThreshold: number;
  /** Evaluation only: a long query's match holds this share of what the best match holds. */
  relativeShare?: number;
  /** Evaluation only: false lists every keyword hit and every vector neighbour (no cut-off). */
  cutoff?: boolean;
  /** Papers holding only some of the words go below the boundary (true) or are left out. */
  partial?: boolean;
  /**
   * Pseudo-relevance feedback on the meaning side (meaning-feedback.ts); absent: the shipped
   * default (on for meaning-only searches, off in hybrid), `{ docs: 0 }` turns it off.
   */
  feedback?: Feedback;
}

/** Finds and tiers the candidates; `depth` is how many word matches to list (≤ MAX_RESULTS). */
export async function findCandidates(
  deps: CandidateDeps,
  query: ParsedQuery,
  wanted: SearchMode,
  queryVector: () => Promise<Float32Array | null>,
  depth: number,
): Promise<CandidateSet> {
  const textQuery = { words: query.words, phrases: query.phrases, excluded: query.excluded };
  const terms = keyTerms(query.words);
  const cut = deps.cutoff !== false;
  const feedback = deps.feedback ?? (wanted === 'vector' ? MEANING_FEEDBACK : undefined);
  // Independent reads together (on PostgreSQL, each on its own connection): the words' counts,
  // the keyword side, and — once the counts show the query is no nonsense — the query vector and,
  // when feedback does not move it towards the keyword hits, its nearest neighbours.
  const statsRead =
    terms.length > 0
      ? deps.index.termStats(terms)
      : Promise.resolve<TermStats>({ documents: 0, words: new Map() });
  const [stats, found, meaning] = await Promise.all([
    statsRead,
    deps.index.matchText(textQuery, query.filters, Math.max(depth, CANDIDATES)),
    statsRead.then(async (s) => {
      if (wanted === 'lexical' || (cut && isNonsense(query, terms, s))) return null;
      const vector = await queryVector();
      if (!vector || !deps.vectors || feedbackOn(feedback)) return { vector, near: null };
      return { vector, near: await nearest(deps, query, vector) };
    }),
  ]);
  const rule = wordRule(terms, stats, found.tally, deps.relativeShare ?? DEFAULT_RELATIVE);
  const inWords = (h: TextHit) => !cut || terms.length === 0 || matchesWords(rule, h.matched ?? 0);
  const known = new Map<string, PaperSignals>();
  for (const h of found.hits) if (h.signals) known.set(h.id, h.signals);
  const words =
    terms.length > 0
      ? countWordMatches(rule, found.tally)
      : { count: sum(found.tally.counts.values()), atLeast: !found.tally.complete };
  const matching = found.hits.filter(inWords);
  const partial = deps.partial !== false;
  const some = partial ? found.hits.filter((h) => !inWords(h)) : [];
  const someCount = partial
    ? countPartial(found.tally.counts, (m) => terms.length === 0 || matchesWords(rule, m))
    : 0;
  const lexical = found.hits.slice(0, CANDIDATES);
  const nonsense = cut && isNonsense(query, terms, stats);
  const vector = meaning?.vector ?? null;
  if (!vector || !deps.vectors) {
    return {
      candidates: [
        ...matching.map((h) => ({ ...h, matchedBy: 'keyword' as const, tier: 'words' as const })),
        ...some.map((h) => ({ ...h, matchedBy: 'keyword' as const, tier: 'meaning' as const })),
      ],
      mode: nonsense && wanted !== 'lexical' ? wanted : 'lexical',
      known,
      words,
      meaning: { count: someCount, atLeast: !found.tally.complete && someCount > 0 },
      unknown: rule.unknown,
    };
  }
  const { scored, saturated, cosine } = await semanticSide(
    deps,
    query,
    vector,
    lexical,
    feedback,
    meaning?.near ?? null,
  );
  const close = (id: string) => !cut || (cosine.get(id) ?? -1) >= deps.meaningThreshold;
  const ranked =
    wanted === 'vector'
      ? [...scored].sort(byScoreThenId).map((h) => ({ ...h, vector: h.score }))
      : fuse(lexical, scored, deps.fusion);
  const wordIds = new Set(matching.map((h) => h.id));
  const kind = (id: string): MatchKind =>
    !wordIds.has(id) ? 'semantic' : close(id) ? 'both' : 'keyword';
  const first: Candidate[] = ranked
    .filter((f) => wordIds.has(f.id))
    .map((f) => ({ id: f.id, score: f.score, matchedBy: kind(f.id), tier: 'words' }));
  // Word matches deeper than fusion looked, in BM25 order, below the fused ones.
  const listed = new Set(first.map((c) => c.id));
  const floor = Math.min(0, ...first.map((c) => c.score));
  for (const h of matching) {
    if (listed.has(h.id)) continue;
    first.push({
      id: h.id,
      score: floor - 1 + h.score * 1e-9,
      matchedBy: 'keyword',
      tier: 'words',
    });
  }
  const someIds = new Set(some.map((h) => h.id));
  const meaningOnly: Candidate[] = ranked
    .filter((f) => !wordIds.has(f.id) && (close(f.id) || someIds.has(f.id)))
    .map((f) => ({
      id: f.id,
      score: f.score,
      matchedBy: someIds.has(f.id) ? (close(f.id) ? 'both' : 'keyword') : 'semantic',
      tier: 'meaning',
    }));
  const closeOnly = meaningOnly.filter((c) => !someIds.has(c.id)).length;
  return {
    candidates: [...first, ...meaningOnly],
    mode: wanted === 'vector' ? 'vector' : 'hybrid',
    known,
    words,
    meaning: {
      count: someCount + closeOnly,
      atLeast: (saturated && closeOnly > 0) || (!found.tally.complete && someCount > 0),
    },
    unknown: rule.unknown,
  };
}

/**
 * Words no paper holds, and nothing else (no phrase, no filter): nonsense or misspellings. Every
 * text has nearest neighbours, so meaning would list something for anything; the helpful page
 * (spelling suggestions) serves better than papers close to noise.
 */
function isNonsense(query: ParsedQuery, terms: string[], stats: TermStats): boolean {
  return (
    terms.length > 0 &&
    query.phrases.length === 0 &&
    unknownTerms(terms, stats).length === terms.length &&
    !hasFilters(query.filters)
  );
}

/**
 * The nearest neighbours of `ranking`, filtered like the lexical side; none with phrases (a
 * phrase is a requirement, so the vector side only re-scores keyword hits).
 */
async function nearest(
  deps: CandidateDeps,
  query: ParsedQuery,
  ranking: Float32Array,
): Promise<Scored[]> {
  if (query.phrases.length > 0) return [];
  const vectors = deps.vectors as VectorIndex;
  const restricted = hasFilters(query.filters) || query.excluded.length > 0;
  const raw = await vectors.search(ranking, restricted ? CANDIDATES * 5 : CANDIDATES);
  const kept = restricted
    ? new Set(
        await deps.index.keepMatching(
          raw.map((h) => h.id),
          query.filters,
          query.excluded,
        ),
      )
    : null;
  return (kept ? raw.filter((h) => kept.has(h.id)) : raw).slice(0, CANDIDATES);
}

/**
 * The vector side: nearest neighbours (`found` when already read for the query vector itself),
 * plus the exact similarity of every keyword hit so fusion compares like with like.
 * `saturated`: the nearest neighbours all passed the threshold, so more may exist.
 */
async function semanticSide(
  deps: CandidateDeps,
  query: ParsedQuery,
  queryVector: Float32Array,
  lexical: Scored[],
  feedback: Feedback | undefined,
  found: Scored[] | null,
): Promise<{ scored: Scored[]; saturated: boolean; cosine: Map<string, number> }> {
  const vectors = deps.vectors as VectorIndex;
  const ranking = found
    ? queryVector
    : await feedbackVector(vectors, queryVector, lexical, feedback);
  const near = found ?? (await nearest(deps, query, ranking));
  const seen = new Set(near.map((h) => h.id));
  const missing = lexical.filter((h) => !seen.has(h.id)).map((h) => h.id);
  const sims = missing.length > 0 ? await vectors.similarity(ranking, missing) : new Map();
  const scored = [...near, ...[...sims].map(([id, score]) => ({ id, score }))];
  const cosine =
    ranking === queryVector
      ? new Map(scored.map((h) => [h.id, h.score]))
      : await vectors.similarity(
          queryVector,
          scored.map((h) => h.id),
        );
  const saturated =
    near.length >= CANDIDATES &&
    near.every((h) => (cosine.get(h.id) ?? -1) >= deps.meaningThreshold);
  return { scored, saturated, cosine };
}

/** The query vector, or null (and a notice) when the model is unavailable. */
export async function embedQueryText(
  embedder: { embed(texts: string[], kind: 'query'): Promise<Float32Array[]> } | null,
  text: string,
  onUnavailable: (error: unknown) => void,
): Promise<Float32Array | null> {
  if (!embedder || text.trim() === '') return null;
  try {
    const [vector] = await embedder.embed([text], 'query');
    return vector ?? null;
  } catch (error) {
    if (!isAppError(error, 'model_unavailable')) throw error;
    onUnavailable(error);
    return null;
  }
}

/** Papers in the tally that hold some key term but do not match the words. */
function countPartial(counts: Map<number, number>, matches: (mask: number) => boolean): number {
  let n = 0;
  for (const [mask, c] of counts) if (mask !== 0 && !matches(mask)) n += c;
  return n;
}

function sum(xs: Iterable<number>): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}
