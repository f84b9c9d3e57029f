/**
 * Baselines For you's recommenders must beat in `npm run eval:recs`: popularity (upvotes) and
 * recency (newest first). The keyword profile (BM25) is a recommender in src/core/recs.
 */
import type { EvalPaper } from './readers.ts';

export function byPopularity(candidates: EvalPaper[]): string[] {
  return [...candidates]
    .sort((a, b) => b.upvotes - a.upvotes || a.id.localeCompare(b.id))
    .map((p) => p.id);
}

export function byRecency(candidates: EvalPaper[]): string[] {
  return [...candidates]
    .sort((a, b) => b.publishedAt.localeCompare(a.publishedAt) || a.id.localeCompare(b.id))
    .map((p) => p.id);
}
