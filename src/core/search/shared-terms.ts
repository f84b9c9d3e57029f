/**
 * "Why similar": which of the source's key terms a result holds. Words are stemmed with the
 * same Porter algorithm as the index (core/text/porter-stemmer.ts), so "networks" in the result
 * counts for the key term "network".
 */
import { porterStem } from '../text/porter-stemmer.ts';
import type { KeyTerm } from './key-terms.ts';
import { textWords } from './query.ts';

/** Surface forms of the key terms whose stems occur in `text`, in key-term order. */
export function sharedTerms(keyTerms: KeyTerm[], text: string): string[] {
  if (keyTerms.length === 0) return [];
  const stems = new Set<string>();
  for (const w of textWords(text)) stems.add(stemOf(w));
  return keyTerms.filter((t) => stems.has(t.stem)).map((t) => t.word);
}

/** Words recur across results: their stems are remembered (up to STEM_MEMO words). */
const STEM_MEMO = 50_000;
const memo = new Map<string, string>();

function stemOf(word: string): string {
  let stem = memo.get(word);
  if (stem === undefined) {
    if (memo.size >= STEM_MEMO) memo.clear();
    stem = porterStem(word);
    memo.set(word, stem);
  }
  return stem;
}
