/**
 * A saved search is stored as the search page's query string (`q=graph+neural&category=cs.LG`),
 * so "Email me new papers like this" saves exactly what the reader was looking at and the search
 * use case reads it back with its own parser. Here: canonical form, size and safety checks.
 */
import { createError } from '../errors.ts';
import { hasControlCharacters } from './address.ts';

/** Hugging Face's limit on a search query, which we share. */
export const MAX_QUERY_LENGTH = 250;

/** Parameters that belong to a result page, not to the search itself. */
const PAGE_PARAMS = new Set(['page', 'p', 'limit', 'offset', 'format', 'sort', 'mode']);

/** What a saved search may hold besides its words: the /search page's filters. */
const FILTER_PARAMS = ['cat', 'author', 'year', 'from', 'to'];

/**
 * The canonical query string for a search given as free text (`graph neural networks`) or as a
 * query string (`q=…&category=…`): paging parameters dropped, keys sorted, empty values removed.
 * Throws `invalid_query` when there are neither words nor filters, a value is too long or holds
 * control characters. (The search's parser checks the rest: see AlertSource.validate.)
 */
export function canonicalSearch(input: string): string {
  const trimmed = input.trim();
  const params = /^[a-z_]+=/i.test(trimmed)
    ? new URLSearchParams(trimmed)
    : new URLSearchParams({ q: trimmed });
  for (const [k, v] of params) {
    if (hasControlCharacters(v) || hasControlCharacters(k)) {
      throw createError('invalid_query', 'line breaks and control characters are not allowed');
    }
  }
  const entries = [...params.entries()]
    .map(([k, v]) => [k, v.trim().replace(/ +/g, ' ')] as const)
    .filter(([k, v]) => v !== '' && !PAGE_PARAMS.has(k))
    .sort(([a, av], [b, bv]) => a.localeCompare(b) || av.localeCompare(bv));
  const hasWords = entries.some(([k]) => k === 'q');
  const hasFilter = entries.some(([k]) => FILTER_PARAMS.includes(k));
  if (!hasWords && !hasFilter) {
    throw createError(
      'invalid_query',
      'an alert needs search words (q) or a filter (cat, author, year, from, to)',
    );
  }
  for (const [k, v] of entries) {
    if (v.length > MAX_QUERY_LENGTH) {
      throw createError(
        'invalid_query',
        `${k} is ${v.length} characters; the limit is ${MAX_QUERY_LENGTH}`,
      );
    }
  }
  return new URLSearchParams(entries.map(([k, v]): [string, string] => [k, v])).toString();
}

/** A saved search in words, for headings and subjects: `graph neural networks` or `cat:cs.CL`. */
export function searchText(query: string): string {
  const params = new URLSearchParams(query);
  const words = params.get('q');
  if (words) return words;
  return [...params.entries()].map(([k, v]) => `${k}:${v}`).join(' ') || query;
}

/** The filters of a saved search other than its words, e.g. `[['category', 'cs.LG']]`. */
export function searchFilters(query: string): [string, string][] {
  return [...new URLSearchParams(query).entries()].filter(([k]) => k !== 'q');
}
