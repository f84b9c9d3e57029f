/**
 * The keyword profile For you ranks with (docs/DESIGN.md, "For you"): a library's most distinctive
 * words (tf × idf against the papers at hand), and BM25 of each paper for those words
 * (bm25-corpus.ts) — the way a saved keyword search would rank, learned from the library
 * instead of typed.
 */
import type { PaperText } from './features.ts';
import { WordTable } from './paper-words.ts';

/** Words in a profile. */
export const PROFILE_WORDS = 30;

/** Document frequencies over a reference set, for choosing a library's distinctive words. */
export interface WordStats {
  n: number;
  /** Word ids (of `table`) → papers holding the word; ids past the end hold none. */
  df: Int32Array;
  table: WordTable;
}

/** `table`: shared by the readers of one run, so each paper is split and counted once. */
export function wordStats(papers: readonly PaperText[], table = new WordTable()): WordStats {
  const bags = papers.map((p) => table.bagOf(p));
  const df = new Int32Array(table.size);
  for (const bag of bags) {
    for (let i = 0; i < bag.ids.length; i++) {
      const id = bag.ids[i] as number;
      df[id] = (df[id] as number) + 1;
    }
  }
  return { n: papers.length, df, table };
}

/** Scratch counts by word id (ranking is synchronous, so one array serves every call). */
let counts = new Int32Array(0);

/** The library's `size` most distinctive words, best first (ties by collation, then first seen). */
export function profileWords(
  library: readonly PaperText[],
  stats: WordStats,
  size = PROFILE_WORDS,
): string[] {
  if (size <= 0) return [];
  const { table } = stats;
  const bags = library.map((p) => table.bagOf(p));
  if (counts.length < table.size) counts = new Int32Array(Math.max(table.size, 2 * counts.length));
  // Distinct words in order of first occurrence across the library.
  const seen: number[] = [];
  for (const bag of bags) {
    for (let i = 0; i < bag.ids.length; i++) {
      const id = bag.ids[i] as number;
      if (counts[id] === 0) seen.push(id);
      counts[id] = (counts[id] as number) + (bag.counts[i] as number);
    }
  }
  const s = new Float64Array(seen.length);
  seen.forEach((id, i) => {
    s[i] = (counts[id] as number) * Math.log((stats.n + 1) / ((stats.df[id] ?? 0) + 1));
    counts[id] = 0;
  });
  // Only words scoring at least the size-th best can make the cut: sort just those.
  const cut =
    seen.length > size ? (Float64Array.from(s).sort()[seen.length - size] as number) : -Infinity;
  const scored: { w: string; s: number }[] = [];
  seen.forEach((id, i) => {
    if ((s[i] as number) >= cut) scored.push({ w: table.words[id] as string, s: s[i] as number });
  });
  return scored
    .sort((a, b) => b.s - a.s || a.w.localeCompare(b.w))
    .slice(0, size)
    .map((x) => x.w);
}
