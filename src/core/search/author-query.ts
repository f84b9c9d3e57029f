/**
 * A query that is an author's name ("Chengsong Huang"): when the store knows that exact name,
 * their papers come first and the page offers `author:"…"` to see only theirs. Looked up by the
 * author key (core/papers/author-key.ts), so it is one index lookup per plain 2–5 word query.
 */
import { authorKey } from '../papers/author-key.ts';
import type { AuthorLookup } from './ports.ts';
import { hasFilters, type ParsedQuery } from './query.ts';

/** Most of an author's papers put first. */
const AUTHOR_FIRST = 50;

export interface AuthorMatch {
  /** The name as most of their papers write it. */
  name: string;
  /** How many papers the store holds by that name. */
  total: number;
  /** Their newest papers (up to 50), placed first. */
  ids: string[];
}

/** Whether a query could be a name: 2–5 plain words, no phrases, exclusions or filters. */
export function looksLikeName(query: ParsedQuery): boolean {
  return (
    query.words.length >= 2 &&
    query.words.length <= 5 &&
    query.phrases.length === 0 &&
    query.excluded.length === 0 &&
    !hasFilters(query.filters) &&
    !query.raw.includes(':')
  );
}

/** The author the whole query names, or null. */
export async function findAuthor(
  authors: AuthorLookup,
  query: ParsedQuery,
): Promise<AuthorMatch | null> {
  if (!looksLikeName(query)) return null;
  const found = await authors.papersBy(authorKey(query.raw), { limit: AUTHOR_FIRST, offset: 0 });
  if (found.total === 0 || found.ids.length === 0) return null;
  return { name: found.name ?? query.raw, total: found.total, ids: found.ids };
}

/** The `author:` query that shows only their papers. */
export function authorQuery(name: string): string {
  return `author:"${name.replaceAll('"', '')}"`;
}
