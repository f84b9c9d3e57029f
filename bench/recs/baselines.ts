/**
 * Baselines For you's recommenders must beat in `npm run eval:recs`: popularity (upvotes),
 * recency (newest first) and a keyword profile — BM25 of each candidate for the library's 30
 * most distinctive words (tf-idf over the past papers), the way a saved keyword search would rank.
 */
import { terms } from '../../src/core/digests/keyword-relevance.ts';
import type { EvalPaper } from './readers.ts';

export function byPopularity(candidates: EvalPaper[]): string[] {
  return [...candidates]
    .sort((a, b) => b.upvotes - a.upvotes || a.id.localeCompare(b.id))
    .map((p) => p.id);
}

export function byRecency(candidates: EvalPaper[]): string[] {
  return [...candidates]
    .sort((a, b) => b.publishedAt.localeCompare(a.publishedAt) || a.id.localeCompare(b.id))
    .map((p) => p.id);
}

const K1 = 1.2;
const B = 0.75;

/** A BM25 ranker over `candidates`, queried with a library's profile words. */
export function keywordProfileRanker(past: EvalPaper[], candidates: EvalPaper[]) {
  const words = (p: EvalPaper) => terms(`${p.title} ${p.title} ${p.abstract}`);
  const pastDf = new Map<string, number>();
  for (const p of past) for (const w of new Set(words(p))) pastDf.set(w, (pastDf.get(w) ?? 0) + 1);
  const docs = candidates.map((p) => {
    const tf = new Map<string, number>();
    const ws = words(p);
    for (const w of ws) tf.set(w, (tf.get(w) ?? 0) + 1);
    return { id: p.id, tf, length: ws.length };
  });
  const avg = docs.reduce((s, d) => s + d.length, 0) / Math.max(1, docs.length);
  const df = new Map<string, number>();
  for (const d of docs) for (const w of d.tf.keys()) df.set(w, (df.get(w) ?? 0) + 1);
  const n = docs.length;
  return (library: EvalPaper[]): string[] => {
    const counts = new Map<string, number>();
    for (const p of library) for (const w of words(p)) counts.set(w, (counts.get(w) ?? 0) + 1);
    const profile = [...counts]
      .map(([w, c]) => ({ w, s: c * Math.log((past.length + 1) / ((pastDf.get(w) ?? 0) + 1)) }))
      .sort((a, b) => b.s - a.s || a.w.localeCompare(b.w))
      .slice(0, 30)
      .map((x) => x.w);
    const scored = docs.map((d) => {
      let s = 0;
      for (const w of profile) {
        const f = d.tf.get(w) ?? 0;
        if (f === 0) continue;
        const idf = Math.log(1 + (n - (df.get(w) ?? 0) + 0.5) / ((df.get(w) ?? 0) + 0.5));
        s += (idf * f * (K1 + 1)) / (f + K1 * (1 - B + (B * d.length) / avg));
      }
      return { id: d.id, s };
    });
    return scored.sort((a, b) => b.s - a.s || a.id.localeCompare(b.id)).map((x) => x.id);
  };
}
