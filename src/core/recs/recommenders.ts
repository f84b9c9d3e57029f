/**
 * The recommenders For you measured (docs/DESIGN.md, "For you"): each learns from one
 * reader's library (positives) and "not interested" marks plus a background sample of other
 * papers (negatives), and scores candidates; a higher score is a better match.
 * - `profile`: BM25 for the library's most distinctive words (keyword-profile.ts).
 * - `hybrid`: the profile and `nearest`, each standardised on the background, summed.
 * - `nearest`: zotero-arxiv-daily's library similarity — the mean cosine similarity of a candidate
 *   to the library papers, newer library papers weighing more; marks pull away from their papers.
 * - `logistic`: arxiv-sanity-lite's per-reader linear model — an L2-regularised logistic
 *   regression on the embedding plus hashed tf-idf words, trained for this reader.
 */
import { dot, type PaperFeatures, sparseDot, TERM_SLOTS } from './features.ts';

export type RecommenderName = 'profile' | 'hybrid' | 'nearest' | 'logistic';
export const RECOMMENDERS: readonly RecommenderName[] = [
  'profile',
  'hybrid',
  'nearest',
  'logistic',
];

export interface TrainingSet {
  /** Library papers, newest first. */
  positives: PaperFeatures[];
  /** "Not interested" papers. */
  marked: PaperFeatures[];
  /** Other papers (what the reader did not pick), for contrast and calibration. */
  background: PaperFeatures[];
  /**
   * BM25 of a paper for the library's profile words (Bm25Corpus over the candidates and the
   * background); without it `profile` scores 0 and `hybrid` is `nearest`.
   */
  keywords?: Scorer;
  /** BM25 for the profile words of the "not interested" papers: pulls their topics down. */
  avoid?: Scorer;
}

/** A trained scorer: higher is a better match. */
export type Scorer = (paper: PaperFeatures) => number;

/** Weight of the i-th newest library paper (zotero-arxiv-daily: 1 / (1 + log10(i + 1))). */
export function recencyWeight(i: number): number {
  return 1 / (1 + Math.log10(i + 1));
}

/** Weighted mean of unit vectors, or null when none has a vector. */
function profile(papers: PaperFeatures[], weight: (i: number) => number): Float32Array | null {
  let out: Float32Array | null = null;
  let total = 0;
  for (let i = 0; i < papers.length; i++) {
    const v = (papers[i] as PaperFeatures).vector;
    if (!v) continue;
    const o: Float32Array = out ?? new Float32Array(v.length);
    out = o;
    const w = weight(i);
    // Summed into float32, paper by paper, as For you always has (the same bits every run).
    for (let d = 0; d < v.length; d++) o[d] = (o[d] as number) + w * (v[d] as number);
    total += w;
  }
  if (!out || total === 0) return null;
  const o = out as Float32Array;
  for (let d = 0; d < o.length; d++) o[d] = (o[d] as number) / total;
  return o;
}

/**
 * Mean similarity to the library is a dot product with the weighted mean library vector, so
 * scoring costs one dot product per candidate however large the library is.
 */
export function trainNearest(set: TrainingSet): Scorer {
  const liked = profile(set.positives, recencyWeight);
  const disliked = profile(set.marked, () => 1);
  return (paper) => {
    if (!paper.vector || !liked) return 0;
    return dot(paper.vector, liked) - (disliked ? 0.5 * dot(paper.vector, disliked) : 0);
  };
}

export interface LogisticOptions {
  /** L2 penalty per example. */
  l2?: number;
  epochs?: number;
  learningRate?: number;
  /** Weight of the term features against the embedding (0 = embedding only). */
  termWeight?: number;
}

/**
 * Logistic regression by plain gradient descent over the (small) training set: positives and
 * marked negatives weigh as much in total as the background, so the model is not swamped by it.
 */
