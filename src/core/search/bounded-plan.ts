/**
 * Which words a keyword query ranks when ranking all of them would exceed a budget of rows —
 * the same choice on every engine (docs/DESIGN.md "Fast top-k without the impact index").
 * `rarest`: the rarest words whose matches together fit the budget (they carry most of BM25's
 * weight through idf); `common`: even the rarest is over budget, so the few rarest words are
 * required together, then fewer, each among its most recent `budget` matches.
 */

/** How many of the rarest words the all-common plan asks for first (then fewer). */
export const COMMON_AND = 3;

export interface BoundedPlan {
  kind: 'rarest' | 'common';
  /** The words to rank (rarest first for `common`). */
  terms: string[];
  /** Every word of the query, rarest first. */
  byRarity: string[];
}

/** The plan for words with these document frequencies, or null to rank every match exactly. */
export function boundedPlan(
  dfs: { term: string; df: number }[],
  budget: number,
): BoundedPlan | null {
  if (dfs.length === 0) return null;
  const total = dfs.reduce((sum, x) => sum + x.df, 0);
  if (total <= budget) return null;
  const sorted = [...dfs].sort((a, b) => a.df - b.df);
  const byRarity = sorted.map((x) => x.term);
  if ((sorted[0] as { df: number }).df > budget) {
    return { kind: 'common', terms: byRarity.slice(0, COMMON_AND), byRarity };
  }
  const drivers: string[] = [];
  let sum = 0;
  for (const { term, df } of sorted) {
    if (drivers.length > 0 && sum + df > budget) break;
    drivers.push(term);
    sum += df;
  }
  return { kind: 'rarest', terms: drivers, byRarity };
}

/**
 * Whether stored term statistics taken when the store reached docid `watermark` still describe
 * it at docid `top`: fewer papers added since than the budget or a quarter of the store (a
 * term's document frequency grows at most by the papers added).
 */
export function termStatsTrusted(watermark: number, top: number, budget: number): boolean {
  return top - watermark <= Math.max(budget, watermark / 4);
}
