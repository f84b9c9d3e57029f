/**
 * The lookup key of an author name: Unicode-normalised (NFKC), case-folded, whitespace collapsed,
 * so "Ada  Lovelace" and "ada lovelace" reach the same author page. Names are not disambiguated
 * (see the non-goals in docs/DESIGN.md).
 */
export function authorKey(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}
