/**
 * The shipped settings of similar papers, chosen on the tuning half of the similar-papers
 * development set and reported on its other half (`npm run eval`; docs/DESIGN.md "Similar
 * papers"). Fusion weights are per embedding model, like search's (fusion-defaults.ts).
 */

export interface SimilarTuning {
  /** Most key terms in the keyword query. */
  keyTerms: number;
  /** How often a title word counts when choosing key terms. */
  titleWeight: number;
  /** Key terms weigh 1..termWeights by their tf-idf (0: all weigh 1). */
  termWeights: number;
  /** Weight of the vector side in linear fusion (0: keywords only). */
  vectorWeight: number;
}

export const DEFAULT_SIMILAR_TUNING: SimilarTuning = {
  keyTerms: 25,
  titleWeight: 3,
  termWeights: 0,
  vectorWeight: 0.5,
};

/** Measured vector weights by model id prefix (longest matching prefix wins). */
const MEASURED: Record<string, number> = {};

/** The vector side's fusion weight for similar papers with model `modelId`. */
export function similarFusion(modelId: string): number {
  const prefix = Object.keys(MEASURED)
    .filter((p) => modelId.startsWith(p))
    .sort((a, b) => b.length - a.length)[0];
  return prefix ? (MEASURED[prefix] as number) : DEFAULT_SIMILAR_TUNING.vectorWeight;
}
