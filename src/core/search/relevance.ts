/**
 * The relevance cut-off of search: when does a paper "match your words"? Ranking alone never
 * says no (BM25 scores any paper holding any word), so counts were meaningless and nonsense found
 * 200 papers. Here a paper matches when it holds the query's key terms that carry enough of the
 * query's weight (idf): all of them for one or two terms, the rare ones for three, and a share
 * that falls with the query's length (a sentence need not be matched word for word). Pure, so
 * every engine counts the same and property tests check it (relevance.test.ts).
 */
import { idf, type TermStats } from './key-terms.ts';
import { MATCH_BITS, type MatchTally } from './ports.ts';

export interface WordRule {
  /** The query's key terms (bit i = terms[i]). */
  terms: string[];
  /** Each term's weight: its idf in this store (0 for words no paper holds). */
  weights: number[];
  /** Words no paper holds (shown, with spelling suggestions). */
  unknown: string[];
  /** Share of the total weight a paper must hold. */
  share: number;
  /** Total weight of the known terms. */
  total: number;
}

/**
 * How much of a query's weight a paper must hold, by its number of known key terms: all of one
 * or two, 0.9 of three, 0.8 of four (the rare ones, in effect). A longer query is a sentence whose
 * words are not all needed: from five terms on, a paper must hold `relative` of what the best
 * matching paper holds (but never more than the short-query share for its length).
 */
export function requiredShare(known: number, best: number, relative = DEFAULT_RELATIVE): number {
  if (known <= 2) return 1;
  const short = Math.max(0.5, 1 - 0.1 * (known - 2));
  return known <= SHORT_QUERY_TERMS ? short : Math.min(short, relative * best);
}

/** Queries of at most this many known key terms are keyword queries (an absolute share). */
export const SHORT_QUERY_TERMS = 4;
/**
 * A long query's match holds at least this share of what the best match holds. Chosen by `npm
 * run eval -- --relative-shares`: on SciFact's train split 0.3–0.5 tie (nDCG@10 0.708); on CACM
 * (no split) 0.3 gives 0.469 against 0.449 at 0.5, and no lower share than 0.3 was tried.
 */
export const DEFAULT_RELATIVE = 0.3;

/** The terms no paper in the store holds. */
export function unknownTerms(terms: string[], stats: TermStats): string[] {
  return terms.filter((t) => (stats.words.get(t)?.df ?? 0) === 0);
}

/**
 * The rule for `terms` (keyTerms of the query) given the index's statistics and its tally of
 * the matches. Terms in half the papers or more have no idf; when every known term is that
 * common, each counts 1.
 */
export function wordRule(
  terms: string[],
  stats: TermStats,
  tally: MatchTally,
  relative = DEFAULT_RELATIVE,
): WordRule {
  const counted = terms.slice(0, MATCH_BITS);
  const dfs = counted.map((t) => stats.words.get(t)?.df ?? 0);
  const unknown = unknownTerms(terms, stats);
  let weights = dfs.map((df) => (df > 0 ? idf(stats.documents, df) : 0));
  if (weights.every((w) => w === 0)) weights = dfs.map((df) => (df > 0 ? 1 : 0));
  const known = weights.filter((w) => w > 0).length;
  const total = weights.reduce((a, b) => a + b, 0);
  const rule: WordRule = { terms: counted, weights, unknown, share: 1, total };
  let best = 0;
  for (const mask of tally.counts.keys()) best = Math.max(best, coverage(rule, mask));
  rule.share = requiredShare(known, best, relative);
  return rule;
}

/** Share of the query's weight that a paper holding the terms of `mask` holds. */
export function coverage(rule: WordRule, mask: number): number {
  if (rule.total <= 0) return 0;
  let held = 0;
  rule.weights.forEach((w, i) => {
    if (mask & (1 << i)) held += w;
  });
  return held / rule.total;
}

/** Whether a paper holding the terms of `mask` matches the words (a little slack for rounding). */
export function matchesWords(rule: WordRule, mask: number): boolean {
  return rule.total > 0 && coverage(rule, mask) >= rule.share - 1e-9;
}

/** How many papers match the words: exact, or a lower bound when the tally is incomplete. */
export function countWordMatches(
  rule: WordRule,
  tally: MatchTally,
): { count: number; atLeast: boolean } {
  let count = 0;
  for (const [mask, n] of tally.counts) if (matchesWords(rule, mask)) count += n;
  return { count, atLeast: !tally.complete };
}
