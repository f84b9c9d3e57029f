/**
 * Key-term bits and weights of a keyword query, the same on every engine: which bit stands for
 * which key term (MATCH_BITS), how many times a weighted term counts in BM25, and the tally of
 * matching papers by bits that relevance.ts reads. The search adapters only find the matches.
 */
import { MATCH_BITS, type TextQuery } from './ports.ts';

/** The tally bit of each key term (bit i for the i-th; none past MATCH_BITS). */
export function termBits(terms: string[]): number[] {
  return terms.map((_, i) => (i < MATCH_BITS ? 1 << i : 0));
}

/** Every key term's bit: a paper whose title holds the whole query holds them all. */
export function allBits(bits: number[]): number {
  return bits.reduce((m, b) => m | b, 0);
}

/**
 * How many times each term counts in BM25: its whole-number weight, at least 1 (a term of
 * weight n adds n times its score, as if typed n times).
 */
export function timesOf(query: TextQuery): (term: string) => number {
  const weights = query.weights;
  return weights ? (t) => Math.max(1, Math.round(weights.get(t) ?? 1)) : () => 1;
}

/** Counts of papers by bits. */
export function tallyOf(masks: Iterable<number>): Map<number, number> {
  const counts = new Map<number, number>();
  for (const m of masks) counts.set(m, (counts.get(m) ?? 0) + 1);
  return counts;
}