export function trainLogistic(set: TrainingSet, options: LogisticOptions = {}): Scorer {
  const { l2 = 1e-3, epochs = 60, learningRate = 0.5, termWeight = 1 } = options;
  const pos = set.positives;
  const neg = [...set.marked, ...set.background];
  if (pos.length === 0 || neg.length === 0) return () => 0;
  const dims =
    pos.find((p) => p.vector)?.vector?.length ?? neg.find((p) => p.vector)?.vector?.length ?? 0;
  const w = new Float64Array(dims);
  const t = new Float64Array(termWeight > 0 ? TERM_SLOTS : 0);
  let b = 0;
  const examples = [
    ...pos.map((p) => ({ p, y: 1, weight: 1 / pos.length })),
    ...set.marked.map((p) => ({ p, y: 0, weight: 2 / neg.length })),
    ...set.background.map((p) => ({ p, y: 0, weight: 1 / neg.length })),
  ];
  const score = (p: PaperFeatures) => {
    let s = b;
    if (p.vector) for (let d = 0; d < dims; d++) s += (w[d] as number) * (p.vector[d] as number);
    if (termWeight > 0) s += termWeight * sparseDot(p.terms, t);
    return s;
  };
  const gw = new Float64Array(dims);
  const gt = new Float64Array(t.length);
  for (let epoch = 0; epoch < epochs; epoch++) {
    gw.fill(0);
    gt.fill(0);
    let gb = 0;
    for (const { p, y, weight } of examples) {
      const err = (1 / (1 + Math.exp(-score(p))) - y) * weight;
      gb += err;
      if (p.vector)
        for (let d = 0; d < dims; d++) gw[d] = (gw[d] as number) + err * (p.vector[d] as number);
      if (termWeight > 0) {
        for (let i = 0; i < p.terms.idx.length; i++) {
          const s = p.terms.idx[i] as number;
          gt[s] = (gt[s] as number) + err * termWeight * (p.terms.val[i] as number);
        }
      }
    }
    const rate = learningRate;
    for (let d = 0; d < dims; d++)
      w[d] = (w[d] as number) - rate * ((gw[d] as number) + l2 * (w[d] as number));
    for (let s = 0; s < t.length; s++)
      t[s] = (t[s] as number) - rate * ((gt[s] as number) + l2 * (t[s] as number));
    b -= rate * gb;
  }
  return score;
}

/** Weight of the embedding side in `hybrid` (the keyword side weighs 1). */
export const HYBRID_VECTOR_WEIGHT = 1;

/** `scorer` as standard scores over `sample` (mean 0, deviation 1); constant → 0. */
function standardised(scorer: Scorer, sample: PaperFeatures[]): Scorer {
  const xs = sample.map(scorer);
  const mean = xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / Math.max(1, xs.length));
  return sd > 0 ? (p) => (scorer(p) - mean) / sd : () => 0;
}

/** The profile's BM25, less half the "not interested" profile's. */
function keywordSide(set: TrainingSet): Scorer {
  const { keywords, avoid } = set;
  if (!keywords) return () => 0;
  return avoid ? (p) => keywords(p) - 0.5 * avoid(p) : keywords;
}

/** Keyword profile plus library similarity, each on the background's scale. */
export function trainHybrid(set: TrainingSet, vectorWeight = HYBRID_VECTOR_WEIGHT): Scorer {
  const near = standardised(trainNearest(set), set.background);
  if (!set.keywords) return near;
  const words = standardised(keywordSide(set), set.background);
  return (p) => words(p) + vectorWeight * near(p);
}

export function train(name: RecommenderName, set: TrainingSet): Scorer {
  switch (name) {
    case 'profile':
      return keywordSide(set);
    case 'hybrid':
      return trainHybrid(set);
    case 'nearest':
      return trainNearest(set);
    case 'logistic':
      return trainLogistic(set);
  }
}

/**
 * A score as relevance in [0, 1]: the share of the background papers it beats. The same scale
 * for any recommender, so a threshold means the same thing ("better than 90% of papers").
 */
export function calibrate(scorer: Scorer, background: PaperFeatures[]): (score: number) => number {
  const sorted = Float64Array.from(background, scorer).sort();
  return (score) => {
    if (sorted.length === 0) return 0.5;
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((sorted[mid] as number) < score) lo = mid + 1;
      else hi = mid;
    }
    return lo / sorted.length;
  };
}

/** Cosine of two unit-length sparse vectors (indices ascending). */
function sparseCosine(a: PaperFeatures['terms'], b: PaperFeatures['terms']): number {
  let s = 0;
  let i = 0;
  let j = 0;
  while (i < a.idx.length && j < b.idx.length) {
    const x = a.idx[i] as number;
    const y = b.idx[j] as number;
    if (x === y) s += (a.val[i++] as number) * (b.val[j++] as number);
    else if (x < y) i++;
    else j++;
  }
  return s;
}

/**
 * The `k` library papers most similar to `paper` (the "because you saved …" line): by embedding,
 * or by words when the paper has no vector yet.
 */
export function closestInLibrary(
  paper: PaperFeatures,
  library: PaperFeatures[],
  k = 2,
): { id: string; similarity: number }[] {
  const v = paper.vector;
  return library
    .map((l) => ({
      id: l.id,
      similarity: v && l.vector ? dot(v, l.vector) : sparseCosine(paper.terms, l.terms),
    }))
    .filter((x) => x.similarity > 0)
    .sort((a, b) => b.similarity - a.similarity || a.id.localeCompare(b.id))
    .slice(0, k);
}
