/**
 * Exact titles first, the same on every engine: keyword hits whose title holds the whole query
 * as consecutive words are placed above all others (an exact or contained title must win at any
 * size, whatever BM25's plan). Pure; the search indexes find the candidates.
 */
import type { TextHit } from './ports.ts';
import { wordsOf } from './query.ts';

/** Longest query (in words) looked for as a whole title. */
export const TITLE_PHRASE_WORDS = 24;

/** Whether a query of these words is looked for as a whole title (2 to TITLE_PHRASE_WORDS words). */
export function looksForTitle(words: string[]): boolean {
  return words.length >= 2 && words.length <= TITLE_PHRASE_WORDS;
}

/** A keyword hit with its paper's title (for the whole-title check). */
export interface TitledHit extends TextHit {
  title: string;
}

/** Whether `title` holds the query's `words` as consecutive words. */
export function titleHolds(title: string, words: string[]): boolean {
  return containsRun(wordsOf(title), words);
}

/**
 * The best `limit` of `hits` (sorted), those whose title holds the query's words as a run first
 * (queries of 2 to TITLE_PHRASE_WORDS words).
 */
export function titledFirst(hits: TitledHit[], words: string[], limit: number): TextHit[] {
  const titled = looksForTitle(words)
    ? hits.filter((h) => titleHolds(h.title, words)).map((h) => h.id)
    : [];
  return placeFirst(hits, titled, limit);
}

/**
 * The best `limit` of `hits` (sorted) with the papers `first` placed above them all, in that
 * order (an exact title must win); titles are dropped, signals and key-term bits kept.
 */
export function placeFirst(hits: TextHit[], first: string[], limit: number): TextHit[] {
  const plain = (h: TextHit): TextHit => ({
    id: h.id,
    score: h.score,
    signals: h.signals,
    matched: h.matched,
  });
  if (first.length === 0) return hits.slice(0, limit).map(plain);
  const top = (hits[0]?.score ?? 0) + 1;
  const known = new Map(hits.map((h) => [h.id, h]));
  const placed = new Set(first);
  return [
    ...first.map((id, i) => ({
      id,
      score: top + (first.length - i) * 1e-3,
      signals: known.get(id)?.signals,
      matched: known.get(id)?.matched,
    })),
    ...hits.filter((h) => !placed.has(h.id)).map(plain),
  ].slice(0, limit);
}

/** Whether `run` appears in `words` as consecutive words. */
export function containsRun(words: string[], run: string[]): boolean {
  outer: for (let i = 0; i + run.length <= words.length; i++) {
    for (let j = 0; j < run.length; j++) if (words[i + j] !== run[j]) continue outer;
    return true;
  }
  return false;
}
