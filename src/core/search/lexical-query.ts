/**
 * A keyword query as the lexical index matches and scores it, in stems (the core FTS5
 * tokenizer's), independent of any engine: the phrases that must all match, the groups of which
 * one must match, the phrases that must not. SQLite's FTS5 expression (fts-query.ts matchExpr)
 * and PostgreSQL's tsquery express the same structure, so both engines match the same papers and
 * score the same phrases (FTS5's bm25 sums over every phrase of the expression, in order).
 */
import { forEachToken, stemToken } from '../text/fts5-tokenizer.ts';

/** Columns of the lexical index. */
export type Column = 'title' | 'abstract' | 'authors';

/** BM25 column weights, as SQLite's bm25(3, 1, 1). */
export const COLUMN_WEIGHTS: Record<Column, number> = { title: 3, abstract: 1, authors: 1 };

/** Consecutive stems, optionally only in one column. */
export interface Phrase {
  stems: string[];
  column: Column | null;
}

export interface LexicalQuery {
  /** All must match. */
  required: Phrase[];
  /** One group (all of its phrases) must match; no condition when empty. */
  anyOf: Phrase[][];
  /** None may match (anywhere). */
  excluded: Phrase[];
}

/** The stems of a word or phrase as FTS5 tokenizes a quoted string. */
export function stemsOf(text: string): string[] {
  const out: string[] = [];
  forEachToken(text, (token) => {
    out.push(stemToken(token));
  });
  return out;
}

/**
 * The query FTS5's matchExpr builds, in stems: phrases and author names (each word in the
 * authors column) required; terms (one group when `join` is AND), phrases again and the whole
 * query as a title phrase (2+ words) loose — only when there are terms; exclusions.
 */
export function lexicalQuery(
  terms: string[],
  phrases: string[][],
  excluded: string[][],
  authors: string[],
  titlePhrase: string[] = [],
  join: 'OR' | 'AND' = 'OR',
  /** OR-ed terms are repeated this many times (bm25 sums every phrase): weights (timesOf). */
  times: (term: string) => number = () => 1,
): LexicalQuery {
  const phrase = (words: string[], column: Column | null = null): Phrase => ({
    stems: stemsOf(words.join(' ')),
    column,
  });
  const quoted = phrases.map((p) => phrase(p));
  const required = [
    ...quoted,
    ...authors.flatMap((name) => name.split(' ').map((w) => phrase([w], 'authors'))),
  ];
  const anyOf: Phrase[][] = [];
  if (terms.length > 0) {
    const termPhrases = terms.map((t) => phrase([t]));
    if (join === 'AND' && terms.length > 1) anyOf.push(termPhrases);
    else {
      terms.forEach((t, i) => {
        const p = termPhrases[i] as Phrase;
        for (let n = Math.max(1, times(t)); n > 0; n--) anyOf.push([p]);
      });
    }
    anyOf.push(...quoted.map((p) => [p]));
    if (titlePhrase.length >= 2) anyOf.push([phrase(titlePhrase, 'title')]);
  }
  return {
    required,
    anyOf: anyOf.filter((g) => g.every((p) => p.stems.length > 0)),
    excluded: excluded.map((p) => phrase(p)).filter((p) => p.stems.length > 0),
  };
}

/** Whether the query can match anything (a required phrase with no token never matches). */
export function canMatch(q: LexicalQuery): boolean {
  return (
    q.required.every((p) => p.stems.length > 0) && (q.required.length > 0 || q.anyOf.length > 0)
  );
}

/** The phrases FTS5's bm25 sums over, in expression order (excluded ones only ever add 0). */
export function scoredPhrases(q: LexicalQuery): Phrase[] {
  return [...q.required, ...q.anyOf.flat()];
}

/** Every stem of the query's scored phrases, once. */
export function queryStems(q: LexicalQuery): string[] {
  return [...new Set(scoredPhrases(q).flatMap((p) => p.stems))];
}
