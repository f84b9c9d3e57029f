/**
 * One reader's ranking of new papers: train the recommender on their training set, score every
 * candidate, keep those not in their library or marked, best first, with relevance in [0, 1].
 * Pure and synchronous: For you, its feeds and its digest all go through here.
 */
import type { PaperFeatures } from './features.ts';
import { calibrate, type RecommenderName, type TrainingSet, train } from './recommenders.ts';

export interface RankedPaper {
  id: string;
  score: number;
  /** Share of background papers this one beats (0–1). */
  relevance: number;
}

/** Higher score first, then by id. */
function before(a: RankedPaper, b: RankedPaper): boolean {
  return b.score - a.score < 0 || (b.score === a.score && a.id.localeCompare(b.id) < 0);
}

export function rankCandidates(
  name: RecommenderName,
  set: TrainingSet,
  candidates: readonly PaperFeatures[],
  limit: number,
): RankedPaper[] {
  const scorer = train(name, set);
  const relevance = calibrate(scorer, set.background);
  const exclude = new Set([...set.positives, ...set.marked].map((p) => p.id));
  const top: RankedPaper[] = [];
  for (const c of candidates) {
    if (exclude.has(c.id)) continue;
    const score = scorer(c);
    if (top.length >= limit && score <= (top[top.length - 1] as RankedPaper).score) continue;
    // Insert after every kept paper that ranks before or level with it (a stable sort's place).
    const r = { id: c.id, score, relevance: 0 };
    let at = top.length;
    while (at > 0 && before(r, top[at - 1] as RankedPaper)) at--;
    top.splice(at, 0, r);
    if (top.length > limit) top.pop();
  }
  for (const r of top) r.relevance = relevance(r.score);
  return top;
}
