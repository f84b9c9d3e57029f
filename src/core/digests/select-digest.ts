/**
 * Choosing a digest's papers from a source's candidates: best first, never a paper the address
 * already got, only papers new since the subscription's cursor, and (alerts) only above the
 * relevance threshold.
 */
import type { Candidate, DigestPick } from './model.ts';

export interface SelectOptions {
  /** At most this many papers. */
  limit: number;
  /** Alerts: leave out papers scoring below this (relevance, 0–1). */
  minScore?: number;
  /** Alerts: leave out papers added to the store before this instant (ISO). */
  addedSince?: string;
}

/** The picks for one digest; `sent` holds the paper ids the address already received. */
export function selectPicks(
  candidates: readonly Candidate[],
  sent: ReadonlySet<string>,
  options: SelectOptions,
): DigestPick[] {
  const seen = new Set<string>();
  const eligible: Candidate[] = [];
  for (const c of candidates) {
    if (seen.has(c.paperId) || sent.has(c.paperId)) continue;
    if (options.minScore !== undefined && !(c.score >= options.minScore)) continue;
    if (options.addedSince !== undefined && c.addedAt < options.addedSince) continue;
    seen.add(c.paperId);
    eligible.push(c);
  }
  // Stable: equal scores keep the source's order.
  eligible.sort((a, b) => b.score - a.score);
  return eligible.slice(0, options.limit).map((c) => ({ paperId: c.paperId, score: c.score }));
}
