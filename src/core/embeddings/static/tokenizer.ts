/**
 * The tokenizer of paperboy's static embedding model. A text becomes normalised words (lower case,
 * accents stripped, split at anything that is not a letter or digit, English stop words dropped,
 * Porter-stemmed), and those become a bag of tokens: every word and every adjacent pair of words
 * ("bigram"). Tokens in the vocabulary carry an id; every token also carries a hash, which gives it
 * its fixed pseudo-random vector, so rare and unseen terms still match exactly.
 */
import { porterStem } from '../../text/porter-stemmer.ts';
import { hashString } from './random.ts';

/** English function words, dropped before stemming (Lucene's list plus a few common ones). */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above after again against all am an and any are as at be because been before being
  below between both but by can could did do does doing down during each few for from further had
  has have having he her here hers herself him himself his how i if in into is it its itself just
  me more most my myself no nor not now of off on once only or other our ours ourselves out over
  own same she should so some such than that the their theirs them themselves then there these
  they this those through to too under until up very was we were what when where which while who
  whom why will with would you your yours yourself yourselves also et al via thus however may might
  must shall upon whether within without yet`.split(/\s+/),
);

const WORD = /[\p{L}\p{N}]+/gu;
const COMBINING_MARKS = /\p{M}+/gu;
// biome-ignore lint/suspicious/noControlCharactersInRegex: any character outside ASCII
const NON_ASCII = /[^\x00-\x7f]/;
/** Longest word kept (longer runs are usually URLs, hashes or formulas). */
const MAX_WORD_LENGTH = 40;

/** Splits texts into normalised, stemmed words; remembers stems it has computed. */
export class WordSplitter {
  private readonly stems = new Map<string, string>();

  /** The normalised words of `text`, in order. */
  words(text: string): string[] {
    const lower = text.toLowerCase();
    const plain = NON_ASCII.test(lower)
      ? lower.normalize('NFKD').replace(COMBINING_MARKS, '')
      : lower;
    const out: string[] = [];
    for (const match of plain.matchAll(WORD)) {
      const raw = match[0];
      if (raw.length < 2 || raw.length > MAX_WORD_LENGTH || STOP_WORDS.has(raw)) continue;
      let stem = this.stems.get(raw);
      if (stem === undefined) {
        stem = porterStem(raw);
        if (this.stems.size < 1_000_000) this.stems.set(raw, stem);
      }
      out.push(stem);
    }
    return out;
  }
}

/** The token of an adjacent word pair. */
export function bigramToken(first: string, second: string): string {
  return `${first} ${second}`;
}

/** Which tokens the model knows, built from a corpus by `buildVocabulary`. */
export interface Vocabulary {
  /** Token strings: words, then word pairs joined by a space. Index = token id. */
  tokens: string[];
  /** Number of training documents each token occurred in. */
  documentFrequency: Uint32Array;
  /** Number of documents the frequencies were counted over. */
  documentCount: number;
}

export interface VocabularyOptions {
  /** Keep words that occur in at least this many documents. */
  minWordCount: number;
  /** At most this many words (the most frequent). */
  maxWords: number;
  /** Keep word pairs in at least this many documents (0 = no bigrams). */
  minBigramCount: number;
  /** At most this many word pairs (the most frequent). */
  maxBigrams: number;
}

/** Counts document frequencies over `documents` (each a list of words) and keeps the frequent. */
export function buildVocabulary(
  documents: Iterable<readonly string[]>,
  options: VocabularyOptions,
): Vocabulary {
  const words = new Map<string, number>();
  const pairs = new Map<string, number>();
  let documentCount = 0;
  for (const doc of documents) {
    documentCount++;
    const seen = new Set<string>();
    for (let i = 0; i < doc.length; i++) {
      const w = doc[i] as string;
      if (!seen.has(w)) {
        seen.add(w);
        words.set(w, (words.get(w) ?? 0) + 1);
      }
      if (options.minBigramCount > 0 && i + 1 < doc.length) {
        const p = bigramToken(w, doc[i + 1] as string);
        if (!seen.has(p)) {
          seen.add(p);
          pairs.set(p, (pairs.get(p) ?? 0) + 1);
        }
      }
    }
  }
  const keep = (counts: Map<string, number>, min: number, max: number) =>
    [...counts]
      .filter(([, n]) => n >= min)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .slice(0, max);
  const kept = [
    ...keep(words, options.minWordCount, options.maxWords),
    ...(options.minBigramCount > 0 ? keep(pairs, options.minBigramCount, options.maxBigrams) : []),
  ];
  return {
    tokens: kept.map(([t]) => t),
    documentFrequency: Uint32Array.from(kept.map(([, n]) => n)),
    documentCount,
  };
}

/**
 * A text as the model sees it. Vocabulary tokens (words and pairs) by id with counts; words
 * outside the vocabulary by hash with counts; and every distinct token (known or not, words and
 * pairs) by hash with its count and whether it is a pair, for the lexical part.
 */
export interface Bag {
  ids: Int32Array;
  counts: Float32Array;
  oovHashes: Uint32Array;
  oovCounts: Float32Array;
  /** Every distinct token: vocabulary id or -1. */
  allIds: Int32Array;
  allHashes: Uint32Array;
  allCounts: Float32Array;
  /** 1 for word pairs, 0 for words. */
  allPairs: Uint8Array;
}

/** Turns words into bags against a fixed vocabulary. */
export class BagEncoder {
  private readonly index = new Map<string, number>();

  constructor(
    tokens: readonly string[],
    private readonly hashSeed: number,
  ) {
    tokens.forEach((t, i) => {
      this.index.set(t, i);
    });
  }

  /** Token id of `token`, or -1. */
  id(token: string): number {
    return this.index.get(token) ?? -1;
  }

  /** The bag of `words`. */
  encode(words: readonly string[]): Bag {
    const counts = new Map<string, number>();
    for (let i = 0; i < words.length; i++) {
      const w = words[i] as string;
      counts.set(w, (counts.get(w) ?? 0) + 1);
      if (i > 0) {
        const pair = bigramToken(words[i - 1] as string, w);
        counts.set(pair, (counts.get(pair) ?? 0) + 1);
      }
    }
    const n = counts.size;
    const allIds = new Int32Array(n);
    const allHashes = new Uint32Array(n);
    const allCounts = new Float32Array(n);
    const allPairs = new Uint8Array(n);
    const ids: number[] = [];
    const idCounts: number[] = [];
    const oovHashes: number[] = [];
    const oovCounts: number[] = [];
    let i = 0;
    for (const [token, count] of counts) {
      const id = this.index.get(token) ?? -1;
      const hash = hashString(token, this.hashSeed);
      const pair = token.includes(' ');
      allIds[i] = id;
      allHashes[i] = hash;
      allCounts[i] = count;
      allPairs[i] = pair ? 1 : 0;
      i++;
      if (id >= 0) {
        ids.push(id);
        idCounts.push(count);
      } else if (!pair) {
        oovHashes.push(hash);
        oovCounts.push(count);
      }
    }
    return {
      ids: Int32Array.from(ids),
      counts: Float32Array.from(idCounts),
      oovHashes: Uint32Array.from(oovHashes),
      oovCounts: Float32Array.from(oovCounts),
      allIds,
      allHashes,
      allCounts,
      allPairs,
    };
  }
}
