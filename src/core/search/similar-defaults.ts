/**
 * The shipped settings of similar papers, chosen on the tuning half of the similar-papers
 * development set and reported on its other half (`npm run eval`; docs/DESIGN.md "Similar
 * papers"). The vector side's weight is per embedding model, like search's (fusion-defaults.ts).
 */

export interface SimilarTuning {
  /** Most key terms in the keyword query. */
  keyTerms: number;
  /** How often a title word counts when choosing key terms and in whole-text term vectors. */
  titleWeight: number;
  /** Key terms weigh 1..termWeights by their tf-idf (0: all weigh 1). */
  termWeights: number;
  /** Weight of the vector side (0: no meaning). */
  vectorWeight: number;
  /** Weight of the whole-text tf-idf side (0: none; similar-rank.ts). */
  textWeight: number;
  /** First-pass results the text side's source moves towards (0: no feedback). */
  feedbackDocs: number;
  /** How far it moves towards them (1: as far as the source itself weighs). */
  feedbackWeight: number;
  /**
   * The text side scores only this many of the best candidates by keywords and meaning (0: all);
   * the rest keep their order below. Each one costs a paper read and its words' statistics.
   */
  textCandidates: number;
}

export const DEFAULT_SIMILAR_TUNING: SimilarTuning = {
  keyTerms: 25,
  titleWeight: 3,
  termWeights: 0,
  vectorWeight: 0.3,
  textWeight: 0.5,
  feedbackDocs: 5,
  feedbackWeight: 1,
  textCandidates: 100,
};

/**
 * Measured vector weights by model id prefix (longest matching prefix wins); other models get
 * DEFAULT_SIMILAR_TUNING.vectorWeight, which was measured for paperboy-static.
 */
const MEASURED: Record<string, number> = { 'paperboy-static': 0.3 };

/** The vector side's weight for similar papers with model `modelId`. */
export function similarFusion(modelId: string): number {
  const prefix = Object.keys(MEASURED)
    .filter((p) => modelId.startsWith(p))
    .sort((a, b) => b.length - a.length)[0];
  return prefix ? (MEASURED[prefix] as number) : DEFAULT_SIMILAR_TUNING.vectorWeight;
}
