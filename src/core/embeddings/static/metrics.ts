/**
 * Retrieval metrics and brute-force nearest neighbours for evaluating embeddings: nDCG@k (BEIR's
 * definition, graded gains, ideal from the judged documents) and MRR@k.
 */

/** Indices of the `k` rows of `documents` (n × dim) with the highest dot product with `query`. */
export function topK(
  query: Float32Array,
  documents: Float32Array,
  dim: number,
  k: number,
): { index: number; score: number }[] {
  const n = documents.length / dim;
  const best: { index: number; score: number }[] = [];
  for (let j = 0; j < n; j++) {
    let s = 0;
    const base = j * dim;
    for (let t = 0; t < dim; t++) s += query[t]! * documents[base + t]!;
    if (best.length < k || s > best[best.length - 1]!.score) {
      let p = best.length < k ? best.length : best.length - 1;
      if (best.length < k) best.push({ index: j, score: s });
      while (p > 0 && best[p - 1]!.score < s) {
        best[p] = best[p - 1]!;
        p--;
      }
      best[p] = { index: j, score: s };
    }
  }
  return best;
}

/** nDCG@k of one ranking given graded relevance (`relevant` maps id → gain > 0). */
export function ndcgAt(
  k: number,
  ranked: readonly string[],
  relevant: ReadonlyMap<string, number>,
): number {
  let dcg = 0;
  for (let i = 0; i < Math.min(k, ranked.length); i++) {
    const gain = relevant.get(ranked[i]!) ?? 0;
    if (gain > 0) dcg += gain / Math.log2(i + 2);
  }
  const ideal = [...relevant.values()].sort((a, b) => b - a).slice(0, k);
  let idcg = 0;
  ideal.forEach((gain, i) => {
    idcg += gain / Math.log2(i + 2);
  });
  return idcg === 0 ? 0 : dcg / idcg;
}

/** Reciprocal rank of `target` within the first `k` of `ranked` (0 when absent). */
export function reciprocalRankAt(k: number, ranked: readonly string[], target: string): number {
  const i = ranked.slice(0, k).indexOf(target);
  return i < 0 ? 0 : 1 / (i + 1);
}
