/**
 * Building FTS5 MATCH expressions from parsed queries. Every word is emitted as a quoted string,
 * so FTS5 syntax a user types (AND, OR, NOT, NEAR, *, ^, :, parentheses) is plain text here and
 * can never produce an FTS5 syntax error.
 */
import type { SearchFilters } from '../../core/search/query.ts';

/** Quotes one token for FTS5 (tokens hold only letters and digits, but be safe anyway). */
export function quote(token: string): string {
  return `"${token.replaceAll('"', '""')}"`;
}

/** `"a b c"` for a phrase. */
export function phraseExpr(words: string[]): string {
  return quote(words.join(' '));
}

/** The author filter as an FTS5 column filter: every word of one name, in the authors column. */
export function authorExpr(authors: string[]): string | null {
  if (authors.length === 0) return null;
  const one = (name: string) => `(authors : (${name.split(' ').map(quote).join(' AND ')}))`;
  return authors.map(one).join(' AND ');
}

/**
 * A full MATCH expression: required parts (phrases, authors) AND-ed, loose terms OR-ed, and the
 * excluded words and phrases removed with NOT. Phrases also take part in the OR, so BM25 ranks
 * them (FTS5 scores every phrase of the expression).
 */
export function matchExpr(
  terms: string[],
  phrases: string[][],
  excluded: string[][],
  filters: Pick<SearchFilters, 'authors'>,
  titlePhrase: string[] = [],
  /** 'AND': every term must appear (the title phrase still ORs in). */
  join: 'OR' | 'AND' = 'OR',
  /** OR-ed terms are repeated this many times (FTS5's bm25() adds each occurrence): weights. */
  times: (term: string) => number = () => 1,
): string | null {
  const termExprs =
    join === 'AND' && terms.length > 1
      ? [`(${terms.map(quote).join(' AND ')})`]
      : terms.flatMap((t) => Array.from({ length: Math.max(1, times(t)) }, () => quote(t)));
  const loose = [...termExprs, ...phrases.map(phraseExpr)];
  // The whole query as a phrase in the title: an exact (or contained) title ranks first.
  if (titlePhrase.length >= 2) loose.push(`(title : ${phraseExpr(titlePhrase)})`);
  const required = [...phrases.map(phraseExpr)];
  const authors = authorExpr(filters.authors);
  if (authors) required.push(authors);
  const parts: string[] = [];
  if (required.length > 0) parts.push(required.join(' AND '));
  if (loose.length > 0 && terms.length > 0) parts.push(`(${loose.join(' OR ')})`);
  if (parts.length === 0) return null;
  let expr = parts.join(' AND ');
  if (excluded.length > 0) expr = `(${expr}) NOT (${excluded.map(phraseExpr).join(' OR ')})`;
  return expr;
}

/** The excluded words and phrases as one OR expression, or null. */
export function excludedExpr(excluded: string[][]): string | null {
  return excluded.length > 0 ? excluded.map(phraseExpr).join(' OR ') : null;
}
