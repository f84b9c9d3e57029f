/**
 * The keyword profile For you ranks with (docs/DESIGN.md, "For you"): a library's most distinctive
 * words (tf × idf against the papers at hand), and BM25 of each paper for those words — the way
 * a saved keyword search would rank, learned from the library instead of typed.
 */
import { terms } from '../digests/keyword-relevance.ts';
import type { PaperText } from './features.ts';

const K1 = 1.2;
const B = 0.75;
/** Words in a profile. */
export const PROFILE_WORDS = 30;

/** Words of papers already split (a digest run ranks many readers over the same papers). */
const split = new WeakMap<PaperText, string[]>();

/** Title twice, then the abstract. */
function wordsOf(p: PaperText): string[] {
  let words = split.get(p);
  if (!words) {
    words = terms(`${p.title} ${p.title} ${p.abstract}`);
    split.set(p, words);
  }
  return words;
}

/** Document frequencies over a reference set, for choosing a library's distinctive words. */
export interface WordStats {
  n: number;
  df: Map<string, number>;
}

export function wordStats(papers: readonly PaperText[]): WordStats {
  const df = new Map<string, number>();
  for (const p of papers) for (const w of new Set(wordsOf(p))) df.set(w, (df.get(w) ?? 0) + 1);
  return { n: papers.length, df };
}

/** The library's `size` most distinctive words, best first. */
export function profileWords(
  library: readonly PaperText[],
  stats: WordStats,
  size = PROFILE_WORDS,
): string[] {
  const counts = new Map<string, number>();
  for (const p of library) for (const w of wordsOf(p)) counts.set(w, (counts.get(w) ?? 0) + 1);
  const scored: { w: string; s: number }[] = [];
  for (const [w, c] of counts) {
    scored.push({ w, s: c * Math.log((stats.n + 1) / ((stats.df.get(w) ?? 0) + 1)) });
  }
  return scored
    .sort((a, b) => b.s - a.s || a.w.localeCompare(b.w))
    .slice(0, size)
    .map((x) => x.w);
}

/** BM25 over a fixed set of papers (the candidates and the background), queried by profiles. */
export class Bm25Corpus {
  private readonly docs = new Map<string, { tf: Map<string, number>; length: number }>();
  private readonly df = new Map<string, number>();
  private readonly avg: number;

  constructor(papers: readonly PaperText[]) {
    let total = 0;
    for (const p of papers) {
      if (this.docs.has(p.id)) continue;
      const ws = wordsOf(p);
      const tf = new Map<string, number>();
      for (const w of ws) tf.set(w, (tf.get(w) ?? 0) + 1);
      this.docs.set(p.id, { tf, length: ws.length });
      for (const w of tf.keys()) this.df.set(w, (this.df.get(w) ?? 0) + 1);
      total += ws.length;
    }
    this.avg = total / Math.max(1, this.docs.size);
  }

  /** A scorer for `words`: BM25 of a paper of this corpus (0 for papers outside it). */
  scorer(words: readonly string[]): (paper: { id: string }) => number {
    const n = this.docs.size;
    const idf = words.map((w) => {
      const df = this.df.get(w) ?? 0;
      return Math.log(1 + (n - df + 0.5) / (df + 0.5));
    });
    return (paper) => {
      const d = this.docs.get(paper.id);
      if (!d) return 0;
      let s = 0;
      words.forEach((w, i) => {
        const f = d.tf.get(w) ?? 0;
        if (f === 0) return;
        s += ((idf[i] as number) * f * (K1 + 1)) / (f + K1 * (1 - B + (B * d.length) / this.avg));
      });
      return s;
    };
  }
}
