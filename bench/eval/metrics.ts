/**
 * Ranking metrics for the relevance harness: nDCG@k (graded gains, log2 discount), Recall@k and
 * average precision, as defined in BEIR / trec_eval.
 */

/** Relevance judgements of one query: document id → grade (> 0 is relevant). */
export type Judgements = Map<string, number>;

export function ndcgAt(ranked: string[], rel: Judgements, k: number): number {
  let dcg = 0;
  ranked.slice(0, k).forEach((id, i) => {
    const g = rel.get(id) ?? 0;
    if (g > 0) dcg += (2 ** g - 1) / Math.log2(i + 2);
  });
  const ideal = [...rel.values()]
    .filter((g) => g > 0)
    .sort((a, b) => b - a)
    .slice(0, k);
  const idcg = ideal.reduce((s, g, i) => s + (2 ** g - 1) / Math.log2(i + 2), 0);
  return idcg > 0 ? dcg / idcg : 0;
}

export function recallAt(ranked: string[], rel: Judgements, k: number): number {
  const relevant = [...rel.values()].filter((g) => g > 0).length;
  if (relevant === 0) return 0;
  return ranked.slice(0, k).filter((id) => (rel.get(id) ?? 0) > 0).length / relevant;
}

/** Average precision over the ranking as given (MAP@depth when averaged over queries). */
export function averagePrecision(ranked: string[], rel: Judgements): number {
  const relevant = [...rel.values()].filter((g) => g > 0).length;
  if (relevant === 0) return 0;
  let hits = 0;
  let sum = 0;
  ranked.forEach((id, i) => {
    if ((rel.get(id) ?? 0) > 0) {
      hits++;
      sum += hits / (i + 1);
    }
  });
  return sum / relevant;
}

export function mean(xs: number[]): number {
  return xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length;
}

/**
 * Paired bootstrap of the mean difference `a − b` over queries: the mean and the 95% percentile
 * interval of `resamples` resamples (seeded, so a run is reproducible).
 */
export function bootstrapDiff(
  a: number[],
  b: number[],
  resamples = 10_000,
  seed = 1,
): { mean: number; low: number; high: number } {
  const n = a.length;
  const d = a.map((x, i) => x - (b[i] as number));
  let state = seed >>> 0 || 1;
  const next = () => {
    // xorshift32
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  const means = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += d[Math.floor(next() * n)] as number;
    means[r] = sum / n;
  }
  means.sort();
  return {
    mean: mean(d),
    low: means[Math.floor(resamples * 0.025)] as number,
    high: means[Math.floor(resamples * 0.975)] as number,
  };
}
