/**
 * Key terms of a whole text (a paper's title and abstract, a pasted page): the words that say
 * what it is about, chosen by tf-idf against the store's own statistics, for a "more like this"
 * BM25 query. Pure: the search index supplies stems and document frequencies (SearchIndex.termStats).
 */
import { STOPWORDS } from './stopwords.ts';

/** Index statistics of a word: its stem as the index sees it, and how many papers hold it. */
export interface TermStat {
  stem: string;
  df: number;
}

/** What the index knows about a list of words. */
export interface TermStats {
  /** Papers in the index. */
  documents: number;
  /** word → stem and document frequency (words the caller asked about). */
  words: Map<string, TermStat>;
}

/** One chosen key term. */
export interface KeyTerm {
  /** The index's stem: what is matched. */
  stem: string;
  /** The most frequent surface form in the text: what is shown ("why similar"). */
  word: string;
  /** Relative importance in (0, 1]: the best key term has 1. */
  weight: number;
  df: number;
}

export interface KeyTermOptions {
  /** Most key terms (default 25, as Lucene's MoreLikeThis). */
  max?: number;
  /** A title occurrence counts this many times (default 3, as the title's BM25 weight). */
  titleWeight?: number;
  /**
   * Fewest papers that must hold a term (default 1). A paper's own words have df ≥ 1 because the
   * paper is indexed: 2 then keeps only words another paper can share.
   */
  minDf?: number;
}

/**
 * BM25's idf, ln((N − n + 0.5) / (n + 0.5)), floored at 0 as FTS5 does for terms in half the
 * documents or more.
 */
export function idf(documents: number, df: number): number {
  return Math.max(0, Math.log((documents - df + 0.5) / (df + 0.5)));
}

/**
 * The `max` best key terms of a text given as title words and body words (lower case, as
 * `wordsOf` splits them), best first. A term's score is (1 + ln tf) · idf, where tf counts title
 * occurrences `titleWeight` times; stop words, words the index does not know (df < minDf) and
 * words in half the papers or more (idf 0) are never chosen. Ties go to the rarer, then
 * alphabetically first stem, so the choice is deterministic.
 */
export function selectKeyTerms(
  text: { title: string[]; body: string[] },
  stats: TermStats,
  options: KeyTermOptions = {},
): KeyTerm[] {
  const max = options.max ?? 25;
  const titleWeight = options.titleWeight ?? 3;
  const minDf = options.minDf ?? 1;
  const byStem = new Map<string, { tf: number; df: number; forms: Map<string, number> }>();
  const add = (word: string, times: number) => {
    if (STOPWORDS.has(word)) return;
    const stat = stats.words.get(word);
    if (!stat || stat.df < minDf) return;
    const entry = byStem.get(stat.stem) ?? { tf: 0, df: stat.df, forms: new Map() };
    entry.tf += times;
    entry.forms.set(word, (entry.forms.get(word) ?? 0) + times);
    byStem.set(stat.stem, entry);
  };
  for (const w of text.title) add(w, titleWeight);
  for (const w of text.body) add(w, 1);
  const scored: KeyTerm[] = [];
  const common: KeyTerm[] = [];
  for (const [stem, e] of byStem) {
    const weight = (1 + Math.log(e.tf)) * idf(stats.documents, e.df);
    const term = { stem, word: mostFrequent(e.forms), weight, df: e.df };
    if (weight > 0) scored.push(term);
    // In a tiny store every shared word is in half the papers: then they count by tf alone
    // (FTS5 floors idf at 1e-6 the same way), rather than nothing being similar.
    else common.push({ ...term, weight: (1 + Math.log(e.tf)) * 1e-6 });
  }
  if (scored.length === 0) scored.push(...common);
  scored.sort((a, b) => b.weight - a.weight || a.df - b.df || (a.stem < b.stem ? -1 : 1));
  const top = scored.slice(0, max);
  const best = top[0]?.weight ?? 1;
  return top.map((t) => ({ ...t, weight: t.weight / best }));
}

/** The form seen most often; ties go to the shortest, then the alphabetically first. */
function mostFrequent(forms: Map<string, number>): string {
  let pick = '';
  let count = -1;
  for (const [form, n] of forms) {
    if (
      n > count ||
      (n === count && (form.length < pick.length || (form.length === pick.length && form < pick)))
    ) {
      pick = form;
      count = n;
    }
  }
  return pick;
}
