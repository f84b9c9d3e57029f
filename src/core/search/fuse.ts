/**
 * Hybrid fusion: merges a lexical (BM25) ranking and a vector (cosine) ranking into one. Pure and
 * synchronous so it can be property-tested against a brute-force reference (fuse.test.ts).
 * Which method and weight ship was decided by `npm run eval` (see docs/benchmarks/relevance.md).
 */

/** One ranked result: higher score is better. */
export interface Scored {
  id: string;
  score: number;
}

/**
 * How to fuse.
 * - `linear`: min-max normalise each side over its own list to [0, 1] (a missing side counts 0),
 *   then `(1 - weight) * lexical + weight * vector`. weight 0 = lexical only, 1 = vector only.
 * - `rrf`: reciprocal rank fusion, `Σ 1 / (k + rank)` over the lists a result is in (rank from 1).
 */
export type FusionMethod = { kind: 'linear'; weight: number } | { kind: 'rrf'; k: number };

/** A fused result with what each side contributed (for why-it-matched hints). */
export interface Fused {
  id: string;
  score: number;
  /** Normalised lexical score in [0, 1], or null when the lexical side did not return it. */
  lexical: number | null;
  /** Normalised vector score in [0, 1], or null when the vector side did not return it. */
  vector: number | null;
}

/**
 * Fuses two rankings. Each input is any order of distinct ids; the output holds every id of
 * either list once, best first; ties are broken by id so the order is deterministic.
 */
export function fuse(lexical: Scored[], vector: Scored[], method: FusionMethod): Fused[] {
  const lex = method.kind === 'rrf' ? rrfScores(lexical, method.k) : minMax(lexical);
  const vec = method.kind === 'rrf' ? rrfScores(vector, method.k) : minMax(vector);
  const ids = new Set<string>([...lex.keys(), ...vec.keys()]);
  const out: Fused[] = [];
  for (const id of ids) {
    const l = lex.get(id) ?? null;
    const v = vec.get(id) ?? null;
    const score =
      method.kind === 'rrf'
        ? (l ?? 0) + (v ?? 0)
        : (1 - method.weight) * (l ?? 0) + method.weight * (v ?? 0);
    out.push({ id, score, lexical: l, vector: v });
  }
  return out.sort(byScoreThenId);
}

/** Best first; equal scores by id, so results never depend on input order. */
export function byScoreThenId(a: { id: string; score: number }, b: { id: string; score: number }) {
  return b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Scores scaled to [0, 1] over the list (all equal → all 1). */
export function minMax(list: Scored[]): Map<string, number> {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const r of list) {
    if (r.score < lo) lo = r.score;
    if (r.score > hi) hi = r.score;
  }
  const span = hi - lo;
  return new Map(list.map((r) => [r.id, span > 0 ? (r.score - lo) / span : 1]));
}

/** 1 / (k + rank) by position after sorting best first. */
function rrfScores(list: Scored[], k: number): Map<string, number> {
  const sorted = [...list].sort(byScoreThenId);
  return new Map(sorted.map((r, i) => [r.id, 1 / (k + i + 1)]));
}

/** Signals used by the documented boosts (see boost()). */
export interface BoostSignals {
  upvotes: number;
  /** Age of the paper in days (0 = today), or null when its date is unknown. */
  ageDays: number | null;
}

/** Strength of each boost; 0 turns it off. */
export interface BoostWeights {
  /** Added for popular papers, scaled by min(1, log10(1 + upvotes) / 3): 1000 upvotes get all of it. */
  upvotes: number;
  /** Added for brand-new papers, halving every `halfLifeDays`. */
  recency: number;
  halfLifeDays: number;
}

/** Shipped boosts: small enough to reorder near-ties only (fused scores span [0, 1]). */
export const DEFAULT_BOOSTS: BoostWeights = { upvotes: 0.03, recency: 0.02, halfLifeDays: 180 };

/**
 * The boost added to a fused score:
 *   upvotes · min(1, log10(1 + upvotes) / 3) + recency · 0.5^(ageDays / halfLifeDays)
 */
export function boost(signals: BoostSignals, w: BoostWeights): number {
  const votes = w.upvotes * Math.min(1, Math.log10(1 + Math.max(0, signals.upvotes)) / 3);
  const age = signals.ageDays === null ? null : Math.max(0, signals.ageDays);
  const fresh = age === null ? 0 : w.recency * 0.5 ** (age / w.halfLifeDays);
  return votes + fresh;
}
