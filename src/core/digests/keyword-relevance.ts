/**
 * INTERIM alert matching, used until the search use case (hybrid keyword + semantic) is wired in
 * container.ts: scores a small set of new papers against many saved searches by keywords only.
 * Relevance is absolute, in [0, 1]: the share of the query's words found in the paper, each
 * weighted by where it was found (title 1, AI keywords 0.9, abstract 0.7).
 */
import { foldWord } from '../search/keyword-filter.ts';

export interface KeywordDoc {
  id: string;
  title: string;
  abstract: string;
  keywords: string[];
  categories: string[];
}

const FIELD_WEIGHT = { title: 1, keywords: 0.9, abstract: 0.7 } as const;

const STOPWORDS = new Set(
  'a an and are as at be by for from has have in into is it its of on or that the their this to via was we what when which with without'.split(
    ' ',
  ),
);

/** Lower-case word stems: letters and digits, a plural "s" dropped, stopwords removed. */
export function terms(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])
    .filter((w) => !STOPWORDS.has(w))
    .map(foldWord);
}

/** A scorer over `docs`: call it with a query's words and optional categories. */
export function keywordScorer(docs: readonly KeywordDoc[]) {
  // term → (doc index → best field weight)
  const postings = new Map<string, Map<number, number>>();
  docs.forEach((doc, i) => {
    const fields: [string, number][] = [
      [doc.title, FIELD_WEIGHT.title],
      [doc.keywords.join(' '), FIELD_WEIGHT.keywords],
      [doc.abstract, FIELD_WEIGHT.abstract],
    ];
    for (const [text, weight] of fields) {
      for (const t of terms(text)) {
        let list = postings.get(t);
        if (!list) {
          list = new Map();
          postings.set(t, list);
        }
        if ((list.get(i) ?? 0) < weight) list.set(i, weight);
      }
    }
  });

  /** Docs with a score > 0, best first. */
  return (query: string, categories: string[] = []): { id: string; score: number }[] => {
    const words = [...new Set(terms(query))];
    if (words.length === 0) return [];
    const sums = new Map<number, number>();
    for (const w of words) {
      for (const [i, weight] of postings.get(w) ?? []) sums.set(i, (sums.get(i) ?? 0) + weight);
    }
    const wanted = categories.map((c) => c.toLowerCase());
    const out: { id: string; score: number }[] = [];
    for (const [i, sum] of sums) {
      const doc = docs[i];
      if (!doc) continue;
      if (wanted.length > 0 && !doc.categories.some((c) => wanted.includes(c.toLowerCase())))
        continue;
      out.push({ id: doc.id, score: sum / words.length });
    }
    return out.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
  };
}
