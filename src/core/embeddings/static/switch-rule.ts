/**
 * When a retrained static model replaces the current one: a gain that is not noise. The two
 * models are scored on the same held-out papers (paired), and the candidate must win by at least
 * MIN_GAIN MRR@10 with a paired bootstrap 95% interval of the gain above zero. A +0.0016 on 1,342
 * pairs (seen before this rule) re-embedded a whole store for nothing.
 */
import { Rng } from './random.ts';

/** Smallest mean gain in MRR@10 worth a re-embedding of the store. */
export const MIN_GAIN = 0.01;
/** Bootstrap resamples (fixed seed: the same scores always give the same decision). */
const RESAMPLES = 2000;
const SEED = 14;

export interface SwitchDecision {
  switch: boolean;
  /** Mean of candidate − current over the papers. */
  gain: number;
  /** 2.5th and 97.5th percentiles of the resampled mean gain. */
  low: number;
  high: number;
}

/**
 * The decision for paired per-paper scores (reciprocal ranks; same length, same order).
 * No papers: no switch.
 */
export function switchDecision(candidate: number[], current: number[]): SwitchDecision {
  const n = Math.min(candidate.length, current.length);
  if (n === 0) return { switch: false, gain: 0, low: 0, high: 0 };
  const diffs = Array.from({ length: n }, (_, i) => (candidate[i] ?? 0) - (current[i] ?? 0));
  const gain = diffs.reduce((a, b) => a + b, 0) / n;
  const rng = new Rng(SEED);
  const means: number[] = [];
  for (let r = 0; r < RESAMPLES; r++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += diffs[rng.int(n)] as number;
    means.push(sum / n);
  }
  means.sort((a, b) => a - b);
  const low = means[Math.floor(0.025 * RESAMPLES)] as number;
  const high = means[Math.ceil(0.975 * RESAMPLES) - 1] as number;
  return { switch: gain >= MIN_GAIN && low > 0, gain, low, high };
}
