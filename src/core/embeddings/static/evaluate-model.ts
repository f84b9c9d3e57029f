/**
 * How a model is judged on an instance's own papers: a fixed held-out slice (chosen by a hash of
 * the paper id, so it never changes as papers arrive and is never trained on), and title → own
 * abstract retrieval among the slice's abstracts, scored by MRR@10.
 */

import { reciprocalRankAt, topK } from './metrics.ts';
import { StaticEncoder, type StaticModel } from './model.ts';
import { hashString } from './random.ts';
import type { TrainingPaper } from './training-pairs.ts';

/** One paper in 50 is held out. */
const HELD_OUT_MODULUS = 50;
const HELD_OUT_SEED = 7;

/** True for papers in the held-out slice (about 2%, stable per id). */
export function isHeldOut(id: string): boolean {
  return hashString(id, HELD_OUT_SEED) % HELD_OUT_MODULUS === 0;
}

/** Splits papers into training papers and the held-out slice. */
export function splitHeldOut<T extends { id: string }>(
  papers: readonly T[],
): { train: T[]; heldOut: T[] } {
  const train: T[] = [];
  const heldOut: T[] = [];
  for (const p of papers) (isHeldOut(p.id) ? heldOut : train).push(p);
  return { train, heldOut };
}

/**
 * Mean reciprocal rank (cut at 10) of each paper's own abstract when its title is the query and
 * all the given papers' abstracts are the candidates. 0 for fewer than two papers.
 */
export function titleToAbstractMrr(model: StaticModel, papers: readonly TrainingPaper[]): number {
  const ranks = titleToAbstractRanks(model, papers);
  return ranks.length === 0 ? 0 : ranks.reduce((a, b) => a + b, 0) / ranks.length;
}

/**
 * Each paper's reciprocal rank (cut at 10) of its own abstract for its title, in the order given
 * (paired scores for comparing two models, switch-rule.ts). Empty for fewer than two papers.
 */
export function titleToAbstractRanks(
  model: StaticModel,
  papers: readonly TrainingPaper[],
): number[] {
  if (papers.length < 2) return [];
  const encoder = new StaticEncoder(model);
  const dim = encoder.dim;
  const abstracts = new Float32Array(papers.length * dim);
  papers.forEach((p, i) => {
    abstracts.set(encoder.embed(p.abstract), i * dim);
  });
  return papers.map((p, i) => {
    const top = topK(encoder.embed(p.title), abstracts, dim, 10);
    return reciprocalRankAt(
      10,
      top.map((t) => String(t.index)),
      String(i),
    );
  });
}
