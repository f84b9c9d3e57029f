/**
 * The shipped fusion per embedding model, chosen by `npm run eval` (docs/benchmarks/relevance.md has the
 * table). A weak model gets a small weight so hybrid never ranks worse than keywords alone;
 * models without a measurement get a cautious default. PAPERBOY_HYBRID_WEIGHT overrides it.
 */
import type { FusionMethod } from './fuse.ts';

/** Measured weights by model id prefix (longest matching prefix wins). */
const MEASURED: Record<string, number> = {
  'use-lite@': 0.3,
  'paperboy-static@': 0.3,
};

/** Weight for models nobody has measured yet. */
export const UNMEASURED_WEIGHT = 0.3;

/** The fusion for `modelId` (null: no embedder) unless `override` is set. */
export function defaultFusion(modelId: string | null, override?: number): FusionMethod {
  if (override !== undefined) return { kind: 'linear', weight: override };
  if (modelId === null) return { kind: 'linear', weight: 0 };
  const prefix = Object.keys(MEASURED)
    .filter((p) => modelId.startsWith(p))
    .sort((a, b) => b.length - a.length)[0];
  return { kind: 'linear', weight: prefix ? (MEASURED[prefix] as number) : UNMEASURED_WEIGHT };
}
