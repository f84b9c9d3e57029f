/**
 * Hard negatives for contrastive training, mined with BM25: for each paper, other papers whose
 * abstracts rank high for its title. In-batch negatives are mostly about unrelated topics, so the
 * model learns coarse topics only; a negative that shares the query's words teaches it what word
 * overlap alone gets wrong. The very top ranks are skipped: they are often genuinely about the same
 * thing (false negatives). Deterministic (ties broken by index).
 */
import type { TokenizedPaper } from './training-pairs.ts';

export interface HardNegativeOptions {
  /** Best-ranked other papers to skip (likely false negatives). */
  skip: number;
  /** Negatives kept per paper, from the ranks after `skip`. */
  take: number;
  /** Words in more than this fraction of abstracts are ignored (cost, little idf). */
  maxDocumentFraction: number;
}

export const DEFAULT_HARD_NEGATIVES: HardNegativeOptions = {
  skip: 2,
  take: 8,
  maxDocumentFraction: 0.05,
};

const K1 = 0.9;
const B = 0.4;

/**
 * For each paper (by index), up to `take` indices of other papers: BM25 ranks `skip + 1`…
 * `skip + take` of their abstracts for this paper's title, best first.
 */
export function mineHardNegatives(
  papers: readonly TokenizedPaper[],
  options: HardNegativeOptions = DEFAULT_HARD_NEGATIVES,
): Int32Array[] {
  const n = papers.length;
  const wordIds = new Map<string, number>();
  const docWords: Int32Array[] = [];
  const docCounts: Float32Array[] = [];
  const lengths = new Float32Array(n);
  let df: number[] = [];
  for (let d = 0; d < n; d++) {
    const counts = new Map<number, number>();
    let length = 0;
    for (const sentence of papers[d]!.sentences) {
      for (const w of sentence) {
        let id = wordIds.get(w);
        if (id === undefined) {
          id = wordIds.size;
          wordIds.set(w, id);
          df.push(0);
        }
        counts.set(id, (counts.get(id) ?? 0) + 1);
        length++;
      }
    }
    lengths[d] = length;
    const ids = Int32Array.from(counts.keys());
    docWords.push(ids);
    docCounts.push(Float32Array.from(counts.values()));
    for (const id of ids) df[id]!++;
  }
  const postings = buildPostings(docWords, docCounts, df, lengths, n);
  const maxDf = Math.max(1, Math.floor(n * options.maxDocumentFraction));
  const scores = new Float32Array(n);
  const touched: number[] = [];
  const out: Int32Array[] = [];
  for (let q = 0; q < n; q++) {
    const words = new Set<number>();
    for (const w of papers[q]!.title) {
      const id = wordIds.get(w);
      if (id !== undefined && df[id]! <= maxDf) words.add(id);
    }
    for (const id of words) {
      const idf = Math.log(1 + (n - df[id]! + 0.5) / (df[id]! + 0.5));
      const { docs, weights } = postings[id]!;
      for (let p = 0; p < docs.length; p++) {
        const d = docs[p]!;
        if (scores[d] === 0) touched.push(d);
        scores[d]! += idf * weights[p]!;
      }
    }
    out.push(topOthers(scores, touched, q, options));
    for (const d of touched) scores[d] = 0;
    touched.length = 0;
  }
  df = [];
  return out;
}

/** Per word: the documents it occurs in and BM25's saturated term-frequency part. */
function buildPostings(
  docWords: Int32Array[],
  docCounts: Float32Array[],
  df: number[],
  lengths: Float32Array,
  n: number,
): { docs: Int32Array; weights: Float32Array }[] {
  let total = 0;
  for (let d = 0; d < n; d++) total += lengths[d]!;
  const avg = total / Math.max(1, n);
  const postings = df.map((count) => ({
    docs: new Int32Array(count),
    weights: new Float32Array(count),
  }));
  const fill = new Int32Array(df.length);
  for (let d = 0; d < n; d++) {
    const norm = K1 * (1 - B + (B * lengths[d]!) / avg);
    const ids = docWords[d]!;
    const counts = docCounts[d]!;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      const tf = counts[i]!;
      const at = fill[id]!++;
      postings[id]!.docs[at] = d;
      postings[id]!.weights[at] = (tf * (K1 + 1)) / (tf + norm);
    }
  }
  return postings;
}

/** Ranks skip+1 … skip+take among the scored documents other than `self`. */
function topOthers(
  scores: Float32Array,
  touched: number[],
  self: number,
  options: HardNegativeOptions,
): Int32Array {
  const want = options.skip + options.take;
  const best: number[] = [];
  const better = (a: number, b: number) =>
    scores[a]! > scores[b]! || (scores[a] === scores[b] && a < b);
  for (const d of touched) {
    if (d === self) continue;
    if (best.length === want && !better(d, best[want - 1]!)) continue;
    let p = best.length < want ? best.length : want - 1;
    if (best.length < want) best.push(d);
    while (p > 0 && better(d, best[p - 1]!)) {
      best[p] = best[p - 1]!;
      p--;
    }
    best[p] = d;
  }
  return Int32Array.from(best.slice(options.skip));
}
