/**
 * For you's keyword profile, BM25 and ranking as they were written before the shared day
 * (src/core/recs/for-you-day.ts): the straightforward reference the fast path is tested
 * against, bit for bit (src/core/recs/for-you-day.test.ts). Unchanged but for names.
 */
import { terms } from '../src/core/digests/keyword-relevance.ts';
import type { PaperFeatures, PaperText } from '../src/core/recs/features.ts';
import { type RecommenderName, type TrainingSet, train } from '../src/core/recs/recommenders.ts';

const refWords = (p: PaperText) => terms(`${p.title} ${p.title} ${p.abstract}`);

export function refStats(papers: readonly PaperText[]) {
  const df = new Map<string, number>();
  for (const p of papers) for (const w of new Set(refWords(p))) df.set(w, (df.get(w) ?? 0) + 1);
  return { n: papers.length, df };
}

export function refProfile(
  library: readonly PaperText[],
  stats: ReturnType<typeof refStats>,
  size = 30,
) {
  const counts = new Map<string, number>();
  for (const p of library) for (const w of refWords(p)) counts.set(w, (counts.get(w) ?? 0) + 1);
  const scored: { w: string; s: number }[] = [];
  for (const [w, c] of counts)
    scored.push({ w, s: c * Math.log((stats.n + 1) / ((stats.df.get(w) ?? 0) + 1)) });
  return scored
    .sort((a, b) => b.s - a.s || a.w.localeCompare(b.w))
    .slice(0, size)
    .map((x) => x.w);
}

export function refBm25(papers: readonly PaperText[]) {
  const docs = new Map<string, { tf: Map<string, number>; length: number }>();
  const df = new Map<string, number>();
  let total = 0;
  for (const p of papers) {
    if (docs.has(p.id)) continue;
    const ws = refWords(p);
    const tf = new Map<string, number>();
    for (const w of ws) tf.set(w, (tf.get(w) ?? 0) + 1);
    docs.set(p.id, { tf, length: ws.length });
    for (const w of tf.keys()) df.set(w, (df.get(w) ?? 0) + 1);
    total += ws.length;
  }
  const avg = total / Math.max(1, docs.size);
  return (words: readonly string[]) => {
    const n = docs.size;
    const idf = words.map((w) => {
      const d = df.get(w) ?? 0;
      return Math.log(1 + (n - d + 0.5) / (d + 0.5));
    });
    return (paper: { id: string }) => {
      const d = docs.get(paper.id);
      if (!d) return 0;
      let s = 0;
      words.forEach((w, i) => {
        const f = d.tf.get(w) ?? 0;
        if (f === 0) return;
        s +=
          ((idf[i] as number) * f * (1.2 + 1)) / (f + 1.2 * (1 - 0.75 + (0.75 * d.length) / avg));
      });
      return s;
    };
  };
}

export function refRank(
  name: RecommenderName,
  set: TrainingSet,
  candidates: readonly PaperFeatures[],
  limit: number,
) {
  const scorer = train(name, set);
  const sorted = set.background.map(scorer).sort((a, b) => a - b);
  const relevance = (score: number) => {
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
  const exclude = new Set([...set.positives, ...set.marked].map((p) => p.id));
  const top: { id: string; score: number; relevance: number }[] = [];
  for (const c of candidates) {
    if (exclude.has(c.id)) continue;
    const score = scorer(c);
    if (top.length >= limit && score <= (top[top.length - 1]?.score as number)) continue;
    top.push({ id: c.id, score, relevance: 0 });
    top.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
    if (top.length > limit) top.pop();
  }
  for (const r of top) r.relevance = relevance(r.score);
  return top;
}

function refDot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) s += (a[i] as number) * (b[i] as number);
  return s;
}

/** Library similarity: the weighted mean library vector, summed into float32 paper by paper. */
export function refNearest(set: TrainingSet) {
  const mean = (papers: PaperFeatures[], weight: (i: number) => number) => {
    let out: Float32Array | null = null;
    let total = 0;
    papers.forEach((p, i) => {
      if (!p.vector) return;
      out ??= new Float32Array(p.vector.length);
      const w = weight(i);
      for (let d = 0; d < p.vector.length; d++)
        out[d] = (out[d] as number) + w * (p.vector[d] as number);
      total += w;
    });
    if (!out || total === 0) return null;
    const o = out as Float32Array;
    for (let d = 0; d < o.length; d++) o[d] = (o[d] as number) / total;
    return o;
  };
  const liked = mean(set.positives, (i) => 1 / (1 + Math.log10(i + 1)));
  const disliked = mean(set.marked, () => 1);
  return (paper: PaperFeatures) => {
    if (!paper.vector || !liked) return 0;
    return refDot(paper.vector, liked) - (disliked ? 0.5 * refDot(paper.vector, disliked) : 0);
  };
}
