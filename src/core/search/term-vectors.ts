/**
 * Whole-text tf-idf vectors over the index's stems, for similar papers' text side: every word of
 * two texts compared by cosine (symmetric and length-normalised, where a BM25 query of key terms
 * is neither), and Rocchio's move of a vector towards the mean of others (pseudo-relevance
 * feedback). Pure: the search index supplies stems and document frequencies (termStats).
 */
import type { TermStats } from './key-terms.ts';
import { STOPWORDS } from './stopwords.ts';

/** Stem → weight, of unit length (empty when no word is known to the index). */
export type TermVector = Map<string, number>;

/**
 * The tf-idf vector of a text given as title and body words (lower case, as `textWords` splits
 * them): each stem weighs (1 + ln tf) · ln((N + 1) / (df + 0.5)), a title word counting
 * `titleWeight` times; stop words and words no paper holds are left out; scaled to unit length.
 */
export function termVector(
  text: { title: string[]; body: string[] },
  stats: TermStats,
  titleWeight: number,
): TermVector {
  const tf = new Map<string, { n: number; df: number }>();
  const add = (word: string, times: number) => {
    if (STOPWORDS.has(word)) return;
    const stat = stats.words.get(word);
    if (!stat || stat.df < 1) return;
    const entry = tf.get(stat.stem) ?? { n: 0, df: stat.df };
    entry.n += times;
    tf.set(stat.stem, entry);
  };
  for (const w of text.title) add(w, titleWeight);
  for (const w of text.body) add(w, 1);
  const out: TermVector = new Map();
  for (const [stem, { n, df }] of tf) {
    out.set(stem, (1 + Math.log(n)) * Math.log((stats.documents + 1) / (df + 0.5)));
  }
  return unit(out);
}

/** Cosine of two unit-length term vectors (0 when they share no stem). */
export function termCosine(a: TermVector, b: TermVector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let sum = 0;
  for (const [stem, x] of small) sum += x * (large.get(stem) ?? 0);
  return sum;
}

/**
 * Rocchio: `seed` plus `weight` × the unit mean of `others`, scaled to unit length; `seed` itself
 * when there are no others or the weight is 0.
 */
export function towards(seed: TermVector, others: TermVector[], weight: number): TermVector {
  if (others.length === 0 || weight <= 0) return seed;
  const mean: TermVector = new Map();
  for (const v of others) {
    for (const [stem, x] of v) mean.set(stem, (mean.get(stem) ?? 0) + x / others.length);
  }
  const out: TermVector = new Map(seed);
  for (const [stem, x] of unit(mean)) out.set(stem, (out.get(stem) ?? 0) + weight * x);
  return unit(out);
}

function unit(v: TermVector): TermVector {
  let sum = 0;
  for (const x of v.values()) sum += x * x;
  const length = Math.sqrt(sum);
  if (length === 0) return new Map();
  return new Map([...v].map(([stem, x]) => [stem, x / length]));
}
